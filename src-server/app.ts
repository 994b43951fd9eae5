import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { EVENT_SCHEMA_VERSION } from '../src-shared/events/events'
import { SYNC_LIMITS } from '../src-shared/sync/protocol'
import { ensureInitialAdmin, initialAdminUsername, type InitialAdmin } from './accounts/initialAdmin'
import type { ScryptCost } from './accounts/passwords'
import { adminRoutes } from './admin/routes'
import { incidentApiRoutes } from './api/incidentRoutes'
import { registerOpenApi } from './api/openApi'
import { apiTokenRoutes } from './api/tokenRoutes'
import { attachmentRoutes } from './attachments/routes'
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth/loginLimit'
import { authRoutes } from './auth/routes'
import { DEFAULT_TOKEN_TTL_MS } from './auth/sessions'
import type { ServerContext } from './context'
import type { Database } from './db/database'
import { migrate } from './db/migrations'
import { orgConfigRoutes } from './orgConfig/routes'
import { intakeRoutes, intakeSourceRoutes } from './intake/routes'
import { registerAutomation } from './automation/scheduler'
import { databaseUnavailable, registerErrorHandlers } from './http/errors'
import { registerJsonParser } from './http/json'
import { apiErrorJsonSchema } from './http/schemas'
import { createAppender } from './sync/appender'
import { createAppendSignal } from './sync/appendSignal'
import { registerOutbound } from './outbound/scheduler'
import { registerMailIntake } from './mail/lifecycle'
import { mailRoutes } from './mail/routes'
import type { MailSettings } from './mail/settings'
import { webhookRoutes } from './outbound/routes'
import { syncRoutes } from './sync/routes'
import { registerDeskSite, registerSecurityHeaders } from './web/deskSite'

/** A database that takes longer than this to answer `SELECT 1` counts as away. */
const DATABASE_PROBE_TIMEOUT_MS = 2_000

async function answersWithin(database: Database, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    return await Promise.race([database.query('SELECT 1').then(() => true, () => false), timeout])
  } finally {
    clearTimeout(timer)
  }
}

export interface ServerOptions {
  /** Opened by the caller (see db/open.ts), which also closes it after the app. */
  database: Database
  /** Pino logging: true, pino options, or off (the default, for tests). */
  logger?: FastifyServerOptions['logger']
  now?: () => Date
  /** How long a sign-in lasts; 12 h by default (a working day with overtime). */
  tokenTtlMs?: number
  loginLimits?: Partial<LoginLimits>
  /** Behind a load balancer: trust its X-Forwarded-For, so the sign-in limit sees the client's address. */
  trustProxy?: FastifyServerOptions['trustProxy']
  scryptCost?: ScryptCost
  /**
   * When given, a first start on a database without accounts creates an admin with a random
   * password and hands it here, once, to be shown to whoever runs the server.
   */
  onInitialAdmin?: (admin: InitialAdmin) => void
  /** The first admin's username, chosen by the operator; a random `admin-…` when not given. */
  initialAdminUsername?: string
  /** A built web desk (dist-web/) to serve on the server's own origin; none when absent or empty. */
  webRoot?: string
  /** How often the server's own rules run (auto-close); never when undefined (tests run them on demand). */
  automationIntervalMs?: number
  /** How often webhook deliveries are queued and sent besides after each append; never when undefined (tests run them on demand). */
  outboundIntervalMs?: number
  /** Mail in (an SMTP listener) and out (notifications through a relay); none when absent. */
  mail?: MailSettings | null
}

/**
 * The sync server, built without listening so tests `inject` into it (main.ts listens). Routes
 * are plugins under /api/v1; the shared services reach them as an explicit {@link ServerContext}.
 * The schema is migrated as the app becomes ready (inject and listen both wait for it).
 */
export function buildServer(options: ServerOptions): FastifyInstance {
  const now = options.now ?? (() => new Date())
  const appended = createAppendSignal()
  const context: ServerContext = {
    database: options.database,
    appender: createAppender(options.database, now, { onCommitted: appended.notify }),
    appended,
    mail: options.mail ?? null,
    now,
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
    loginLimits: { ...DEFAULT_LOGIN_LIMITS, ...options.loginLimits },
    scryptCost: options.scryptCost,
  }
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: SYNC_LIMITS.maxBodyBytes,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
    ajv: {
      // Refuse what does not fit instead of quietly repairing it: no stripped unknown fields,
      // no "12" turned into 12 or 12 into "12". The desk learns its request was wrong.
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false },
    },
  })
  const databaseAnswers = () => answersWithin(context.database, DATABASE_PROBE_TIMEOUT_MS)
  registerErrorHandlers(app, databaseAnswers)
  registerSecurityHeaders(app)
  registerJsonParser(app)
  app.decorateRequest('account', null)
  app.decorateRequest('sessionToken', null)

  app.register(async function prepareDatabase() {
    await migrate(context.database)
    if (options.onInitialAdmin) {
      const admin = await ensureInitialAdmin(context.database, context.now(), initialAdminUsername(options.initialAdminUsername), context.scryptCost)
      if (admin) options.onInitialAdmin(admin)
    }
  })

  // First, so every route after it is in the OpenAPI document.
  registerOpenApi(app)
  app.register(async (scope) => { scope.get(
    '/api/v1/health',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['status', 'eventSchemaVersion'],
            properties: { status: { type: 'string' }, eventSchemaVersion: { type: 'integer' } },
          },
          503: apiErrorJsonSchema,
        },
      },
    },
    async () => {
      // A load balancer takes this instance out of rotation until its database is back.
      if (!(await databaseAnswers())) throw databaseUnavailable()
      return { status: 'ok', eventSchemaVersion: EVENT_SCHEMA_VERSION }
    },
  ) })
  app.register(authRoutes, { prefix: '/api/v1/auth', context })
  app.register(adminRoutes, { prefix: '/api/v1/admin', context })
  app.register(intakeSourceRoutes, { prefix: '/api/v1/admin/intake-sources', context })
  app.register(intakeRoutes, { prefix: '/api/v1/intake', context })
  app.register(incidentApiRoutes, { prefix: '/api/v1/incidents', context })
  app.register(apiTokenRoutes, { prefix: '/api/v1/admin/api-tokens', context })
  app.register(syncRoutes, { prefix: '/api/v1/sync', context })
  app.register(orgConfigRoutes, { prefix: '/api/v1/config', context })
  registerAutomation(app, context, options.automationIntervalMs)
  registerOutbound(app, context, options.outboundIntervalMs)
  registerMailIntake(app, context)
  app.register(webhookRoutes, { prefix: '/api/v1/admin/webhooks', context })
  app.register(mailRoutes, { prefix: '/api/v1/admin/mail', context })
  app.register(attachmentRoutes, { prefix: '/api/v1/attachments', context })
  app.register(async (site) => {
    await registerDeskSite(site, options.webRoot)
  })
  return app
}
