import { z } from 'zod'
import { signInRequestSchema } from '../../src-shared/sync/protocol'
import { expectNoArguments, type MainApiHandlers } from '../ipc/channelHandler'
import { parseArgumentsWith } from './ipcArguments'
import type { ServerConnection } from './serverConnection'

type SessionChannel = 'session.signIn' | 'session.signOut' | 'session.current' | 'session.lastServerUrl'

const signInArguments = z.tuple([
  z.string().max(2_000),
  signInRequestSchema.shape.username,
  signInRequestSchema.shape.password,
])

/** `session.*`: sign in and out, and who is signed in. None of them answers with the token. */
export function createSessionHandlers(connection: ServerConnection): Pick<MainApiHandlers, SessionChannel> {
  return {
    'session.signIn': {
      parseArguments: (raw) => parseArgumentsWith(signInArguments, raw),
      handle: (serverUrl, username, password) => connection.signIn(serverUrl, username, password),
    },
    'session.signOut': { parseArguments: expectNoArguments, handle: () => connection.signOut() },
    'session.current': { parseArguments: expectNoArguments, handle: () => connection.current() },
    'session.lastServerUrl': { parseArguments: expectNoArguments, handle: () => connection.lastServerUrl() },
  }
}
