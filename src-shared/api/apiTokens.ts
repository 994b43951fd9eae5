/**
 * Tokens for the public API (`/api/v1/incidents`), as the server lists them and an admin's desk
 * shows them. A token acts as one account within its scopes; only its SHA-256 is kept, so the
 * token itself is seen once, in the answer that made it.
 */
export const API_SCOPES = ['incidents:read', 'incidents:write'] as const
export type ApiScope = (typeof API_SCOPES)[number]

export interface ApiToken {
  id: string
  /** What uses it ("Status page", "CMDB sync"). */
  name: string
  /** The account it acts as. */
  userId: string
  scopes: ApiScope[]
  createdAt: string
  revokedAt: string | null
  lastUsedAt: string | null
}

export interface CreateApiTokenRequest {
  name: string
  userId: string
  scopes: ApiScope[]
}

/** A token just made: the only answer that carries `secret`. */
export interface IssuedApiToken {
  token: ApiToken
  secret: string
}
