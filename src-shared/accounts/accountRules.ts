/**
 * What an account's fields must look like: the server refuses anything else, and the desk checks
 * the same before sending, so a person is told in their own language and nothing is sent.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/

/** Long enough to resist guessing now that sign-in is rate limited; no composition rules (NIST SP 800-63B). */
export const PASSWORD_MIN = 10
