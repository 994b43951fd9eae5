import { describe, expect, it } from 'vitest'
import { SECURITY_CATEGORY } from '../../src-shared/incident/vocabulary'
import { fromRecord } from '../../src-renderer/store/records'
import { disclosureTrackingIncidents, incidentByNumber, visibleIncidents, runningMajorIncidents } from '../../src-renderer/store/incidentLookups'
import { freshDatabase, outlookIncident, storeFor } from './storeHarness'

/**
 * The projection's `majorFlag` and `securityFlag` index keys (schema v4): written by every
 * command that makes an incident major or security, gone when it stops being one, never part
 * of the incident read back; and what the major-incident list and the disclosure reminders read.
 */
const MANAGER = { userId: 'u-ines', displayName: 'Ines Moreau' }

async function desk() {
  const db = freshDatabase()
  const { store } = storeFor(db, { ...MANAGER, role: 'admin' })
  const log = async (overrides: Parameters<typeof outlookIncident>[0] = {}) => {
    const logged = await store.logIncident(outlookIncident(overrides))
    if (!logged.ok) throw new Error(logged.refusal.message)
    return logged.incident
  }
  return { db, store, log }
}

describe('major and security index flags', () => {
  it('puts an incident in the major index when it is declared major, and nothing else', async () => {
    const { db, store, log } = await desk()
    const outage = await log({ shortDescription: 'Email down for the whole company', impact: 1, urgency: 1 })
    const plain = await log()
    expect(await db.incidents.where('majorFlag').equals(1).count()).toBe(0)

    expect((await store.execute({ action: 'declareMajor', incidentId: outage.id, incidentManager: MANAGER, reason: 'Company-wide outage' })).ok).toBe(true)
    expect(await db.incidents.where('majorFlag').equals(1).primaryKeys()).toEqual([outage.id])
    const row = (await db.incidents.get(outage.id))!
    expect(row.majorFlag).toBe(1)
    expect('securityFlag' in row).toBe(false)
    expect('majorFlag' in (await db.incidents.get(plain.id))!).toBe(false)
    // Index keys only: the incident read back has neither.
    expect(fromRecord(row)).not.toHaveProperty('majorFlag')
    expect(await store.get(outage.id)).toMatchObject({ isMajor: true })
    expect(await store.get(outage.id)).not.toHaveProperty('majorFlag')
  })

  it('follows the Security category in and out of the security index', async () => {
    const { db, store, log } = await desk()
    const loggedAsSecurity = await log({ shortDescription: 'Phishing mail with a payroll link', category: SECURITY_CATEGORY })
    const mailbox = await log({ shortDescription: 'Mailbox rule forwarding payroll mail outside' })
    expect(await db.incidents.where('securityFlag').equals(1).primaryKeys()).toEqual([loggedAsSecurity.id])

    expect((await store.execute({ action: 'categorize', incidentId: mailbox.id, category: SECURITY_CATEGORY })).ok).toBe(true)
    expect((await db.incidents.where('securityFlag').equals(1).primaryKeys()).sort()).toEqual([loggedAsSecurity.id, mailbox.id].sort())

    // Recategorized away from Security: out of the index (the key is removed, not set to 0).
    expect((await store.execute({ action: 'categorize', incidentId: mailbox.id, category: 'email' })).ok).toBe(true)
    expect(await db.incidents.where('securityFlag').equals(1).primaryKeys()).toEqual([loggedAsSecurity.id])
    expect('securityFlag' in (await db.incidents.get(mailbox.id))!).toBe(false)
  })

  it('feeds the major-incident list and the disclosure reminders from the indexes', async () => {
    const { store, db, log } = await desk()
    const outage = await log({ shortDescription: 'Email down for the whole company', impact: 1, urgency: 1 })
    await log({ shortDescription: 'Printer jams', impact: 1, urgency: 1 })
    const breach = await log({ shortDescription: 'Payroll mail forwarded outside', category: SECURITY_CATEGORY })
    const untracked = await log({ shortDescription: 'Suspicious login', category: SECURITY_CATEGORY })
    await store.execute({ action: 'declareMajor', incidentId: outage.id, incidentManager: MANAGER, reason: 'Company-wide outage' })
    await store.execute({ action: 'trackDisclosure', incidentId: breach.id, step: { kind: 'regimes', regimes: ['gdpr'] } })

    const admin = { ...MANAGER, role: 'admin' as const }
    expect((await runningMajorIncidents(db, admin)).map((incident) => incident.id)).toEqual([outage.id])
    // Only security incidents that track a regime have deadlines to remind of.
    expect((await disclosureTrackingIncidents(db, admin)).map((incident) => incident.id)).toEqual([breach.id])
    expect(untracked.isSecurity).toBe(true)

    // Someone outside the security group reaches no security incident, whether listed, by id or by number.
    const agent = { ...MANAGER, role: 'l1_agent' as const }
    expect(await disclosureTrackingIncidents(db, agent)).toEqual([])
    expect(await visibleIncidents(db, [breach.id, outage.id], agent)).toEqual([undefined, expect.objectContaining({ id: outage.id })])
    expect(await incidentByNumber(db, breach.number, agent)).toBeUndefined()
    expect((await incidentByNumber(db, breach.number, admin))?.id).toBe(breach.id)
  })
})
