import { expect, it } from 'vitest'
import type { Actor } from '../../src-shared/incident/roles'
import type { SessionInfo } from '../../src-shared/sync/protocol'
import { TEST_PASSWORD } from '../../src-server/testing'
import { ALL_PEOPLE, people } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

const ADMIN_ROUTES = [
  { method: 'GET', url: '/api/v1/admin/users' },
  { method: 'POST', url: '/api/v1/admin/users', payload: { username: 'newbie', displayName: 'New Person', role: 'l1_agent' } },
  { method: 'PATCH', url: '/api/v1/admin/users/u-grace', payload: { role: 'admin' } },
  { method: 'POST', url: '/api/v1/admin/users/u-grace/password', payload: {} },
  { method: 'POST', url: '/api/v1/admin/users/u-grace/revoke-sessions' },
  { method: 'GET', url: '/api/v1/admin/groups' },
  { method: 'POST', url: '/api/v1/admin/groups', payload: { name: 'Service Desk', level: 1 } },
  { method: 'PATCH', url: '/api/v1/admin/groups/g-service-desk', payload: { managerId: 'u-sofia' } },
] as const

function asAdmin(server: ServerHarness, request: { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object }) {
  return server.request({ ...request, as: people.alex })
}

async function signIn(server: ServerHarness, username: string, password: string): Promise<number> {
  const response = await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })
  return response.statusCode
}

