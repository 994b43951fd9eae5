import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import nodemailer, { type SendMailOptions } from 'nodemailer'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { IncidentEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import type { MailSettings } from '../../src-server/mail/settings'
import { people } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

/**
 * Mail in and out over real SMTP on loopback: messages sent with nodemailer into the server's
 * listener, notifications caught by an SMTP sink this test starts. New mail logs an incident, a
 * reply lands on its incident (and resumes it when it waited on the caller), automatic replies
 * and loops are recognised and never answered, and no notification goes twice.
 */

const DESK = 'servicedesk@example.org'
const settings: MailSettings = { address: DESK, smtp: { host: '127.0.0.1', port: 0, secure: false }, intake: { host: '127.0.0.1', port: 0 } }

/** The relay: an SMTP server that keeps what it is given, or refuses while `down`. */
const sink = { messages: [] as ParsedMail[], down: false }
const relay = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  // The servers' pooled connections are idle at the end: no need to wait on them.
  closeTimeout: 500,
  onMailFrom(_address, _session, callback) {
    callback(sink.down ? Object.assign(new Error('Relay closed for maintenance'), { responseCode: 421 }) : undefined)
  },
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => {
      sink.messages.push(mail)
      callback()
    }, callback)
  },
})

beforeAll(async () => {
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()))
  settings.smtp!.port = (relay.server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => relay.close(() => resolve())))

function send(server: ServerHarness, message: SendMailOptions) {
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: server.app.mailIntakePort()!, secure: false, ignoreTLS: true })
  return client.sendMail({ to: DESK, ...message }).finally(() => client.close())
}

async function incidents(server: ServerHarness): Promise<Incident[]> {
  return (await server.database.query<{ body: Incident }>('SELECT body FROM incidents ORDER BY first_seq')).map((row) => row.body)
}

async function eventsOf(server: ServerHarness, incidentId: string): Promise<IncidentEvent[]> {
  return (await server.database.query<{ body: IncidentEvent }>('SELECT body FROM events WHERE incident_id = $1 ORDER BY seq', [incidentId])).map((row) => row.body)
}

function api(server: ServerHarness, url: string, payload: object) {
  return server.app.inject({ method: 'POST', url: `/api/v1/incidents${url}`, headers: { authorization: `Bearer ${server.tokens['u-grace']}` }, payload })
}

