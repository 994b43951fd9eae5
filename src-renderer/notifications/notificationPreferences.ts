import { readConfig, writeConfig } from '../config/configStore'
import type { IncidentDeskDatabase } from '../store/database'
import { DEFAULT_NOTIFICATION_PREFERENCES, notificationPreferencesSchema, type NotificationPreferences } from './notificationRules'

/** Where this desk keeps its person's notification choices (configuration as data, DESIGN §2). */
export const NOTIFICATION_PREFERENCES_KEY = 'notifications.preferences'

/** The stored choices, or the defaults when none were saved or what was saved no longer fits the schema. */
export async function readNotificationPreferences(db: IncidentDeskDatabase): Promise<NotificationPreferences> {
  const parsed = notificationPreferencesSchema.safeParse(await readConfig<unknown>(db, NOTIFICATION_PREFERENCES_KEY))
  return parsed.success ? parsed.data : DEFAULT_NOTIFICATION_PREFERENCES
}

export async function saveNotificationPreferences(db: IncidentDeskDatabase, preferences: NotificationPreferences): Promise<void> {
  await writeConfig(db, NOTIFICATION_PREFERENCES_KEY, notificationPreferencesSchema.parse(preferences))
}