describeServer('admin routes /api/v1/admin', (server) => {
  it('should return 403 for every admin route to every role but admin', async () => {
    const others: Actor[] = ALL_PEOPLE.filter((person) => person.role !== 'admin')
    for (const person of others) {
      for (const route of ADMIN_ROUTES) {
        const response = await server.request({ ...route, as: person })
        expect(response.statusCode, `${person.role} ${route.method} ${route.url}`).toBe(403)
        expect(response.json()).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Only an admin can manage accounts and groups.', code: 'forbidden' })
      }
    }
    expect((await server.request({ method: 'GET', url: '/api/v1/admin/users' })).statusCode).toBe(401)
  })

  it('should list the accounts without their password hashes', async () => {
    const response = await asAdmin(server, { method: 'GET', url: '/api/v1/admin/users' })
    expect(response.statusCode).toBe(200)
    const { users } = response.json<{ users: Record<string, unknown>[] }>()
    expect(users.map((user) => user.username)).toEqual(['aiko', 'alex', 'dmitri', 'grace', 'priya', 'sofia', 'tomas'])
    expect(users[0]).toEqual({
      userId: 'u-aiko',
      username: 'aiko',
      displayName: 'Aiko Tanaka',
      role: 'field_technician',
      disabled: false,
      groupIds: [],
      createdAt: server.clock.now.toISOString(),
      updatedAt: server.clock.now.toISOString(),
    })
    expect(response.body).not.toContain('scrypt')
  })

  it('should create an account with a generated password that signs in', async () => {
    const response = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/users', payload: { username: 'noor', displayName: 'Fatima Noor', role: 'l2_specialist' } })
    expect(response.statusCode).toBe(201)
    const body = response.json<{ user: { userId: string; role: string }; generatedPassword: string }>()
    expect(body.user).toMatchObject({ username: 'noor', role: 'l2_specialist', disabled: false })
    expect(body.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(await signIn(server, 'noor', body.generatedPassword)).toBe(200)
  })

  it('should create an account with the password the admin chose, and not echo it', async () => {
    const response = await asAdmin(server, {
      method: 'POST',
      url: '/api/v1/admin/users',
      payload: { username: 'noor', displayName: 'Fatima Noor', role: 'l1_agent', password: 'a long passphrase' },
    })
    expect(response.json()).toMatchObject({ generatedPassword: null })
    expect(await signIn(server, 'noor', 'a long passphrase')).toBe(200)
  })

  it('should return 409 if the username is taken', async () => {
    const response = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/users', payload: { username: 'grace', displayName: 'Another Grace', role: 'l1_agent' } })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({ statusCode: 409, error: 'Conflict', message: 'The username "grace" is already taken.', code: 'username_taken' })
  })

  it('should return 400 if the role is not one of the roles', async () => {
    const response = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/users', payload: { username: 'noor', displayName: 'Fatima Noor', role: 'superuser' } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ message: 'body/role must be equal to one of the allowed values', code: 'invalid_body' })
  })

  it('should return 400 if the password is shorter than 10 characters', async () => {
    const response = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/users', payload: { username: 'noor', displayName: 'Fatima Noor', role: 'l1_agent', password: 'short' } })
    expect(response.json()).toMatchObject({ statusCode: 400, message: 'body/password must NOT have fewer than 10 characters' })
  })

  it('should return 400 if a text field holds a NUL character', async () => {
    const response = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/users', payload: { username: 'noor', displayName: 'Fatima\u0000Noor', role: 'l1_agent' } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'invalid_text', message: 'body.displayName contains a NUL character or broken Unicode (a lone surrogate), which cannot be stored.' })
  })

  it('should change a role and sign the account out, so its desk picks up the new role', async () => {
    const response = await asAdmin(server, { method: 'PATCH', url: '/api/v1/admin/users/u-grace', payload: { role: 'l2_specialist', displayName: 'Grace O. Okafor' } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ userId: 'u-grace', role: 'l2_specialist', displayName: 'Grace O. Okafor' })
    expect((await server.request({ method: 'GET', url: '/api/v1/auth/me', as: people.grace })).statusCode).toBe(401)
  })

  it('should keep sessions when only the display name changes', async () => {
    await asAdmin(server, { method: 'PATCH', url: '/api/v1/admin/users/u-grace', payload: { displayName: 'Grace O. Okafor' } })
    expect((await server.request({ method: 'GET', url: '/api/v1/auth/me', as: people.grace })).statusCode).toBe(200)
  })

  it('should return 409 rather than demote or disable the last enabled admin', async () => {
    for (const payload of [{ role: 'l1_agent' }, { disabled: true }]) {
      const response = await asAdmin(server, { method: 'PATCH', url: '/api/v1/admin/users/u-alex', payload })
      expect(response.statusCode).toBe(409)
      expect(response.json()).toMatchObject({ message: 'This is the last enabled admin account; make another admin first.', code: 'last_admin' })
    }
    await asAdmin(server, { method: 'PATCH', url: '/api/v1/admin/users/u-sofia', payload: { role: 'admin' } })
    expect((await asAdmin(server, { method: 'PATCH', url: '/api/v1/admin/users/u-alex', payload: { role: 'incident_manager' } })).statusCode).toBe(200)
  })

  it('should return 404 for an account that does not exist', async () => {
    const response = await asAdmin(server, { method: 'PATCH', url: '/api/v1/admin/users/u-nobody', payload: { disabled: true } })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ message: 'No account with id "u-nobody".', code: 'user_not_found' })
  })

  it('should reset a password, return the generated one and sign the account out everywhere', async () => {
    const response = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/users/u-grace/password', payload: {} })
    expect(response.statusCode).toBe(200)
    const body = response.json<{ generatedPassword: string; revokedSessions: number }>()
    expect(body.revokedSessions).toBe(1)
    expect((await server.request({ method: 'GET', url: '/api/v1/auth/me', as: people.grace })).statusCode).toBe(401)
    expect(await signIn(server, 'grace', TEST_PASSWORD)).toBe(401)
    expect(await signIn(server, 'grace', body.generatedPassword)).toBe(200)
  })

  it('should revoke every session of an account', async () => {
    const session = (await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'grace', password: TEST_PASSWORD } })).json<SessionInfo>()
    const response = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/users/u-grace/revoke-sessions' })
    expect(response.json()).toEqual({ revokedSessions: 2 })
    const after = await server.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${session.token}` } })
    expect(after.statusCode).toBe(401)
  })

  it('should create assignment groups with members and list them by level', async () => {
    const network = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/groups', payload: { name: 'Network L2', level: 2, memberIds: ['u-dmitri'] } })
    expect(network.statusCode).toBe(201)
    const security = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/groups', payload: { name: 'Security Operations', level: 2, security: true, memberIds: ['u-priya'] } })
    const desk = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/groups', payload: { name: 'Service Desk', level: 1 } })
    const groups = (await asAdmin(server, { method: 'GET', url: '/api/v1/admin/groups' })).json<{ groups: { name: string; level: number; security: boolean; memberIds: string[] }[] }>().groups
    expect(groups.map(({ name, level, security: isSecurity, memberIds }) => ({ name, level, security: isSecurity, memberIds }))).toEqual([
      { name: 'Service Desk', level: 1, security: false, memberIds: [] },
      { name: 'Network L2', level: 2, security: false, memberIds: ['u-dmitri'] },
      { name: 'Security Operations', level: 2, security: true, memberIds: ['u-priya'] },
    ])
    // Membership shows on the account, and can be set from there.
    const deskId = desk.json<{ id: string }>().id
    await asAdmin(server, { method: 'PATCH', url: '/api/v1/admin/users/u-grace', payload: { groupIds: [deskId] } })
    const me = await server.request({ method: 'GET', url: '/api/v1/auth/me', as: people.grace })
    expect(me.json()).toMatchObject({ user: { groupIds: [deskId] } })
    expect(security.json()).toMatchObject({ security: true })
  })

  it('should return 400 for a group at a level that does not exist, or with an unknown member', async () => {
    const level = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/groups', payload: { name: 'L4', level: 4 } })
    expect(level.statusCode).toBe(400)
    expect(level.json()).toMatchObject({ code: 'invalid_body' })
    const member = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/groups', payload: { name: 'Field', level: 1, memberIds: ['u-nobody'] } })
    expect(member.statusCode).toBe(400)
    expect(member.json()).toMatchObject({ message: 'No account with id u-nobody.', code: 'unknown_user' })
    expect((await asAdmin(server, { method: 'GET', url: '/api/v1/admin/groups' })).json()).toEqual({ groups: [] })
  })

  it('should return 409 for a second group with the same name', async () => {
    await asAdmin(server, { method: 'POST', url: '/api/v1/admin/groups', payload: { name: 'Service Desk', level: 1 } })
    const again = await asAdmin(server, { method: 'POST', url: '/api/v1/admin/groups', payload: { name: 'Service Desk', level: 2 } })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ message: 'An assignment group named "Service Desk" already exists.', code: 'group_exists' })
  })
})
