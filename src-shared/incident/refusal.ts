import { english } from '../i18n/translator'
import type { RefusalReason } from '../i18n/messages/refusals'
import { wordRefusal, type RefusalParams } from '../i18n/refusalWords'

/** Why a command was refused; the UI shows `message`, tests and the server match on `code`. */
export const REFUSAL_CODES = [
  'not_found',
  'already_exists',
  'not_visible',
  'terminal',
  'wrong_state',
  'role_not_allowed',
  'not_owner',
  'missing_field',
  'invalid_field',
  'invalid_escalation',
  'not_p1',
  'already_major',
  'not_eligible',
  'no_change',
  'invalid_link',
  'not_major',
  'not_security',
  'limit_reached',
] as const
export type RefusalCode = (typeof REFUSAL_CODES)[number]

export interface Refusal {
  code: RefusalCode
  /** English, for logs, the server's answers and tests; the desk words `reason` and `params` in the user's language. */
  message: string
  reason?: RefusalReason
  params?: RefusalParams
}

/** A refusal with its reason and parameters, and its English message worded from the same catalog. */
export function refusal<Code extends string = RefusalCode>(code: Code, reason: RefusalReason, params?: RefusalParams): Omit<Refusal, 'code'> & { code: Code } {
  const message = wordRefusal({ message: '', reason, params }, english())
  return params ? { code, message, reason, params } : { code, message, reason }
}

