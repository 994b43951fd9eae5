import { ROLES } from '../../src-shared/incident/roles'

/** Response shapes of the admin API. Listing them also keeps anything else (password hashes) out of responses. */
export const userJsonSchema = {
  type: 'object',
  required: ['userId', 'username', 'displayName', 'role', 'disabled', 'groupIds', 'createdAt', 'updatedAt'],
  properties: {
    userId: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    disabled: { type: 'boolean' },
    groupIds: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const

export const groupJsonSchema = {
  type: 'object',
  required: ['id', 'name', 'level', 'security', 'managerId', 'memberIds', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    level: { type: 'integer' },
    security: { type: 'boolean' },
    managerId: { type: ['string', 'null'] },
    memberIds: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string' },
  },
} as const

/** `:id` of a user: the ids accounts are created with (see accounts/schemas.ts userIdSchema). */
export const userIdParamsJsonSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]*$' } },
} as const

