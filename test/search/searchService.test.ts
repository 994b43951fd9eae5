import { describe, expect, it } from 'vitest'
import type { Actor } from '../../src-shared/incident/roles'
import type { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { createSearchService, type SearchService } from '../../src-renderer/search/searchService'
import { people, reports } from '../fixtures/incidents'
import { storeFor } from '../store/storeHarness'
import { database, logged, searchTestCleanup, stopAfterTest } from './searchHarness'
import { incidentRowTables } from '../../src-renderer/store/refold'

/**
 * The search index as the desk runs it: built in the background from a Dexie store
 * (fake-indexeddb), kept current by the store's own commits, and filtered by who is signed in.
 */

const immediate = () => Promise.resolve()

searchTestCleanup()

function searchFor(db: IncidentDeskDatabase, actor: Actor, chunkSize = 400, compactAfterStale?: number) {
  const session = { actor }
  const service = stopAfterTest(createSearchService(db, session, { chunkSize, yieldToUi: immediate, ...(compactAfterStale ? { compactAfterStale } : {}) }))
  return { service, session }
}

async function numbersFound(service: SearchService, query: string): Promise<string[]> {
  return (await service.search(query)).map((hit) => hit.number)
}

describe('search index built from the store', () => {
  it('finds incidents logged before start-up, by any word of number, title, caller, classification and description', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const printer = await logged(store, reports.printerJams)
    const outlook = await logged(store, reports.outlookPassword)
    const vpn = await logged(store, reports.vpnDrops)

    const { service } = searchFor(db, people.grace, 2)
    service.start()
    await service.whenIdle()

    expect(service.status()).toMatchObject({ phase: 'ready', indexed: 3, total: 3 })
    expect(await numbersFound(service, 'duplex')).toEqual([printer.number])
    expect(await numbersFound(service, 'whitaker')).toEqual([printer.number])
    expect(await numbersFound(service, 'remote access')).toEqual([vpn.number])
    expect(await numbersFound(service, 'HQ')).toEqual(expect.arrayContaining([printer.number, outlook.number]))
    // Prefixes while typing, accents and case folded.
    expect(await numbersFound(service, 'outl pass')).toEqual([outlook.number])
    expect(await numbersFound(service, 'MARGARET')).toEqual([outlook.number])
    // A number with or without its prefix and zeros.
    expect(await numbersFound(service, outlook.number)).toEqual([outlook.number])
    expect(await numbersFound(service, '2')).toEqual([outlook.number])
    expect(await numbersFound(service, 'teleportation')).toEqual([])
  })

  it('requires every word of the query, even when they sit in different fields', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const printer = await logged(store, reports.printerJams)
    await logged(store, reports.outlookPassword)
    const { service } = searchFor(db, people.grace)
    service.start()
    await service.whenIdle()

    expect(await numbersFound(service, 'printer kitchen')).toEqual([printer.number])
    expect(await numbersFound(service, 'printer password')).toEqual([])
  })

  it('says which field matched and quotes it, labelling work notes as internal', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const printer = await logged(store, reports.printerJams)
    await store.execute({ action: 'addWorkNote', incidentId: printer.id, text: 'Swapped the fuser; the duplex unit rattles, ordered part 5851-4021.' })
    await store.execute({ action: 'addCallerComment', incidentId: printer.id, text: 'Ben says the jams stopped after lunch.', direction: 'from_caller' })
    const { service } = searchFor(db, people.grace)
    service.start()
    await service.whenIdle()

    const [byNote] = await service.search('fuser')
    expect(byNote).toMatchObject({ number: printer.number, priority: 3, state: 'new', shortDescription: 'Printer 3rd floor jams' })
    expect(byNote!.match).toMatchObject({ field: 'workNote', label: 'Work note (internal)' })
    expect(byNote!.match!.parts.filter((part) => part.highlighted).map((part) => part.text)).toEqual(['fuser'])
    expect(byNote!.match!.parts.map((part) => part.text).join('')).toContain('Swapped the fuser; the duplex unit rattles')

    const [byComment] = await service.search('lunch')
    expect(byComment!.match).toMatchObject({ field: 'callerComment', label: 'Caller comment' })
    const [byTitle] = await service.search('jams')
    expect(byTitle!.match?.field).toBe('shortDescription')
  })

  it('ranks a title match above a description match above a work-note match', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const inNote = await logged(store, { ...reports.outlookPassword, shortDescription: 'Laptop fan loud', description: 'Fan spins up constantly.' })
    await store.execute({ action: 'addWorkNote', incidentId: inNote.id, text: 'Looks like the docking station firmware again.' })
    const inDescription = await logged(store, { ...reports.cardReader, description: 'Till 4 is on the same docking hub as the scanner.' })
    const inTitle = await logged(store, { ...reports.vpnDrops, shortDescription: 'Docking station not detected' })
    const { service } = searchFor(db, people.grace)
    service.start()
    await service.whenIdle()

    expect(await numbersFound(service, 'docking')).toEqual([inTitle.number, inDescription.number, inNote.number])
  })

  it('ranks an open incident above a resolved one with the same text', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const open = await logged(store, reports.vpnDrops)
    const resolved = await logged(store, reports.vpnDrops)
    await store.execute({ action: 'resolve', incidentId: resolved.id, resolutionCode: 'solution_provided', resolutionNotes: 'New VPN profile pushed.' })
    const { service } = searchFor(db, people.grace)
    service.start()
    await service.whenIdle()

    const hits = await service.search('vpn drops')
    expect(hits.map((hit) => [hit.number, hit.state])).toEqual([
      [open.number, 'new'],
      [resolved.number, 'resolved'],
    ])
  })
})

