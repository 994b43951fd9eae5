import type { DeskDataApi } from '../../src-shared/data/deskDataContract'
import { readAttachment, storeAttachments } from '../attachments/attachmentStore'
import { applyServerConfig, forgetStandaloneConfig, readOrgConfig, saveDeskConfigSection } from '../config/orgConfigStore'
import { adoptAccount, readJoinedServer, rememberJoinedServer } from '../desk/deskAccount'
import { activeTranslator, chooseLanguage } from '../i18n/activeLanguage'
import { deleteMapping, saveMapping } from '../import/savedMappings'
import { recentCallers } from '../logging/recentCallers'
import { saveNotificationPreferences } from '../notifications/notificationPreferences'
import type { NotificationPreferences } from '../notifications/notificationRules'
import type { IncidentDeskDatabase } from '../store/database'
import { incidentDetail } from '../store/incidentDetail'
import { disclosureTrackingIncidents, incidentActors, incidentByNumber, linkableOpenIncidents, runningMajorIncidents, slaCrossings, visibleIncidents } from '../store/incidentLookups'
import { pendingOutboxCount, refusedOutboxCount } from '../store/queue'
import { deleteView, saveView } from '../store/savedViews'
import type { DeskSession } from '../store/session'
import { downloadAttachment, uploadPendingAttachments } from '../sync/attachmentTransfer'
import { enterServerNumbering } from '../sync/join'

/** The calls the page makes that are one store function each: reads, settings, attachments, the joined server. */
export type StoreCalls = Pick<
  DeskDataApi,
  | 'outboxCounts'
  | 'configEntries'
  | 'configChanges'
  | 'recentCallers'
  | 'incidentDetail'
  | 'runningMajorIncidents'
  | 'visibleIncidents'
  | 'incidentByNumber'
  | 'linkableOpenIncidents'
  | 'disclosureTrackingIncidents'
  | 'incidentActors'
  | 'slaCrossings'
  | 'keepAttachments'
  | 'attachmentBytes'
  | 'downloadAttachment'
  | 'uploadPendingAttachments'
  | 'setLanguage'
  | 'orgConfig'
  | 'saveDeskConfigSection'
  | 'applyServerConfigChange'
  | 'forgetStandaloneConfig'
  | 'saveQueueView'
  | 'deleteQueueView'
  | 'saveNotificationPreferences'
  | 'saveImportMapping'
  | 'deleteImportMapping'
  | 'joinedServer'
  | 'joinServer'
  | 'adoptAccount'
>

/**
 * The data worker's calls that hand a request to one function of the store's modules, over the
 * desk `store()` opens (the service's open desk). Kept apart from deskDataService.ts, which holds
 * what has state of its own: the queue, search, reports, imports, exports and sync rounds.
 */
export function storeCallsOf(store: () => Promise<{ db: IncidentDeskDatabase; session: DeskSession }>): StoreCalls {
  return {
    async outboxCounts() {
      const { db } = await store()
      const [pending, refused] = await Promise.all([pendingOutboxCount(db), refusedOutboxCount(db)])
      return { pending, refused }
    },

    async configEntries(keys) {
      return (await store()).db.config.bulkGet([...keys])
    },
    async configChanges() {
      return (await store()).db.configChanges.orderBy('seq').toArray()
    },
    async recentCallers() {
      return recentCallers((await store()).db)
    },
    async incidentDetail(incidentId) {
      return incidentDetail((await store()).db, incidentId)
    },
    async runningMajorIncidents(actor) {
      return runningMajorIncidents((await store()).db, actor)
    },
    async visibleIncidents(incidentIds, actor) {
      return visibleIncidents((await store()).db, incidentIds, actor)
    },
    async incidentByNumber(number, actor) {
      return incidentByNumber((await store()).db, number, actor)
    },
    async linkableOpenIncidents(parentId, actor) {
      return linkableOpenIncidents((await store()).db, parentId, actor)
    },
    async disclosureTrackingIncidents(actor) {
      return disclosureTrackingIncidents((await store()).db, actor)
    },
    async incidentActors(incidentId) {
      return incidentActors((await store()).db, incidentId)
    },
    async slaCrossings(sinceIso, untilIso, actor) {
      return slaCrossings((await store()).db, sinceIso, untilIso, actor)
    },

    async keepAttachments(files, existing) {
      return storeAttachments((await store()).db, files, existing)
    },
    async attachmentBytes(sha256) {
      return readAttachment((await store()).db, sha256)
    },
    async downloadAttachment(transport, descriptor) {
      await downloadAttachment((await store()).db, transport, descriptor)
    },
    async uploadPendingAttachments(transport) {
      return uploadPendingAttachments((await store()).db, transport)
    },

    async setLanguage(locale) {
      // The worker words its messages in the page's language: it cannot read the page's choice.
      if (activeTranslator().locale !== locale) chooseLanguage(locale)
    },
    async orgConfig() {
      return readOrgConfig((await store()).db)
    },
    async saveDeskConfigSection(section, value) {
      return saveDeskConfigSection((await store()).db, section, value)
    },
    async applyServerConfigChange(change) {
      await applyServerConfig((await store()).db, [change], null, null)
    },
    async forgetStandaloneConfig() {
      await forgetStandaloneConfig((await store()).db)
    },
    async saveQueueView(name, view, replace) {
      return saveView((await store()).db, name, view, { replace })
    },
    async deleteQueueView(viewId) {
      return deleteView((await store()).db, viewId)
    },
    async saveNotificationPreferences(preferences) {
      await saveNotificationPreferences((await store()).db, preferences as NotificationPreferences)
    },
    async saveImportMapping(mapping) {
      return saveMapping((await store()).db, mapping)
    },
    async deleteImportMapping(name) {
      await deleteMapping((await store()).db, name)
    },

    async joinedServer() {
      return readJoinedServer((await store()).db)
    },
    async joinServer(joined) {
      const { db } = await store()
      await enterServerNumbering(db)
      await rememberJoinedServer(db, joined)
    },
    async adoptAccount(account) {
      const { db, session } = await store()
      return adoptAccount(db, session, account)
    },
  }
}
