import { z } from 'zod'
import { LIMITS } from '../../src-shared/events/limits'
import { API_SCOPES } from '../../src-shared/api/apiTokens'
import { MAIL_TEMPLATE_IDS } from '../../src-shared/events/events'
import { MAIL_LIST_LIMITS, MAIL_TEMPLATE_LIMITS } from '../../src-shared/mail/mailAdmin'
import { DRY_RUN_RULES } from '../../src-shared/automation/dryRun'
import { CONFIG_SECTIONS } from '../../src-shared/config/orgConfig'
import { SUPPORT_LEVELS } from '../../src-shared/incident/levels'
import { alertSourceRulesSchema } from '../../src-shared/intake/alertRules'
import { signInRequestSchema, roleSchema } from '../../src-shared/sync/protocol'
import { expectNoArguments, type MainApiHandlers } from '../ipc/channelHandler'
import { identifierArgument, parseArgumentsWith } from './ipcArguments'
import type { ServerConnection } from './serverConnection'

type AdminChannel =
  | 'admin.listUsers'
  | 'admin.createUser'
  | 'admin.updateUser'
  | 'admin.resetPassword'
  | 'admin.revokeSessions'
  | 'admin.listGroups'
  | 'admin.createGroup'
  | 'admin.saveConfig'
  | 'admin.updateGroup'
  | 'admin.dryRun'
  | 'admin.listSources'
  | 'admin.createSource'
  | 'admin.updateSource'
  | 'admin.issueSourceKey'
  | 'admin.revokeSourceKey'
  | 'admin.listWebhooks'
  | 'admin.createWebhook'
  | 'admin.setWebhookActive'
  | 'admin.webhookDeliveries'
  | 'admin.retryDelivery'
  | 'admin.listApiTokens'
  | 'admin.createApiToken'
  | 'admin.revokeApiToken'
  | 'admin.listMailTemplates'
  | 'admin.saveMailTemplate'
  | 'admin.listMailLists'
  | 'admin.saveMailList'
  | 'admin.mailOutbox'

// Bounds only: the server owns the rules (password strength, unique names, who may do this).
const displayName = z.string().min(1).max(LIMITS.name)
const groupIds = z.array(identifierArgument).max(100)
const password = signInRequestSchema.shape.password

const createUserArguments = z.tuple([
  z.strictObject({
    username: signInRequestSchema.shape.username,
    displayName,
    role: roleSchema,
    password: password.optional(),
    groupIds: groupIds.optional(),
  }),
])
const updateUserArguments = z.tuple([
  identifierArgument,
  z.strictObject({
    displayName: displayName.optional(),
    role: roleSchema.optional(),
    groupIds: groupIds.optional(),
    disabled: z.boolean().optional(),
  }),
])
const userArguments = z.tuple([identifierArgument])
const resetPasswordArguments = z.tuple([identifierArgument, password.nullable()])
const createGroupArguments = z.tuple([
  z.strictObject({
    name: z.string().min(1).max(LIMITS.name),
    level: z.literal([...SUPPORT_LEVELS]),
    security: z.boolean().optional(),
    memberIds: z.array(identifierArgument).max(1_000).optional(),
  }),
])

// The value's shape is the server's to check (src-shared/config/orgConfig.ts); here only its section.
const saveConfigArguments = z.tuple([z.enum(CONFIG_SECTIONS), z.unknown()])
const dryRunArguments = z.tuple([z.enum(DRY_RUN_RULES), z.number().int().min(1).max(90)])
const updateGroupArguments = z.tuple([identifierArgument, z.strictObject({ managerId: identifierArgument.nullable() })])
const sourceArguments = z.tuple([identifierArgument])
// Shapes and bounds only: the server judges the URL and the event types.
const createWebhookArguments = z.tuple([
  z.strictObject({ url: z.string().min(1).max(2_000), description: z.string().max(200).optional(), eventTypes: z.array(z.string().max(100)).max(100), includeSecurity: z.boolean().optional() }),
])
const webhookActiveArguments = z.tuple([identifierArgument, z.boolean()])
const webhookArguments = z.tuple([identifierArgument])
const retryDeliveryArguments = z.tuple([identifierArgument, identifierArgument])
// The scopes are the shared list; the server checks that the account exists.
const createApiTokenArguments = z.tuple([z.strictObject({ name: displayName, userId: identifierArgument, scopes: z.array(z.enum(API_SCOPES)).min(1).max(API_SCOPES.length) })])
const apiTokenArguments = z.tuple([identifierArgument])
// Bounds only: the server checks placeholders and addresses.
const saveMailTemplateArguments = z.tuple([z.enum(MAIL_TEMPLATE_IDS), z.strictObject({ subject: z.string().max(MAIL_TEMPLATE_LIMITS.subject), body: z.string().max(MAIL_TEMPLATE_LIMITS.body) })])
const saveMailListArguments = z.tuple([z.string().trim().min(1).max(MAIL_LIST_LIMITS.audience), z.array(z.string().max(MAIL_LIST_LIMITS.address)).max(MAIL_LIST_LIMITS.addresses)])
const createSourceArguments = z.tuple([z.strictObject({ id: identifierArgument, name: displayName, rules: alertSourceRulesSchema.optional() })])
const updateSourceArguments = z.tuple([identifierArgument, z.strictObject({ name: displayName.optional(), rules: alertSourceRulesSchema.optional() })])

