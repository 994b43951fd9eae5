import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Webhook signatures: `X-Incident-Desk-Signature: t=<unix seconds>,v1=<hex>`, where the hex is
 * HMAC-SHA256 with the webhook's secret over `<t>.<body>`. The timestamp is inside what is signed,
 * so a receiver that refuses old timestamps (5 minutes is customary) cannot be replayed a captured
 * delivery later; the body is signed as sent, byte for byte. A receiver verifies with
 * {@link verifySignature} or its own few lines of the same.
 */
export const SIGNATURE_HEADER = 'x-incident-desk-signature'

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`
}

/** Whether `header` signs `body` with `secret`, at most `toleranceSeconds` from `now`. */
export function verifySignature(secret: string, header: string | undefined, body: string, now: Date, toleranceSeconds = 300): boolean {
  const parts = new Map((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]))
  const timestamp = Number(parts.get('t'))
  const given = parts.get('v1')
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given)) return false
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(signatureOf(secret, timestamp, body), 'hex'))
}
