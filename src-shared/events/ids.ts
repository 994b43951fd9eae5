import { uuidv7 } from 'uuidv7'

/**
 * Every id is a UUIDv7: unique without coordination (devices create incidents offline) and
 * time-ordered, so ids sort roughly by creation and index well.
 */
export function newId(): string {
  return uuidv7()
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value)
}

/** The creation time a UUIDv7 carries in its first 48 bits. */
export function uuidv7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16)
}
