import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { Role } from '../../src-shared/incident/roles'
import type { ServerContext } from '../context'
import { forbidden, unauthorized } from '../http/errors'
import { findSession, type SessionAccount } from './sessions'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account; set by {@link authenticate}, null on public routes. */
    account: SessionAccount | null
    /** The bearer token the request came with, once authenticated (sign-out revokes it). */
    sessionToken: string | null
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/

/** A preHandler that lets the request through only with a live session, and records whose. */
export function authenticate(context: ServerContext): preHandlerAsyncHookHandler {
  return async (request) => {
    const header = request.headers.authorization
    if (!header) throw unauthorized('unauthorized', 'Sign in first: this route needs a bearer token.')
    const token = BEARER.exec(header)?.[1]
    const account = token ? await findSession(context.database, token, context.now()) : null
    if (!token || !account) throw unauthorized('invalid_token', 'Your session has expired or was revoked; sign in again.')
    request.account = account
    request.sessionToken = token
  }
}

/** A preHandler, after {@link authenticate}, for routes only some roles may use. */
export function requireRole(roles: readonly Role[], message: string): preHandlerAsyncHookHandler {
  return async (request) => {
    if (!roles.includes(signedIn(request).role)) throw forbidden('forbidden', message)
  }
}

/** The signed-in account of a request that passed {@link authenticate}. */
export function signedIn(request: FastifyRequest): SessionAccount {
  if (!request.account) throw unauthorized('unauthorized', 'Sign in first: this route needs a bearer token.')
  return request.account
}
