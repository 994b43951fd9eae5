import type { FastifyInstance, FastifyRequest } from 'fastify'
import { badRequest } from './errors'

/**
 * Fastify's JSON parser, with a clear answer for the one refusal it words badly. A body with a
 * `__proto__` or `constructor.prototype` key is refused (prototype poisoning: such a key, copied
 * by careless code, changes every object), but Fastify reports it as "not valid JSON", which
 * sends a desk's developer looking for a syntax error that is not there.
 */
type Done = (error: Error | null, body?: unknown) => void

export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error') as (request: FastifyRequest, body: string, done: Done) => void
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, body as string, (error, value) => {
      if (error && body.length > 0 && isJson(body as string)) {
        done(badRequest('forbidden_key', 'The body holds a __proto__ or constructor.prototype key, which is refused.'), undefined)
        return
      }
      done(error, value)
    })
  })
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
