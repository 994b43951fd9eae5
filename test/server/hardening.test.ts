/**
 * The security review's findings, each as the attack it was: an account of each role trying to
 * read what it must not see, falsify the record, or leak what exists. Each test failed on the
 * server before the fix (see SECURITY.md for the threat model).
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { IncidentEvent } from '../../src-shared/events/events'
import { newId } from '../../src-shared/events/ids'
import { packImported } from '../../src-shared/events/importedEvents'
import type { Actor } from '../../src-shared/incident/roles'
import type { PullResponse, PushResult } from '../../src-shared/sync/protocol'
import { advance, createDesk, incidentIn, people, reports, stampEvents, type Desk } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const evidence = new TextEncoder().encode('%PDF-1.7 mail headers of the phishing message, kept as evidence')
const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function upload(server: ServerHarness, as: Actor, bytes: Uint8Array) {
  return server.request({ method: 'PUT', url: `/api/v1/attachments/${hashOf(bytes)}`, as, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(bytes) })
}

function download(server: ServerHarness, as: Actor, sha256: string) {
  return server.request({ method: 'GET', url: `/api/v1/attachments/${sha256}`, as })
}

function attach(desk: Desk, incidentId: string, bytes: Uint8Array, by: Actor): IncidentEvent[] {
  const attachment = { attachmentId: newId(), name: 'evidence.pdf', mediaType: 'application/pdf', size: bytes.byteLength, sha256: hashOf(bytes) }
  return desk.run({ action: 'attach', incidentId, attachment }, by)
}

/** Pushes and returns the one result, for the one-event attacks below. */
async function pushOne(server: ServerHarness, actor: Actor, events: readonly IncidentEvent[]): Promise<PushResult> {
  const { results } = await server.push(actor, events)
  return results[results.length - 1]!
}

/** An event as a desk that skips the shared rules would stamp it. */
function forged(desk: Desk, actor: Actor, draft: Pick<IncidentEvent, 'incidentId' | 'type' | 'payload'>, change: Partial<IncidentEvent> = {}): IncidentEvent {
  return { ...stampEvents([draft as never], actor, desk.clock)[0]!, ...change } as IncidentEvent
}

