import type { MessageId } from './catalog'
import { english, type MessageValues, type Translator } from './translator'

/**
 * A message the shared module gives without choosing the language: its catalog id and values,
 * and its English for logs, the server's answers and tests. Plain data, so it crosses the data
 * worker's boundary; each desk words it in its own language (`wordedIn`).
 */
export interface Worded {
  id: MessageId
  values?: WordedValues
  /** English. */
  message: string
}

/**
 * A value is data as it is (a number, a name from the file), or words of the catalog worded in
 * the same language as the message: `{ id }` one message, `{ list }` several joined as a list.
 */
export type WordedValue = MessageValues[string] | { id: MessageId } | { list: readonly MessageId[] }
export type WordedValues = Record<string, WordedValue>

export function worded(id: MessageId, values?: WordedValues): Worded {
  const message = wordIn(english(), id, values)
  return values ? { id, values, message } : { id, message }
}

/** `worded` in `translator`'s language; one without an id (made before it had one) keeps its message. */
export function wordedIn(problem: Pick<Worded, 'message'> & Partial<Pick<Worded, 'id' | 'values'>>, translator: Translator): string {
  return problem.id ? wordIn(translator, problem.id, problem.values) : problem.message
}

function wordIn(translator: Translator, id: MessageId, values: WordedValues | undefined): string {
  if (!values) return translator.t(id)
  const plain: MessageValues = {}
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && typeof value === 'object' && 'id' in value) plain[name] = translator.t(value.id)
    else if (value !== null && typeof value === 'object' && 'list' in value) plain[name] = translator.list(value.list.map((item) => translator.t(item)))
    else plain[name] = value
  }
  return translator.t(id, plain)
}

/** An error whose message the desk can word: a bad report range, a refused value. English `message`. */
export class WordedError extends Error {
  readonly worded: Worded

  constructor(id: MessageId, values?: WordedValues) {
    const problem = worded(id, values)
    super(problem.message)
    this.name = 'WordedError'
    this.worded = problem
  }
}
