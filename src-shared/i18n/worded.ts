import type { MessageId } from './catalog'
import { english, type MessageValues, type Translator } from './translator'

/**
 * A message the shared module gives without choosing the language: its catalog id and values,
 * and its English for logs, the server's answers and tests. Plain data, so it crosses the data
 * worker's boundary; each desk words it in its own language (`wordedIn`).
 */
export interface Worded {
  id: MessageId
  values?: MessageValues
  /** English. */
  message: string
}

export function worded(id: MessageId, values?: MessageValues): Worded {
  const message = english().t(id, values)
  return values ? { id, values, message } : { id, message }
}

/** `worded` in `translator`'s language; one without an id (made before it had one) keeps its message. */
export function wordedIn(problem: Pick<Worded, 'message'> & Partial<Pick<Worded, 'id' | 'values'>>, translator: Translator): string {
  return problem.id ? translator.t(problem.id, problem.values) : problem.message
}

/** An error whose message the desk can word: a bad report range, a refused value. English `message`. */
export class WordedError extends Error {
  readonly worded: Worded

  constructor(id: MessageId, values?: MessageValues) {
    const problem = worded(id, values)
    super(problem.message)
    this.name = 'WordedError'
    this.worded = problem
  }
}
