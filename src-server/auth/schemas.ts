import { ROLES } from '../../src-shared/incident/roles'

/** Response shape of {@link AccountInfo} (src-shared/sync/protocol.ts). */
export const accountInfoJsonSchema = {
  type: 'object',
  required: ['userId', 'username', 'displayName', 'role', 'groupIds'],
  properties: {
    userId: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    groupIds: { type: 'array', items: { type: 'string' } },
  },
} as const
