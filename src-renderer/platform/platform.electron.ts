import type { DesktopBridge, IpcResult } from '../../src-shared/ipc/contract'
import { SyncHttpError } from '../../src-shared/sync/httpClient'
import type { Platform } from './platform'
import { openElectronCsvSink } from '../export/electronCsvSink'

/**
 * The platform inside the desktop shell. Everything goes through the preload's narrow bridge;
 * the page never sees ipcRenderer, and main validates every call again.
 *
 * The session token stays in main (encrypted at rest with safeStorage) and main makes every HTTP
 * call; the schedule lives there too (it hears the OS about sleep and network), and asks this
 * page to run a round because IndexedDB is here.
 */
export function createElectronPlatform(bridge: DesktopBridge): Platform {
  return {
    kind: 'electron',
    async getAppInfo() {
      const info = await bridge.invoke('app.getInfo')
      return { name: info.name, version: info.version, platform: info.platform }
    },
    onMenuCommand(listener) {
      return bridge.onMenuCommand(listener)
    },

    session: {
      signIn: async (serverUrl, username, password) => unwrap(await bridge.invoke('session.signIn', serverUrl, username, password)),
      signOut: () => bridge.invoke('session.signOut'),
      current: () => bridge.invoke('session.current'),
      // A desktop desk has no origin of its own to suggest; an empty field asks for the address.
      suggestedServerUrl: async () => (await bridge.invoke('session.lastServerUrl')) ?? '',
    },

    syncTransport: {
      push: async (request) => unwrap(await bridge.invoke('sync.push', request)),
      pull: async (after, limit) => unwrap(await bridge.invoke('sync.pull', after, limit)),
      snapshot: async (after, limit) => unwrap(await bridge.invoke('sync.snapshot', after, limit)),
      incidentEvents: async (incidentId) => unwrap(await bridge.invoke('sync.incidentEvents', incidentId)),
      config: async (after) => unwrap(await bridge.invoke('sync.config', after)),
    },

    admin: {
      listUsers: async () => unwrap(await bridge.invoke('admin.listUsers')),
      createUser: async (request) => unwrap(await bridge.invoke('admin.createUser', request)),
      updateUser: async (userId, changes) => unwrap(await bridge.invoke('admin.updateUser', userId, changes)),
      resetPassword: async (userId, password) => unwrap(await bridge.invoke('admin.resetPassword', userId, password)),
      revokeSessions: async (userId) => unwrap(await bridge.invoke('admin.revokeSessions', userId)),
      listGroups: async () => unwrap(await bridge.invoke('admin.listGroups')),
      createGroup: async (request) => unwrap(await bridge.invoke('admin.createGroup', request)),
      saveConfig: async (section, value) => unwrap(await bridge.invoke('admin.saveConfig', section, value)),
      updateGroup: async (groupId, changes) => unwrap(await bridge.invoke('admin.updateGroup', groupId, changes)),
      dryRun: async (rule, days) => unwrap(await bridge.invoke('admin.dryRun', rule, days)),
      listSources: async () => unwrap(await bridge.invoke('admin.listSources')),
      createSource: async (request) => unwrap(await bridge.invoke('admin.createSource', request)),
      updateSource: async (sourceId, changes) => unwrap(await bridge.invoke('admin.updateSource', sourceId, changes)),
      issueSourceKey: async (sourceId) => unwrap(await bridge.invoke('admin.issueSourceKey', sourceId)),
      revokeSourceKey: async (sourceId) => unwrap(await bridge.invoke('admin.revokeSourceKey', sourceId)),
      listWebhooks: async () => unwrap(await bridge.invoke('admin.listWebhooks')),
      createWebhook: async (request) => unwrap(await bridge.invoke('admin.createWebhook', request)),
      setWebhookActive: async (webhookId, active) => unwrap(await bridge.invoke('admin.setWebhookActive', webhookId, active)),
      webhookDeliveries: async (webhookId) => unwrap(await bridge.invoke('admin.webhookDeliveries', webhookId)),
      retryDelivery: async (webhookId, deliveryId) => unwrap(await bridge.invoke('admin.retryDelivery', webhookId, deliveryId)),
      listApiTokens: async () => unwrap(await bridge.invoke('admin.listApiTokens')),
      createApiToken: async (request) => unwrap(await bridge.invoke('admin.createApiToken', request)),
      revokeApiToken: async (tokenId) => unwrap(await bridge.invoke('admin.revokeApiToken', tokenId)),
      listMailTemplates: async () => unwrap(await bridge.invoke('admin.listMailTemplates')),
      saveMailTemplate: async (templateId, template) => unwrap(await bridge.invoke('admin.saveMailTemplate', templateId, template)),
      listMailLists: async () => unwrap(await bridge.invoke('admin.listMailLists')),
      saveMailList: async (audience, addresses) => unwrap(await bridge.invoke('admin.saveMailList', audience, addresses)),
      mailOutbox: async () => unwrap(await bridge.invoke('admin.mailOutbox')),
    },

    onSyncRequested(listener) {
      return bridge.onSyncRequested((request) => listener(request.trigger))
    },
    requestSync(trigger) {
      void bridge.invoke('sync.request', trigger).catch(logBridgeFailure)
    },
    reportSyncProgress(fraction) {
      void bridge.invoke('sync.reportProgress', fraction).catch(logBridgeFailure)
    },
    reportSyncResult(outcome) {
      void bridge.invoke('sync.reportResult', outcome).catch(logBridgeFailure)
    },
    openCsvSink(suggestedName) {
      return openElectronCsvSink(bridge, suggestedName)
    },
    showNotification: (notification) => bridge.invoke('notify.show', notification).catch(() => false),
    languageChosen: (locale) => void bridge.invoke('app.setLanguage', locale).catch(() => undefined),
    attachments: {
      upload: async (sha256, bytes) => unwrap(await bridge.invoke('attachments.upload', sha256, bytes)),
      download: async (sha256) => unwrap(await bridge.invoke('attachments.download', sha256)),
    },
  }
}

/**
 * Main answers outside-world failures as data (Electron strips custom error classes crossing
 * IPC); turn them back into the same `SyncHttpError` the web platform throws.
 */
function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value
  throw new SyncHttpError(result.error)
}

/** The schedule's messages are fire-and-forget; a refusal means a bug in one of the two ends. */
function logBridgeFailure(error: unknown): void {
  console.warn('The desktop shell refused a sync schedule message', error)
}