describeServer(
  'mail in and out',
  (server) => {
    beforeEach(() => {
      sink.messages.length = 0
      sink.down = false
    })

    it('logs an incident from a new message, tells the caller its number, threads the reply onto it, and resumes it when it waited on the caller', async () => {
      await send(server, {
        from: '"Maria Lopez" <maria.lopez@example.org>',
        subject: 'Printer on floor 3 jams on every job',
        text: 'Since this morning the printer near the lifts jams.\nPhoto attached.',
        messageId: '<first-1@mail.example.org>',
        attachments: [{ filename: 'jam.jpg', content: Buffer.from('not really a jpeg'), contentType: 'image/jpeg' }],
      })
      const [logged] = await incidents(server)
      expect(logged).toMatchObject({ channel: 'email', shortDescription: 'Printer on floor 3 jams on every job', caller: { name: 'Maria Lopez', contact: 'maria.lopez@example.org' }, attachments: [expect.objectContaining({ name: 'jam.jpg', mediaType: 'image/jpeg' })] })
      expect(logged!.description).toContain('jams')

      expect((await server.app.outbound.runOnce()).mail).toMatchObject({ queued: 1, sent: 1 })
      const [notice] = sink.messages
      expect(notice!.to).toMatchObject({ value: [{ address: 'maria.lopez@example.org' }] })
      expect(notice!.subject).toBe(`[${logged!.number}] Printer on floor 3 jams on every job`)
      expect(notice!.inReplyTo).toBe('<first-1@mail.example.org>')
      expect(notice!.headers.get('auto-submitted')).toBe('auto-generated')
      expect((await eventsOf(server, logged!.id)).map((event) => event.type)).toEqual(['IncidentLogged', 'IncidentNumbered', 'MailReceived', 'AttachmentAdded', 'MailSent'])

      // The desk asks the caller a question and waits (through the public API, as Grace).
      expect((await api(server, `/${logged!.id}/acknowledge`, {})).statusCode).toBe(200)
      const held = await api(server, `/${logged!.id}/hold`, { reason: 'awaiting_caller', callerComment: 'Which tray do you print from?' })
      expect(held.json()).toMatchObject({ state: 'on_hold' })
      expect((await server.app.outbound.runOnce()).mail).toMatchObject({ queued: 1, sent: 1 })
      const question = sink.messages[1]!
      expect(question.text).toContain('Which tray do you print from?')

      // Maria answers from her mail client: the reply lands on the incident and resumes it.
      await send(server, {
        from: 'maria.lopez@example.org',
        subject: `Re: ${question.subject}`,
        text: 'Tray 2, the A4 one.\n\nOn Mon, 30 Nov 2026, Service desk wrote:\n> Which tray do you print from?',
        inReplyTo: question.messageId,
        references: [question.messageId!],
      })
      const [after] = await incidents(server)
      expect(after).toMatchObject({ id: logged!.id, state: 'in_progress', callerCommentCount: 2 })
      const comments = (await eventsOf(server, logged!.id)).filter((event) => event.type === 'CallerCommentAdded')
      expect(comments.at(-1)!.payload).toEqual({ text: 'Tray 2, the A4 one.', direction: 'from_caller' })
      expect(await incidents(server)).toHaveLength(1)
    })

    it('finds the incident by the number in the subject, and never answers an automatic reply or its own mail', async () => {
      await send(server, { from: 'ops@example.org', subject: 'VPN drops every hour', text: 'Since Friday.', messageId: '<vpn-1@example.org>' })
      const [vpn] = await incidents(server)
      await server.app.outbound.runOnce()
      expect(sink.messages).toHaveLength(1)

      // A reply whose client dropped the thread headers: the number in the subject is enough.
      await send(server, { from: 'ops@example.org', subject: `RE: [${vpn!.number}] VPN drops every hour`, text: 'Still dropping at 10:00.' })
      // An out-of-office on the thread: recorded, not a comment; one off any thread: nothing.
      await send(server, { from: 'ops@example.org', subject: `Automatic reply: [${vpn!.number}]`, text: 'I am out until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } })
      await send(server, { from: 'someone@example.org', subject: 'Out of office', text: 'Away.', headers: { 'X-Autoreply': 'yes' } })
      // Its own notification bounced back to it: a loop, dropped.
      await send(server, { from: DESK, subject: `[${vpn!.number}] VPN drops every hour`, text: 'loop' })
      // The same message delivered twice (the relay retried): taken once.
      await send(server, { from: 'ops@example.org', subject: 'VPN drops every hour', text: 'Since Friday.', messageId: '<vpn-1@example.org>' })

      expect(await incidents(server)).toHaveLength(1)
      const events = await eventsOf(server, vpn!.id)
      expect(events.filter((event) => event.type === 'CallerCommentAdded').map((event) => (event.payload as { text: string }).text)).toEqual(['Still dropping at 10:00.'])
      expect(events.filter((event) => event.type === 'MailReceived').map((event) => (event.payload as { autoReply: boolean }).autoReply)).toEqual([false, false, true])
      // Nothing of that asked for an answer.
      expect((await server.app.outbound.runOnce()).mail).toMatchObject({ queued: 0, sent: 0 })
      expect(sink.messages).toHaveLength(1)
    })

    it('sends no notification twice across a restart, shows a failure on the incident, and sends once the relay is back', async () => {
      sink.down = true
      await send(server, { from: 'kim@example.org', subject: 'Laptop will not boot', text: 'Black screen.' })
      const [laptop] = await incidents(server)
      expect((await server.app.outbound.runOnce()).mail).toMatchObject({ queued: 1, sent: 0, retried: 1 })
      const failed = (await eventsOf(server, laptop!.id)).find((event) => event.type === 'MailFailed')
      expect(failed?.payload).toMatchObject({ template: 'logged', to: ['kim@example.org'], attempts: 1, gaveUp: false })
      expect((failed!.payload as { error: string }).error).toContain('Relay closed')

      sink.down = false
      server.clock.advance(10 * 60_000)
      // Another instance (a restarted server) and this one at the same moment: one message.
      const restarted = server.secondInstance({ mail: settings })
      await Promise.all([server.app.outbound.runOnce(), restarted.outbound.runOnce()])
      await Promise.all([server.app.outbound.runOnce(), restarted.outbound.runOnce()])
      expect(sink.messages).toHaveLength(1)
      expect((await eventsOf(server, laptop!.id)).filter((event) => event.type === 'MailSent')).toHaveLength(1)
    })

    it('sends a major incident’s stakeholder update to its audience’s list with the time it was written, and takes an admin’s template', async () => {
      const badTemplate = await server.request({ method: 'PUT', url: '/api/v1/admin/mail/templates/majorUpdate', as: people.alex, payload: { subject: '[{number}] {nope}', body: 'x' } })
      expect(badTemplate.statusCode).toBe(400)
      expect(badTemplate.json().message).toContain('{nope} is not a placeholder')
      const template = await server.request({ method: 'PUT', url: '/api/v1/admin/mail/templates/majorUpdate', as: people.alex, payload: { subject: '[{number}] {audience}: {shortDescription}', body: 'Written {writtenAt}.\n{text}' } })
      expect(template.statusCode).toBe(200)
      // Saved as "executives", posted to "Executives": audiences match whatever their case.
      const list = await server.request({ method: 'PUT', url: '/api/v1/admin/mail/lists/executives', as: people.alex, payload: { addresses: ['cio@example.org', 'COO@example.org'] } })
      expect(list.json()).toEqual({ audience: 'executives', addresses: ['cio@example.org', 'coo@example.org'] })

      const created = await server.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: { authorization: `Bearer ${server.tokens['u-sofia']}` },
        payload: { shortDescription: 'E-mail down for everyone', caller: { name: 'Service desk' }, impact: 1, urgency: 1 },
      })
      const id = created.json<Incident>().id
      const asSofia = (url: string, payload: object) => server.app.inject({ method: 'POST', url: `/api/v1/incidents/${id}${url}`, headers: { authorization: `Bearer ${server.tokens['u-sofia']}` }, payload })
      expect((await asSofia('/declareMajor', { incidentManager: { userId: 'u-sofia', displayName: 'Sofia' }, reason: 'Company-wide' })).statusCode).toBe(200)
      expect((await asSofia('/postMajorUpdate', { text: 'Mail relays restarting; ETA 30 min.', audience: 'Executives' })).statusCode).toBe(200)
      await server.app.outbound.runOnce()
      const update = sink.messages.find((message) => message.subject?.includes('Executives'))!
      expect(update.subject).toMatch(/^\[INC\d{7}\] Executives: E-mail down for everyone$/)
      expect((update.to as { value: Array<{ address: string }> }).value.map((entry) => entry.address).sort()).toEqual(['cio@example.org', 'coo@example.org'])
      expect(update.text).toContain(`Written ${server.clock.now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`)
    })
  },
  { server: { mail: settings } },
)
