import { z } from 'zod'
import { describeZodError } from '../../src-shared/events/schemas'

/**
 * Checks a channel's raw IPC arguments against a tuple schema. The renderer shows web content
 * and is not trusted: a forged call gets a TypeError (the invoke rejects) and reaches nothing.
 * Extra arguments are refused, not ignored.
 */
export function parseArgumentsWith<T extends readonly unknown[]>(schema: z.ZodType<T>, raw: readonly unknown[]): T {
  const result = schema.safeParse(raw)
  if (!result.success) throw new TypeError(`Invalid arguments: ${describeZodError(result.error, 'arguments')}`)
  return result.data
}

/** A short identifier the renderer passes on to the server (an incident id, a user id). */
export const identifierArgument = z.string().min(1).max(100)
