import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Password hashing with scrypt (node:crypto) and a random salt per user. The stored text
 * carries its parameters (`scrypt$N$r$p$salt$hash`), so the cost can be raised later and old
 * hashes still verify.
 */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

/** 2^15 × 8 × 128 B = 32 MiB and ~50 ms per hash here: slow for a guesser, fine for a sign-in. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 }
const KEY_LENGTH = 32
const SALT_BYTES = 16

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, cost)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$')
}

const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = HASH_PATTERN.exec(stored)
  if (!match) return false
  const cost = { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) }
  const expected = Buffer.from(match[5]!, 'base64')
  const actual = await derive(password, Buffer.from(match[4]!, 'base64'), cost)
  // Constant-time comparison: how many leading bytes match must not show in the timing.
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/**
 * A hash no password matches (its key is random), at the cost real hashes have, verified when
 * the username does not exist: an unknown name then takes as long as a wrong password, and the
 * timing does not tell a guesser which names exist.
 */
export function unmatchableHash(cost: ScryptCost = DEFAULT_SCRYPT_COST): string {
  return ['scrypt', cost.N, cost.r, cost.p, 'gqcwUzjD3R2lH1ItL0s5Jw==', '0v0cW8mR7B4bQ8Sx6Yl3d2r3oNn1VXh5m6v0e9Qw1aE='].join('$')
}

/** A password for an account an admin creates without choosing one: 144 random bits, easy to copy. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}
