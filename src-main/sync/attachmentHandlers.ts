import { z } from 'zod'
import { LIMITS } from '../../src-shared/events/limits'
import type { MainApiHandlers } from '../ipc/channelHandler'
import { parseArgumentsWith } from './ipcArguments'
import type { ServerConnection } from './serverConnection'

const sha256Argument = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256')
const uploadArguments = z.tuple([
  sha256Argument,
  z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= LIMITS.attachmentBytes, `A file can be at most ${LIMITS.attachmentBytes} bytes.`),
])
const downloadArguments = z.tuple([sha256Argument])

/**
 * `attachments.*`: main sends and fetches attachment bytes with the session's token, like the
 * rest of the sync transport (the token never reaches the page).
 */
export function createAttachmentHandlers(connection: ServerConnection): Pick<MainApiHandlers, 'attachments.upload' | 'attachments.download'> {
  return {
    'attachments.upload': {
      parseArguments: (raw) => parseArgumentsWith(uploadArguments, raw) as [string, Uint8Array<ArrayBuffer>],
      handle: (sha256, bytes) => connection.call((client) => client.uploadAttachment(sha256, bytes)),
    },
    'attachments.download': {
      parseArguments: (raw) => parseArgumentsWith(downloadArguments, raw),
      handle: (sha256) => connection.call((client) => client.downloadAttachment(sha256)),
    },
  }
}
