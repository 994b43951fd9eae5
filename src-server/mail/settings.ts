
/**
 * Mail in and out, both optional. Out: an SMTP relay (`MAIL_SMTP_URL`, e.g.
 * `smtp://relay.example.org:587`, user and password in the URL when it needs them) and the
 * address notifications come from (`MAIL_FROM`). In: an SMTP listener (`MAIL_INTAKE_PORT`,
 * `MAIL_INTAKE_HOST`) that takes mail for one address (`MAIL_INTAKE_ADDRESS`, the desk's), which
 * the organization's mail server forwards to it.
 */
export interface MailSettings {
  /** The desk's address: notifications come from it, and it is the one address the intake takes mail for. */
  address: string
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: string } | null
  intake: { host: string; port: number } | null
}


/** The domain Message-IDs are made in: the desk address's. */
export function mailDomain(settings: Pick<MailSettings, 'address'>): string {
  return settings.address.split('@')[1] ?? 'incident-desk.invalid'
}

const ADDRESS = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/

export function isMailAddress(text: string | null | undefined): text is string {
  return typeof text === 'string' && ADDRESS.test(text.trim())
}

export function readMailSettings(env: NodeJS.ProcessEnv): MailSettings | null {
  const address = env.MAIL_INTAKE_ADDRESS ?? env.MAIL_FROM
  if (!address) return null
  if (!isMailAddress(address)) throw new Error(`MAIL_FROM / MAIL_INTAKE_ADDRESS must be an e-mail address, not "${address}".`)
  let smtp: MailSettings['smtp'] = null
  if (env.MAIL_SMTP_URL) {
    const url = new URL(env.MAIL_SMTP_URL)
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('MAIL_SMTP_URL must be smtp://… or smtps://….')
    smtp = {
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ...(url.username ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : {}),
    }
  }
  const intake = env.MAIL_INTAKE_PORT ? { host: env.MAIL_INTAKE_HOST ?? '127.0.0.1', port: Number(env.MAIL_INTAKE_PORT) } : null
  return { address: address.trim().toLowerCase(), smtp, intake }
}
