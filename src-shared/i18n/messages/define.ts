/**
 * One concept's messages in every language, side by side: whoever adds an English string sees
 * where its French goes, and the compiler refuses a translation that misses a key or adds one.
 * Messages are ICU MessageFormat (plurals, selects, numbers), read by intl-messageformat.
 */
export type Translation<En> = { readonly [Key in keyof En]: string }

export interface MessageSet<En extends Record<string, string>> {
  en: En
  fr: Translation<En>
}

export function defineMessages<const En extends Record<string, string>>(en: En, fr: Translation<En>): MessageSet<En> {
  return { en, fr }
}

/** `{ new: 'New' }` under prefix `state` → `{ 'state.new': 'New' }`: domain label maps as messages. */
export function prefixed<const Prefix extends string, Key extends string | number>(
  prefix: Prefix,
  labels: Record<Key, string>,
): { [K in Key as `${Prefix}.${K}`]: string } {
  const out: Record<string, string> = {}
  for (const [key, label] of Object.entries(labels)) out[`${prefix}.${key}`] = label as string
  return out as { [K in Key as `${Prefix}.${K}`]: string }
}
