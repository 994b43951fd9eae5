import type { SessionInfo } from '../../src-shared/sync/protocol'
import { accountInfo, findUserById, normalizeUsername, passwordHashOf } from '../accounts/users'
import { unmatchableHash, verifyPassword } from '../accounts/passwords'
import type { ServerContext } from '../context'
import { forbidden, unauthorized } from '../http/errors'
import { beginAttempt } from './loginLimit'
import { deleteOldSessions, issueSession } from './sessions'

export interface SignInInput {
  username: string
  password: string
  /** The client's address, for the per-address rate limit. */
  address: string
}

/** Checks a username and password and opens a session; the same answer for an unknown name as for a wrong password. */
export async function signIn(context: ServerContext, input: SignInInput): Promise<SessionInfo> {
  const { database } = context
  const now = context.now()
  const username = normalizeUsername(input.username)
  const attempt = await beginAttempt(database, { username, address: input.address }, context.loginLimits, now)
  const stored = await passwordHashOf(database, username)
  const matches = await verifyPassword(input.password, stored?.passwordHash ?? unmatchableHash(context.scryptCost))
  if (!stored || !matches) throw unauthorized('invalid_credentials', 'Wrong username or password.')
  await attempt.succeeded()
  // Told only to someone who knows the password, so it reveals nothing to a guesser.
  if (stored.disabled) throw forbidden('account_disabled', 'This account is disabled; ask an admin.')
  const session = await issueSession(database, stored.userId, now, context.tokenTtlMs)
  await deleteOldSessions(database, now)
  const account = (await findUserById(database, stored.userId))!
  return { token: session.token, expiresAt: session.expiresAt, user: accountInfo(account) }
}