describeServer('security review findings', (server) => {
  /** Priya's security incident with the phishing mail attached, its bytes uploaded by her. */
  async function evidenceOfASecurityIncident(): Promise<void> {
    const desk = createDesk()
    const { incident: phishing } = incidentIn('in_progress', { desk, report: reports.phishingClick, loggedBy: people.priya, assignee: people.priya })
    attach(desk, phishing.id, evidence, people.priya)
    expect((await upload(server, people.priya, evidence)).statusCode).toBe(200)
    await server.pushAll(desk.events)
  }

  describe('1. attachment bytes are not readable by hash alone', () => {
    it('should refuse an L1 reference to a security incident’s file and keep its bytes from the L1', async () => {
      await evidenceOfASecurityIncident()

      const own = createDesk()
      const mine = own.log(reports.printerJams, people.grace)
      await server.pushAll(own.events)
      const result = await pushOne(server, people.grace, attach(own, mine.id, evidence, people.grace))
      expect(result).toMatchObject({ status: 'refused', code: 'attachment_not_available' })
      expect((await download(server, people.grace, hashOf(evidence))).statusCode).toBe(404)
      expect((await download(server, people.priya, hashOf(evidence))).statusCode).toBe(200)
    })

    it('should not give a file back by re-referencing it after its incident moved into Security', async () => {
      const desk = createDesk()
      const { incident: laptop } = incidentIn('in_progress', { desk, report: reports.printerJams, loggedBy: people.grace, assignee: people.grace })
      attach(desk, laptop.id, evidence, people.grace)
      expect((await upload(server, people.grace, evidence)).statusCode).toBe(200)
      await server.pushAll(desk.events)
      expect((await download(server, people.dmitri, hashOf(evidence))).statusCode).toBe(200)

      // Priya sees what the file really is and moves the incident into Security.
      desk.run({ action: 'categorize', incidentId: laptop.id, category: 'security', subcategory: 'phishing' }, people.priya)
      await server.pushAll(desk.events.slice(-1))
      expect((await download(server, people.dmitri, hashOf(evidence))).statusCode).toBe(404)

      const his = createDesk()
      const mine = his.log(reports.vpnDrops, people.dmitri)
      await server.pushAll(his.events)
      expect(await pushOne(server, people.dmitri, attach(his, mine.id, evidence, people.dmitri))).toMatchObject({ status: 'refused', code: 'attachment_not_available' })
      expect((await download(server, people.dmitri, hashOf(evidence))).statusCode).toBe(404)
    })

    it('should not let a reference pushed before the bytes arrive open them when someone else uploads them', async () => {
      const attacker = createDesk()
      const bait = attacker.log(reports.printerJams, people.grace)
      await server.pushAll(attacker.events)
      // Accepted (nothing to compare with yet), but it names bytes Grace never held.
      expect(await pushOne(server, people.grace, attach(attacker, bait.id, evidence, people.grace))).toMatchObject({ status: 'accepted' })

      const desk = createDesk()
      const { incident: phishing } = incidentIn('in_progress', { desk, report: reports.phishingClick, loggedBy: people.priya, assignee: people.priya })
      attach(desk, phishing.id, evidence, people.priya)
      await server.pushAll(desk.events)
      expect((await upload(server, people.priya, evidence)).statusCode).toBe(200)
      expect((await download(server, people.grace, hashOf(evidence))).statusCode).toBe(404)
      expect((await download(server, people.dmitri, hashOf(evidence))).statusCode).toBe(404)
    })

    it('should let a second person attach the same file they hold: uploading it first proves it', async () => {
      await evidenceOfASecurityIncident()

      const own = createDesk()
      const mine = own.log(reports.printerJams, people.grace)
      await server.pushAll(own.events)
      expect((await upload(server, people.grace, evidence)).json()).toEqual({ stored: false })
      expect(await pushOne(server, people.grace, attach(own, mine.id, evidence, people.grace))).toMatchObject({ status: 'accepted' })
      expect((await download(server, people.dmitri, hashOf(evidence))).statusCode).toBe(200)
    })

    it('should always send the bytes as an inert download, never in the uploader’s type', async () => {
      const page = new TextEncoder().encode('<script>alert(document.domain)</script>')
      const desk = createDesk()
      const incident = desk.log(reports.printerJams, people.grace)
      desk.run({ action: 'attach', incidentId: incident.id, attachment: { attachmentId: newId(), name: 'x.html', mediaType: 'text/html', size: page.byteLength, sha256: hashOf(page) } }, people.grace)
      expect((await upload(server, people.grace, page)).statusCode).toBe(200)
      await server.pushAll(desk.events)
      const response = await download(server, people.dmitri, hashOf(page))
      expect(response.headers['content-type']).toBe('application/octet-stream')
      expect(response.headers['content-disposition']).toBe('attachment')
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['content-security-policy']).toContain("default-src 'none'")
    })
  })

  describe('5. the audit trail names the account and the server’s time', () => {
    it('should stamp the author’s name from the account, whatever the desk wrote', async () => {
      const desk = createDesk()
      const signedAsAdmin = { ...people.grace, displayName: 'Administrator' }
      desk.log(reports.printerJams, signedAsAdmin)
      const { results } = await server.push(people.grace, desk.events)
      expect(results[0]).toMatchObject({ status: 'accepted' })
      const [stored] = await server.pullAll(people.dmitri)
      expect(stored!.event.actor).toEqual(people.grace)
      // A retry of the same push is still the same event, not a conflict.
      expect((await server.push(people.grace, desk.events)).results[0]).toMatchObject({ status: 'duplicate' })
    })

    it('should refuse a device time ahead of the server’s, keep offline work from days ago, and refuse a time before the incident existed', async () => {
      const desk = createDesk()
      desk.clock.nowMs = server.clock.now.getTime() - 3 * DAY
      const incident = desk.log(reports.printerJams, people.grace)
      expect(await pushOne(server, people.grace, desk.events)).toMatchObject({ status: 'accepted' })

      const threeDaysAhead = forged(desk, people.grace, { incidentId: incident.id, type: 'WorkNoteAdded', payload: { text: 'Dated ahead.' } }, {
        occurredAt: new Date(server.clock.now.getTime() + 3 * DAY).toISOString(),
      })
      expect(await pushOne(server, people.grace, [threeDaysAhead])).toMatchObject({ status: 'refused', code: 'clock_ahead' })

      const beforeIt = forged(desk, people.grace, { incidentId: incident.id, type: 'WorkNoteAdded', payload: { text: 'Backdated.' } }, {
        occurredAt: new Date(Date.parse(incident.createdAt) - 2 * HOUR).toISOString(),
      })
      expect(await pushOne(server, people.grace, [beforeIt])).toMatchObject({ status: 'refused', code: 'before_incident' })

      // An imported incident's steps are dated one by one: a resolution ahead of the server, or before the logging, is refused.
      const importedDesk = createDesk()
      importedDesk.clock.nowMs = server.clock.now.getTime() - 3 * DAY
      const importedIncident = incidentIn('resolved', { desk: importedDesk }).incident
      const importedEvents = importedDesk.eventsOf(importedIncident.id).map((event) => ({ ...event, actor: people.grace }))
      const datedAt = (index: number, at: number) => packImported(importedEvents.map((event, position) => (position === index ? { ...event, occurredAt: new Date(at).toISOString() } : event)))!
      const last = importedEvents.length - 1
      expect(await pushOne(server, people.grace, [datedAt(last, server.clock.now.getTime() + 3 * DAY)])).toMatchObject({ status: 'refused', code: 'clock_ahead' })
      expect(await pushOne(server, people.grace, [datedAt(last, Date.parse(importedIncident.createdAt) - 2 * HOUR)])).toMatchObject({ status: 'refused', code: 'before_incident' })
      expect(await pushOne(server, people.grace, [packImported(importedEvents)!])).toMatchObject({ status: 'accepted' })

      // A desk clock a minute fast is within the allowed skew.
      const slightlyFast = forged(desk, people.grace, { incidentId: incident.id, type: 'WorkNoteAdded', payload: { text: 'Clock a minute fast.' } }, {
        occurredAt: new Date(server.clock.now.getTime() + 60_000).toISOString(),
      })
      expect(await pushOne(server, people.grace, [slightlyFast])).toMatchObject({ status: 'accepted' })
      const received = await server.database.query<{ received_at: unknown }>('SELECT received_at FROM events WHERE id = $1', [slightlyFast.id])
      expect(new Date(received[0]!.received_at as string).toISOString()).toBe(server.clock.now.toISOString())
    })
  })

  describe('6. one answer for "does not exist" and "you may not see it"', () => {
    it('should answer a re-log of a hidden incident’s id exactly as one of a visible incident', async () => {
      const desk = createDesk()
      const hidden = desk.log(reports.phishingClick, people.priya)
      const visible = desk.log(reports.printerJams, people.grace)
      await server.pushAll(desk.events)
      const answers = []
      for (const incident of [hidden, visible]) {
        const again = forged(desk, people.grace, { incidentId: incident.id, type: 'IncidentLogged', payload: desk.eventsOf(visible.id)[0]!.payload })
        const result = await pushOne(server, people.grace, [again])
        answers.push({ status: result.status, code: result.status === 'refused' ? result.code : null, reason: result.status === 'refused' ? result.reason : null })
      }
      expect(answers[0]).toEqual(answers[1])
      expect(answers[0]!.reason).not.toContain('INC')
    })

    it('should answer a link or a note to a hidden incident exactly as to an id that does not exist', async () => {
      const desk = createDesk()
      const hidden = desk.log(reports.phishingClick, people.priya)
      const mine = desk.log(reports.printerJams, people.grace)
      await server.pushAll(desk.events)
      const answer = async (targetIncidentId: string) => {
        const link = forged(desk, people.grace, { incidentId: mine.id, type: 'IncidentLinked', payload: { kind: 'related', targetIncidentId } })
        const result = await pushOne(server, people.grace, [link])
        return result.status === 'refused' ? { code: result.code, reason: result.reason } : result.status
      }
      expect(await answer(hidden.id)).toEqual(await answer(newId()))

      const note = async (incidentId: string) => {
        const result = await pushOne(server, people.grace, [forged(desk, people.grace, { incidentId, type: 'WorkNoteAdded', payload: { text: 'Probing.' } })])
        return result.status === 'refused' ? { code: result.code, reason: result.reason } : result.status
      }
      expect(await note(hidden.id)).toEqual(await note(newId()))
    })

    it('should not list in an L1 pull’s revoked ids the security incidents that desk never held', async () => {
      const desk = createDesk()
      desk.log(reports.phishingClick, people.priya)
      const { incident: moved } = incidentIn('in_progress', { desk, report: reports.printerJams })
      await server.pushAll(desk.events)
      const cursor = (await server.pull(people.grace)).cursor
      // After Grace's cursor: one incident she held moves into Security, and one is logged straight there.
      desk.run({ action: 'categorize', incidentId: moved.id, category: 'security', subcategory: 'phishing' }, people.priya)
      const fresh = desk.log(reports.phishingClick, people.priya)
      await server.pushAll(desk.events.slice(-2))
      const page: PullResponse = await server.pull(people.grace, { after: cursor })
      expect(page.revoked).toEqual([moved.id])
      expect(page.revoked).not.toContain(fresh.id)
      // A desk that starts from zero never held any of them: nothing to revoke, nothing named.
      expect((await server.pull(people.dmitri)).revoked).toEqual([])
    })
  })

  describe('7. the server runs the shared rules that do not depend on order', () => {
    it('should refuse a functional escalation down a level, and a link of an incident to itself', async () => {
      const { desk, incident } = incidentIn('in_progress', { assignee: people.dmitri })
      desk.run({ action: 'escalate', incidentId: incident.id, escalation: { kind: 'functional', toLevel: 2, toGroup: 'Network L2', reason: 'Needs the firewall team.' } }, people.grace)
      await server.pushAll(desk.events)
      const down = forged(desk, people.dmitri, {
        incidentId: incident.id,
        type: 'IncidentEscalated',
        payload: { kind: 'functional', fromLevel: 2, toLevel: 1, toGroup: 'Service Desk', reason: 'Back to you.' },
      })
      expect(await pushOne(server, people.dmitri, [down])).toMatchObject({ status: 'refused', code: 'invalid_escalation' })
      const self = forged(desk, people.dmitri, { incidentId: incident.id, type: 'IncidentLinked', payload: { kind: 'related', targetIncidentId: incident.id } })
      expect(await pushOne(server, people.dmitri, [self])).toMatchObject({ status: 'refused', code: 'invalid_link' })
    })

    it('should refuse a new incident that claims to start above L1', async () => {
      const desk = createDesk()
      desk.log(reports.printerJams, people.grace)
      const [logged] = desk.events
      const atL3 = { ...logged!, payload: { ...(logged!.payload as object), level: 3 } } as IncidentEvent
      expect(await pushOne(server, people.grace, [atL3])).toMatchObject({ status: 'refused', code: 'invalid_field' })
    })
  })

  describe('8. the logger finishes its own offline batch', () => {
    it('should accept an L1’s own note and file on a security incident it logged in the same push, then revoke it from that desk', async () => {
      const desk = createDesk()
      const before = (await server.pull(people.grace)).cursor
      const found = desk.log(reports.phishingClick, people.grace)
      desk.run({ action: 'addWorkNote', incidentId: found.id, text: 'Caller forwarded the mail to me; headers attached.' }, people.grace)
      attach(desk, found.id, evidence, people.grace)
      expect((await upload(server, people.grace, evidence)).statusCode).toBe(200)
      const { results } = await server.push(people.grace, desk.events)
      expect(results.map((result) => result.status)).toEqual(['accepted', 'accepted', 'accepted'])
      // The batch is in; from now on it is the security group's.
      const later = forged(desk, people.grace, { incidentId: found.id, type: 'WorkNoteAdded', payload: { text: 'One more thing.' } })
      expect(await pushOne(server, people.grace, [later])).toMatchObject({ status: 'refused', code: 'not_found' })
      expect((await server.pull(people.grace, { after: before })).revoked).toEqual([found.id])
      expect((await server.pullAll(people.priya)).filter((logged) => logged.event.incidentId === found.id)).toHaveLength(4)
    })

    it('should not extend that right to another account or a later push', async () => {
      const desk = createDesk()
      const found = desk.log(reports.phishingClick, people.grace)
      await server.pushAll(desk.events)
      advance(desk.clock, 60_000)
      const note = desk.run({ action: 'addWorkNote', incidentId: found.id, text: 'Later note.' }, people.grace)
      expect(await pushOne(server, people.grace, note)).toMatchObject({ status: 'refused', code: 'not_found' })
    })
  })
})
