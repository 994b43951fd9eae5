import type { FastifyPluginAsync } from 'fastify'
import { LIMITS } from '../../src-shared/events/limits'
import { authenticate, signedIn } from '../auth/authenticate'
import type { ServerContext } from '../context'
import { badRequest, notFound } from '../http/errors'
import { errorResponses } from '../http/schemas'
import { readAttachment, sha256Hex, storeAttachment } from './attachmentStore'

const BYTES_TYPE = 'application/octet-stream'

const paramsSchema = {
  type: 'object',
  required: ['sha256'],
  additionalProperties: false,
  properties: { sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
} as const

interface Params {
  sha256: string
}

/**
 * /api/v1/attachments/:sha256: a desk uploads the bytes of a file it attached (after pushing the
 * event that names it) and downloads those of files attached elsewhere when a person opens one.
 */
export const attachmentRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  app.addHook('onRequest', authenticate(context))
  // Raw bytes, bounded by the attachment limit: the only route that takes something other than JSON.
  app.addContentTypeParser(BYTES_TYPE, { parseAs: 'buffer', bodyLimit: LIMITS.attachmentBytes }, (_request, body, done) => done(null, body))

  app.put<{ Params: Params; Body: Buffer }>(
    '/:sha256',
    {
      bodyLimit: LIMITS.attachmentBytes,
      schema: {
        params: paramsSchema,
        response: { 200: { type: 'object', required: ['stored'], properties: { stored: { type: 'boolean' } } }, ...errorResponses },
      },
    },
    async (request) => {
      const bytes = request.body
      if (!Buffer.isBuffer(bytes)) throw badRequest('invalid_body', `Send the file's bytes as ${BYTES_TYPE}.`)
      if (sha256Hex(bytes) !== request.params.sha256) {
        throw badRequest('hash_mismatch', 'The bytes do not match the SHA-256 in the address; the file changed or was cut short on the way.')
      }
      return { stored: await storeAttachment(context.database, request.params.sha256, bytes, signedIn(request).userId, context.now()) }
    },
  )

  app.get<{ Params: Params }>('/:sha256', { schema: { params: paramsSchema } }, async (request, reply) => {
    const bytes = await readAttachment(context.database, request.params.sha256, signedIn(request))
    if (!bytes) throw notFound('not_found', 'No incident you can see carries this file, or its bytes have not reached the server yet.')
    // Always an inert download: never the uploader's type (text/html, image/svg+xml would run as
    // the server's origin), never sniffed, and no policy under which anything in it could run.
    return reply
      .type(BYTES_TYPE)
      .header('content-disposition', 'attachment')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  })
}