describe('search index kept current', () => {
  it('finds a work note written after the build, and forgets text that was edited away', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const vpn = await logged(store, reports.vpnDrops)
    const { service } = searchFor(db, people.grace)
    service.start()
    await service.whenIdle()
    expect(await numbersFound(service, 'zeppelin')).toEqual([])

    await store.execute({ action: 'addWorkNote', incidentId: vpn.id, text: 'Caller is on the zeppelin hotspot; MTU issue.' })
    await service.whenIdle()
    expect(await numbersFound(service, 'zeppelin')).toEqual([vpn.number])

    const printer = await logged(store, reports.printerJams)
    await service.whenIdle()
    expect(await numbersFound(service, 'laserjet')).toEqual([printer.number])

    await store.execute({ action: 'editDetails', incidentId: printer.id, changes: { shortDescription: 'Kitchen printer misfeeds', description: 'Paper misfeeds on duplex.' } })
    await service.whenIdle()
    expect(await numbersFound(service, 'laserjet')).toEqual([])
    expect(await numbersFound(service, 'misfeeds')).toEqual([printer.number])
  })

  it('takes a row rewritten at the revision it indexed as unchanged (running deadlines after a rules change), but re-reads an incident whose older notes arrive', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const vpn = await logged(store, reports.vpnDrops)
    await store.execute({ action: 'addWorkNote', incidentId: vpn.id, text: 'Tunnel flaps every hour.' })
    const { service } = searchFor(db, people.grace)
    service.start()
    await service.whenIdle()
    const row = (await db.incidents.get(vpn.id))!
    // Same revision (event count and last update), other words: nothing the index trusts says it changed.
    await db.transaction('rw', incidentRowTables(db), () => db.incidents.put({ ...row, slaDueAt: '2030-01-01T00:00:00.000Z', shortDescription: 'Zeppelin link down' }))
    await service.whenIdle()
    expect(await numbersFound(service, 'zeppelin')).toEqual([])

    // Events that carry no note (the server's sequence on its logging, after a push) leave it as indexed.
    const events = await db.events.where('incidentId').equals(vpn.id).toArray()
    await db.events.bulkPut(events.filter((event) => event.type !== 'WorkNoteAdded').map((event, position) => ({ ...event, serverSeq: position + 1 })))
    await service.whenIdle()
    expect(await numbersFound(service, 'zeppelin')).toEqual([])

    // An older note arriving for it (an incident opened on a snapshot-bootstrapped desk) at the same revision: re-read.
    const note = events.find((event) => event.type === 'WorkNoteAdded')!
    await db.events.put({ ...note, id: `${note.id}-older`, hlc: `0${note.hlc.slice(1)}`, payload: { text: 'Older note: blimp firmware.' } } as typeof note)
    await service.whenIdle()
    expect(await numbersFound(service, 'blimp')).toEqual([vpn.number])
    expect(await numbersFound(service, 'zeppelin')).toEqual([vpn.number])
  })

  it('indexes a change made while the background build is still running', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const logged40 = []
    for (let i = 0; i < 40; i++) logged40.push(await logged(store, { ...reports.printerJams, shortDescription: `Printer ${i} jams` }))
    const { service } = searchFor(db, people.grace, 5)
    service.start()
    // The oldest incident is read last (newest first); note it before the build reaches it.
    await store.execute({ action: 'addWorkNote', incidentId: logged40[0]!.id, text: 'Toner smeared: quokka pattern.' })
    await service.whenIdle()

    expect(service.status().indexed).toBe(40)
    expect(await numbersFound(service, 'quokka')).toEqual([logged40[0]!.number])
  })
})

