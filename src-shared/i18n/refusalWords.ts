import type { RefusalReason } from './messages/refusals'
import type { MessageId } from './catalog'
import type { Translator } from './translator'

/** A refusal's parameters: plain values, or domain codes the language words (see below). */
export type RefusalParams = Readonly<Record<string, string | number | readonly string[]>>

export interface WordableRefusal {
  /** English, for logs and for callers that do not word refusals themselves. */
  message: string
  reason?: RefusalReason
  params?: RefusalParams
}

/** Parameters holding domain codes, each worded through its vocabulary prefix. */
const CODE_PARAMS: Record<string, string> = { state: 'state', states: 'state', role: 'role', action: 'action', holdReason: 'hold' }

function wordParam(name: string, value: string | number | readonly string[], translator: Translator): string | number {
  const prefix = CODE_PARAMS[name]
  if (Array.isArray(value)) return value.map((item) => wordParam(name, item as string, translator)).join(', ')
  if (!prefix) return value as string | number
  const worded = translator.t(`${prefix}.${value as string}` as MessageId)
  // An action reads inside a sentence: "cannot resolve", "ne peut pas résoudre".
  return name === 'action' ? worded.toLocaleLowerCase(translator.intlLocale) : worded
}

/** The refusal in the translator's language; one without a reason keeps its own message. */
export function wordRefusal(refusal: WordableRefusal, translator: Translator): string {
  if (!refusal.reason) return refusal.message
  const values: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(refusal.params ?? {})) values[name] = wordParam(name, value, translator)
  return translator.t(`refusal.${refusal.reason}`, values)
}
