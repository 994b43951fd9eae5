import { readConfig, writeConfig } from '../config/configStore'
import type { IncidentDeskDatabase } from '../store/database'
import { DEFAULT_NOTIFICATION_PREFERENCES, notificationPreferencesSchema, type NotificationPreferences } from './notificationRules'

/** Where this desk keeps its person's notification choices (configuration as data, DESIGN §2). */
export const NOTIFICATION_PREFERENCES_KEY = 'notifications.preferences'

/** The stored choices, or the defaults when none were saved or what was saved no longer fits the schema. */
export async function readNotificationPreferences(db: IncidentDeskDatabase): Promise<NotificationPreferences> {
  return notificationPreferencesOf(await readConfig<unknown>(db, NOTIFICATION_PREFERENCES_KEY))
}

/** The choices in a stored value, or the defaults (see readNotificationPreferences). */
export function notificationPreferencesOf(stored: unknown): NotificationPreferences {
  const parsed = notificationPreferencesSchema.safeParse(stored)
  return parsed.success ? parsed.data : DEFAULT_NOTIFICATION_PREFERENCES
}

export async function saveNotificationPreferences(db: IncidentDeskDatabase, preferences: NotificationPreferences): Promise<void> {
  await writeConfig(db, NOTIFICATION_PREFERENCES_KEY, notificationPreferencesSchema.parse(preferences))
}