/** `admin.*`: account and group administration, forwarded with the session's token. */
export function createAdminHandlers(connection: ServerConnection): Pick<MainApiHandlers, AdminChannel> {
  return {
    'admin.listUsers': { parseArguments: expectNoArguments, handle: () => connection.call((client) => client.listUsers()) },
    'admin.createUser': {
      parseArguments: (raw) => parseArgumentsWith(createUserArguments, raw),
      handle: (request) => connection.call((client) => client.createUser(request)),
    },
    'admin.updateUser': {
      parseArguments: (raw) => parseArgumentsWith(updateUserArguments, raw),
      handle: (userId, changes) => connection.call((client) => client.updateUser(userId, changes)),
    },
    'admin.resetPassword': {
      parseArguments: (raw) => parseArgumentsWith(resetPasswordArguments, raw),
      handle: (userId, newPassword) => connection.call((client) => client.resetPassword(userId, newPassword ?? undefined)),
    },
    'admin.revokeSessions': {
      parseArguments: (raw) => parseArgumentsWith(userArguments, raw),
      handle: (userId) => connection.call((client) => client.revokeSessions(userId)),
    },
    'admin.listGroups': { parseArguments: expectNoArguments, handle: () => connection.call((client) => client.listGroups()) },
    'admin.createGroup': {
      parseArguments: (raw) => parseArgumentsWith(createGroupArguments, raw),
      handle: (request) => connection.call((client) => client.createGroup(request)),
    },
    'admin.dryRun': {
      parseArguments: (raw) => parseArgumentsWith(dryRunArguments, raw),
      handle: (rule, days) => connection.call((client) => client.dryRun(rule, days)),
    },
    'admin.updateGroup': {
      parseArguments: (raw) => parseArgumentsWith(updateGroupArguments, raw),
      handle: (groupId, changes) => connection.call((client) => client.updateGroup(groupId, changes)),
    },
    'admin.listSources': { parseArguments: expectNoArguments, handle: () => connection.call((client) => client.listSources()) },
    'admin.createSource': {
      parseArguments: (raw) => parseArgumentsWith(createSourceArguments, raw),
      handle: (request) => connection.call((client) => client.createSource(request)),
    },
    'admin.updateSource': {
      parseArguments: (raw) => parseArgumentsWith(updateSourceArguments, raw),
      handle: (sourceId, changes) => connection.call((client) => client.updateSource(sourceId, changes)),
    },
    'admin.issueSourceKey': {
      parseArguments: (raw) => parseArgumentsWith(sourceArguments, raw),
      handle: (sourceId) => connection.call((client) => client.issueSourceKey(sourceId)),
    },
    'admin.revokeSourceKey': {
      parseArguments: (raw) => parseArgumentsWith(sourceArguments, raw),
      handle: (sourceId) => connection.call((client) => client.revokeSourceKey(sourceId)),
    },
    'admin.listWebhooks': { parseArguments: expectNoArguments, handle: () => connection.call((client) => client.listWebhooks()) },
    'admin.createWebhook': {
      parseArguments: (raw) => parseArgumentsWith(createWebhookArguments, raw),
      handle: (request) => connection.call((client) => client.createWebhook(request)),
    },
    'admin.setWebhookActive': {
      parseArguments: (raw) => parseArgumentsWith(webhookActiveArguments, raw),
      handle: (webhookId, active) => connection.call((client) => client.setWebhookActive(webhookId, active)),
    },
    'admin.webhookDeliveries': {
      parseArguments: (raw) => parseArgumentsWith(webhookArguments, raw),
      handle: (webhookId) => connection.call((client) => client.webhookDeliveries(webhookId)),
    },
    'admin.retryDelivery': {
      parseArguments: (raw) => parseArgumentsWith(retryDeliveryArguments, raw),
      handle: (webhookId, deliveryId) => connection.call((client) => client.retryDelivery(webhookId, deliveryId)),
    },
    'admin.listApiTokens': { parseArguments: expectNoArguments, handle: () => connection.call((client) => client.listApiTokens()) },
    'admin.createApiToken': {
      parseArguments: (raw) => parseArgumentsWith(createApiTokenArguments, raw),
      handle: (request) => connection.call((client) => client.createApiToken(request)),
    },
    'admin.revokeApiToken': {
      parseArguments: (raw) => parseArgumentsWith(apiTokenArguments, raw),
      handle: (tokenId) => connection.call((client) => client.revokeApiToken(tokenId)),
    },
    'admin.listMailTemplates': { parseArguments: expectNoArguments, handle: () => connection.call((client) => client.listMailTemplates()) },
    'admin.saveMailTemplate': {
      parseArguments: (raw) => parseArgumentsWith(saveMailTemplateArguments, raw),
      handle: (templateId, template) => connection.call((client) => client.saveMailTemplate(templateId, template)),
    },
    'admin.listMailLists': { parseArguments: expectNoArguments, handle: () => connection.call((client) => client.listMailLists()) },
    'admin.saveMailList': {
      parseArguments: (raw) => parseArgumentsWith(saveMailListArguments, raw),
      handle: (audience, addresses) => connection.call((client) => client.saveMailList(audience, addresses)),
    },
    'admin.mailOutbox': { parseArguments: expectNoArguments, handle: () => connection.call((client) => client.mailOutbox()) },
    'admin.saveConfig': {
      parseArguments: (raw) => parseArgumentsWith(saveConfigArguments, raw),
      handle: (section, value) => connection.call((client) => client.saveConfig(section, value)),
    },
  }
}
