/**
 * JSON text with object keys sorted, so two equal values give the same text whatever order
 * their keys were written in. PostgreSQL's jsonb does not keep key order, so an event read back
 * from the log is compared with a pushed one this way.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key]
    if (item !== undefined) sorted[key] = sortKeys(item)
  }
  return sorted
}
