import { z } from 'zod'
import { LIMITS } from '../../src-shared/events/limits'
import { SUPPORT_LEVELS } from '../../src-shared/incident/levels'
import { roleSchema } from '../../src-shared/sync/protocol'
import { PASSWORD_MIN, USERNAME_PATTERN } from '../../src-shared/accounts/accountRules'

/**
 * Shapes of the account admin API. Field limits match the event log's (a display name ends up
 * in every event the person writes), so an account can never be one the log would refuse.
 */
export { PASSWORD_MIN, USERNAME_PATTERN }

export const usernameSchema = z
  .string()
  .regex(USERNAME_PATTERN, 'A username is 2–64 characters: lowercase letters, digits, dot, dash or underscore, starting with a letter or digit.')

export const passwordSchema = z.string().min(PASSWORD_MIN, `A password has at least ${PASSWORD_MIN} characters.`).max(200)

export const displayNameSchema = z
  .string()
  .max(LIMITS.name)
  .regex(/\S/, 'A display name is required.')

/** Ids are free text so accounts can keep the ids another directory gave them; the log caps them. */
export const userIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/).max(LIMITS.userId)

export const groupIdsSchema = z.array(z.string().min(1).max(100)).max(100)

export const createUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  /** Omit to have the server generate one and return it once. */
  password: passwordSchema.optional(),
  groupIds: groupIdsSchema.optional(),
})
export type CreateUserRequest = z.infer<typeof createUserSchema>

export const updateUserSchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
  groupIds: groupIdsSchema.optional(),
})
export type UpdateUserRequest = z.infer<typeof updateUserSchema>

export const setPasswordSchema = z.strictObject({
  /** Omit to have the server generate one and return it once. */
  password: passwordSchema.optional(),
})
export type SetPasswordRequest = z.infer<typeof setPasswordSchema>

export const createGroupSchema = z.strictObject({
  name: z.string().max(LIMITS.name).regex(/\S/, 'A group name is required.'),
  level: z.union(SUPPORT_LEVELS.map((level) => z.literal(level))),
  security: z.boolean().optional(),
  memberIds: z.array(userIdSchema).max(1000).optional(),
})
export type CreateGroupRequest = z.infer<typeof createGroupSchema>

/** Who SLA escalation notifies first for the group's incidents (hierarchical escalation); null for nobody. */
export const updateGroupSchema = z.strictObject({
  managerId: userIdSchema.nullable(),
})
export type UpdateGroupRequest = z.infer<typeof updateGroupSchema>