describe('search index garbage', () => {
  it('rebuilds in the background once replaced versions outgrow the live ones, and still finds everything', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const vpn = await logged(store, reports.vpnDrops)
    const printer = await logged(store, reports.printerJams)
    const { service } = searchFor(db, people.grace, 400, 5)
    service.start()
    await service.whenIdle()
    for (let i = 0; i < 5; i++) {
      await store.execute({ action: 'addWorkNote', incidentId: vpn.id, text: `Check ${i}: tunnel stable.` })
      await service.whenIdle()
    }
    expect(service.status().stale).toBe(5)
    await store.execute({ action: 'addWorkNote', incidentId: vpn.id, text: 'Wombat firmware fixed it.' })
    await service.whenIdle()

    expect(service.status()).toMatchObject({ phase: 'ready', indexed: 2, stale: 0 })
    expect(await numbersFound(service, 'wombat')).toEqual([vpn.number])
    expect(await numbersFound(service, 'laserjet')).toEqual([printer.number])
  })
})

describe('search index after a bulk rewrite', () => {
  it('rebuilds when a whole table is replaced rather than keep incidents that are gone', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    await logged(store, reports.printerJams)
    const { service } = searchFor(db, people.grace)
    service.start()
    await service.whenIdle()
    expect(service.status().indexed).toBe(1)

    await db.transaction('rw', incidentRowTables(db), () => db.incidents.clear())
    await service.whenIdle()
    expect(service.status()).toMatchObject({ phase: 'ready', indexed: 0 })
    expect(await numbersFound(service, 'printer')).toEqual([])
  })
})

describe('security incidents in search', () => {
  it('shows a security incident only to the security group and admins', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const phishing = await logged(store, reports.phishingClick)
    await store.execute({ action: 'addWorkNote', incidentId: phishing.id, text: 'Credentials reset; mailbox rule exfiltrating to gmail.' })
    const email = await logged(store, reports.emailOutage)

    for (const actor of [people.priya, people.alex]) {
      const { service } = searchFor(db, actor)
      service.start()
      await service.whenIdle()
      expect(await numbersFound(service, 'payroll')).toEqual([phishing.number])
      expect(await numbersFound(service, 'exfiltrating')).toEqual([phishing.number])
      service.stop()
    }
    for (const actor of [people.grace, people.dmitri, people.sofia, people.tomas]) {
      const { service } = searchFor(db, actor)
      service.start()
      await service.whenIdle()
      expect(service.status().indexed).toBe(1)
      expect(await numbersFound(service, 'payroll')).toEqual([])
      expect(await numbersFound(service, 'exfiltrating')).toEqual([])
      expect(await numbersFound(service, phishing.number)).toEqual([])
      expect(await numbersFound(service, 'fatima')).toEqual([email.number])
      expect(await service.findSimilarOpenIncidents('Clicked fake payroll email link')).toEqual([])
      service.stop()
    }
  })

  it('drops security incidents at once when the desk is signed in as someone outside the security group, and adds them back for an analyst', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const phishing = await logged(store, reports.phishingClick)
    const { service, session } = searchFor(db, people.priya)
    service.start()
    await service.whenIdle()
    expect(await numbersFound(service, 'payroll')).toEqual([phishing.number])

    session.actor = people.grace
    expect(await numbersFound(service, 'payroll')).toEqual([])
    expect(service.status().indexed).toBe(0)

    session.actor = people.priya
    await service.search('payroll')
    await service.whenIdle()
    expect(await numbersFound(service, 'payroll')).toEqual([phishing.number])
  })

  it('keeps a security incident logged later out of a non-security desk’s index', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const { service } = searchFor(db, people.grace)
    service.start()
    await service.whenIdle()
    await logged(store, reports.phishingClick)
    await service.whenIdle()
    expect(service.status().indexed).toBe(0)
    expect(await numbersFound(service, 'payroll')).toEqual([])
  })
})

describe('findSimilarOpenIncidents', () => {
  it('offers open incidents sharing meaningful words, not resolved ones or ones sharing a stop word', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const outlook = await logged(store, reports.outlookPassword)
    const resolved = await logged(store, { ...reports.outlookPassword, caller: { name: 'Ben Whitaker' } })
    await store.execute({ action: 'resolve', incidentId: resolved.id, resolutionCode: 'solution_provided', resolutionNotes: 'Cached credentials cleared.' })
    await logged(store, reports.printerJams)
    const { service } = searchFor(db, people.grace)
    service.start()
    await service.whenIdle()

    const similar = await service.findSimilarOpenIncidents('Outlook asks for the password again and again')
    expect(similar.map((hit) => hit.number)).toEqual([outlook.number])
    expect(similar[0]!.match?.field).toBe('shortDescription')
    expect(await service.findSimilarOpenIncidents('the and for')).toEqual([])
    expect(await service.findSimilarOpenIncidents('Outlook crashes on start')).toEqual([])
    expect(await service.findSimilarOpenIncidents('')).toEqual([])
  })
})
