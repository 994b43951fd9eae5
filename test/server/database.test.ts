import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer } from '../../src-server/app'
import { readConfig } from '../../src-server/config'
import { migrate, MIGRATIONS, SchemaTooNewError } from '../../src-server/db/migrations'
import { openPglite } from '../../src-server/db/pglite'
import { openPostgres } from '../../src-server/db/postgres'
import { verifyPassword } from '../../src-server/accounts/passwords'
import { initialAdminUsername, type InitialAdmin } from '../../src-server/accounts/initialAdmin'
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres'
import { SETUP_TIMEOUT_MS } from './harness'

describe('server configuration', () => {
  it('should use PGlite in .data/server unless DATABASE_URL is set', () => {
    expect(readConfig({}).database).toEqual({ databaseUrl: undefined, dataDir: path.resolve('.data/server'), poolSize: undefined })
    expect(readConfig({ DATABASE_URL: 'postgres://db/desk', DATA_DIR: '/srv/desk' }).database).toMatchObject({ databaseUrl: 'postgres://db/desk' })
  })

  it("should take the first admin's name from INITIAL_ADMIN_USERNAME, else a random admin-…, and refuse a name that is not a username", () => {
    expect(readConfig({ INITIAL_ADMIN_USERNAME: ' Desk-Owner ' }).initialAdminUsername).toBe('desk-owner')
    expect(readConfig({}).initialAdminUsername).toBeUndefined()
    expect(() => readConfig({ INITIAL_ADMIN_USERNAME: 'no spaces please' })).toThrow('INITIAL_ADMIN_USERNAME must be 2–64 lowercase letters')
    const chosen = [initialAdminUsername(undefined), initialAdminUsername(undefined)]
    for (const name of chosen) expect(name).toMatch(/^admin-[0-9a-f]{8}$/)
    expect(chosen[0]).not.toBe(chosen[1])
    expect(initialAdminUsername('desk-owner')).toBe('desk-owner')
  })

  it('should listen on loopback port 8787 by default and refuse a port that is not a number', () => {
    expect(readConfig({})).toMatchObject({ host: '127.0.0.1', port: 8787, tokenTtlMs: undefined, trustProxy: false, logLevel: 'info' })
    expect(readConfig({ TOKEN_TTL_HOURS: '8' }).tokenTtlMs).toBe(8 * 60 * 60 * 1000)
    expect(() => readConfig({ PORT: 'eighty' })).toThrow('PORT must be a positive whole number, not "eighty".')
  })
})

describe('embedded PGlite in a data directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-pglite-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('should keep data across restarts and refuse a second process on the same directory', async () => {
    const database = await openPglite(dir)
    expect(await migrate(database)).toEqual(MIGRATIONS.map((migration) => migration.version))
    await database.query(`INSERT INTO assignment_groups (id, name, level, created_at) VALUES ('g1', 'Service Desk', 1, now())`)
    // Another process (the CLI while the server runs) would corrupt the files: refused with a clear reason.
    const lock = path.join(dir, 'incident-desk-server.lock')
    const ownPid = fs.readFileSync(lock, 'utf8')
    expect(ownPid).toBe(String(process.pid))
    await expect(openPglite(dir)).rejects.toThrow(`The database in ${dir} is in use by process ${process.pid} (a running server?)`)
    await database.close()
    expect(fs.existsSync(lock)).toBe(false)

    const reopened = await openPglite(dir)
    expect(await migrate(reopened)).toEqual([])
    expect(await reopened.query('SELECT name FROM assignment_groups')).toEqual([{ name: 'Service Desk' }])
    await reopened.close()
  }, SETUP_TIMEOUT_MS)

  it('should take over a lock left by a process that died', async () => {
    fs.writeFileSync(path.join(dir, 'incident-desk-server.lock'), '999999999')
    const database = await openPglite(dir)
    await database.close()
  }, SETUP_TIMEOUT_MS)
})

describe('migrations and first start on PostgreSQL', () => {
  if (!findPostgresBin()) {
    it.skip(POSTGRES_MISSING, () => {})
    return
  }
  let postgres: TestPostgres
  beforeAll(async () => {
    const started = await startPostgres()
    if (!started) throw new Error(POSTGRES_MISSING)
    postgres = started
  }, SETUP_TIMEOUT_MS)
  afterAll(() => postgres?.stop())

  it('should migrate once when several instances start at the same moment', async () => {
    const url = await postgres.createDatabase('migrate_race')
    const instances = Array.from({ length: 4 }, () => openPostgres(url))
    const applied = await Promise.all(instances.map((database) => migrate(database)))
    expect(applied.filter((versions) => versions.length > 0)).toEqual([MIGRATIONS.map((migration) => migration.version)])
    expect(await instances[0]!.query('SELECT version, name FROM schema_migrations')).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })))
    for (const database of instances) await database.close()
  })

  it('should refuse to run on a database a newer server has migrated', async () => {
    const url = await postgres.createDatabase('too_new')
    const database = openPostgres(url)
    await migrate(database, [...MIGRATIONS, { version: 99, name: 'from the future', statements: ['SELECT 1'] }])
    await expect(migrate(database)).rejects.toThrow(SchemaTooNewError)
    await expect(migrate(database)).rejects.toThrow('The database has schema version 99, newer than this server knows; upgrade the server.')
    await database.close()
  })

  it('should create one admin with a random password on the first start, even when two instances start together', async () => {
    const url = await postgres.createDatabase('first_start')
    const announced: InitialAdmin[] = []
    const databases = [openPostgres(url), openPostgres(url)]
    const apps = databases.map((database) => buildServer({ database, initialAdminUsername: 'desk-owner', onInitialAdmin: (admin) => announced.push(admin) }))
    await Promise.all(apps.map((app) => app.ready()))
    expect(announced).toHaveLength(1)
    expect(announced[0]!.username).toBe('desk-owner')
    const rows = await databases[0]!.query<{ username: string; role: string; password_hash: string }>('SELECT username, role, password_hash FROM users')
    expect(rows.map(({ username, role }) => ({ username, role }))).toEqual([{ username: 'desk-owner', role: 'admin' }])
    expect(await verifyPassword(announced[0]!.password, rows[0]!.password_hash)).toBe(true)
    // A restart finds the account and announces nothing.
    const restarted = buildServer({ database: databases[0]!, onInitialAdmin: (admin) => announced.push(admin) })
    await restarted.ready()
    expect(announced).toHaveLength(1)
    for (const app of [...apps, restarted]) await app.close()
    for (const database of databases) await database.close()
  }, SETUP_TIMEOUT_MS)
})
