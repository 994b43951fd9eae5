import { expect, it } from 'vitest'
import { runCli, USAGE } from '../../src-server/cli/commands'
import { findUserByUsername } from '../../src-server/accounts/users'
import { TEST_PASSWORD, TEST_SCRYPT_COST } from '../../src-server/testing'
import { people } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

async function cli(server: ServerHarness, ...argv: string[]): Promise<{ code: number; output: string[] }> {
  const output: string[] = []
  const code = await runCli(argv, { database: server.database, print: (line) => output.push(line), now: () => server.clock.now, scryptCost: TEST_SCRYPT_COST })
  return { code, output }
}

async function signIn(server: ServerHarness, username: string, password: string): Promise<number> {
  return (await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })).statusCode
}

describeServer('server CLI', (server) => {
  it('add-user should create an account and print its generated password once', async () => {
    const { code, output } = await cli(server, 'add-user', '--username', 'Noor', '--role', 'l2_specialist', '--display-name', 'Fatima Noor')
    expect(code).toBe(0)
    const account = await findUserByUsername(server.database, 'noor')
    expect(output[0]).toBe(`Created noor (l2_specialist, id ${account!.userId}).`)
    const password = /^Password: (\S+) {2}\(shown only once\)$/.exec(output[1]!)![1]!
    expect(await signIn(server, 'noor', password)).toBe(200)
  })

  it('add-user should keep a given id and password', async () => {
    const { code, output } = await cli(server, 'add-user', '--username', 'ben', '--role', 'field_technician', '--display-name', 'Ben Whitaker', '--id', 'u-ben', '--password', 'a long passphrase')
    expect(code).toBe(0)
    expect(output).toEqual(['Created ben (field_technician, id u-ben).'])
    expect(await signIn(server, 'ben', 'a long passphrase')).toBe(200)
  })

  it('add-user should refuse a role that does not exist, with the usage', async () => {
    const { code, output } = await cli(server, 'add-user', '--username', 'ben', '--role', 'root', '--display-name', 'Ben')
    expect(code).toBe(2)
    expect(output[0]).toBe(`--role must be one of: field_technician, l1_agent, l2_specialist, incident_manager, security_analyst, admin.\n\n${USAGE}`)
  })

  it('add-user should say when the username is taken', async () => {
    const { code, output } = await cli(server, 'add-user', '--username', 'grace', '--role', 'l1_agent', '--display-name', 'Grace')
    expect(code).toBe(1)
    expect(output).toEqual(['The username "grace" is already taken.'])
  })

  it('reset-password should set a new password and sign the account out everywhere', async () => {
    const { code, output } = await cli(server, 'reset-password', '--username', 'grace', '--password', 'a brand new passphrase')
    expect(code).toBe(0)
    expect(output).toEqual(['Password of grace changed; 1 session(s) signed out.'])
    expect((await server.request({ method: 'GET', url: '/api/v1/auth/me', as: people.grace })).statusCode).toBe(401)
    expect(await signIn(server, 'grace', TEST_PASSWORD)).toBe(401)
    expect(await signIn(server, 'grace', 'a brand new passphrase')).toBe(200)
  })

  it('reset-password should generate a password when none is given', async () => {
    const { output } = await cli(server, 'reset-password', '--username', 'grace')
    const password = /^Password: (\S+) {2}\(shown only once\)$/.exec(output[1]!)![1]!
    expect(await signIn(server, 'grace', password)).toBe(200)
  })

  it('revoke-sessions should sign the account out', async () => {
    const { code, output } = await cli(server, 'revoke-sessions', '--username', 'dmitri')
    expect(code).toBe(0)
    expect(output).toEqual(['dmitri: 1 session(s) signed out.'])
    expect((await server.request({ method: 'GET', url: '/api/v1/auth/me', as: people.dmitri })).statusCode).toBe(401)
  })

  it('should say so for an account that does not exist', async () => {
    expect(await cli(server, 'revoke-sessions', '--username', 'nobody')).toEqual({ code: 1, output: ['No account named "nobody".'] })
  })

  it('list-users should print a table of every account', async () => {
    const { code, output } = await cli(server, 'list-users')
    expect(code).toBe(0)
    expect(output[0]).toMatch(/^USERNAME\s+ROLE\s+STATUS\s+NAME\s+ID$/)
    expect(output.slice(1).map((line) => line.split(/\s{2,}/))).toContainEqual(['grace', 'l1_agent', 'active', 'Grace Okafor', 'u-grace'])
    expect(output).toHaveLength(8)
  })

  it('should print the usage for an unknown command or option', async () => {
    expect((await cli(server, 'drop-database')).code).toBe(2)
    const unknownOption = await cli(server, 'list-users', '--all')
    expect(unknownOption.code).toBe(2)
    expect(unknownOption.output[0]).toContain("Unknown option '--all'")
  })

  it('rebuild-projections should refold every incident from the log', async () => {
    const { code, output } = await cli(server, 'rebuild-projections')
    expect(code).toBe(0)
    expect(output).toEqual(['Rebuilt 0 incident projections.'])
  })
})
