import type { Role } from '../../../src-shared/incident/roles'

/**
 * The accounts the e2e sync server starts with (syncServer.ts adds them with the server's CLI),
 * shared with the specs that sign in as them. Test-only passwords on a throwaway loopback server
 * with a fresh database each run.
 */
export interface E2eAccount {
  username: string
  password: string
  displayName: string
  role: Role
}

/** Loopback port of the e2e sync server; the preview server proxies /api to it. */
export const E2E_SYNC_SERVER_PORT = 8799

export const GRACE: E2eAccount = { username: 'grace', password: 'grace-desk-password', displayName: 'Grace Hopper', role: 'l1_agent' }
export const DMITRI: E2eAccount = { username: 'dmitri', password: 'dmitri-desk-password', displayName: 'Dmitri Volkov', role: 'l2_specialist' }
export const FARAH: E2eAccount = { username: 'farah', password: 'farah-field-password', displayName: 'Farah Khan', role: 'field_technician' }
export const ALEX: E2eAccount = { username: 'alex', password: 'alex-admin-password', displayName: 'Alex Morgan', role: 'admin' }

export const E2E_ACCOUNTS: readonly E2eAccount[] = [GRACE, DMITRI, FARAH, ALEX]
