import type { IncidentDeskDatabase } from '../store/database'
import { DEFAULT_NOTIFICATION_PREFERENCES, notificationPreferencesSchema, type NotificationPreferences } from './notificationRules'

/** Where this desk keeps its person's notification choices (configuration as data, DESIGN §2). */
export const NOTIFICATION_PREFERENCES_KEY = 'notifications.preferences'

/** The stored choices, or the defaults when none were saved or what was saved no longer fits the schema. */
export async function readNotificationPreferences(db: IncidentDeskDatabase): Promise<NotificationPreferences> {
  const entry = await db.config.get(NOTIFICATION_PREFERENCES_KEY)
  const parsed = notificationPreferencesSchema.safeParse(entry?.value)
  return parsed.success ? parsed.data : DEFAULT_NOTIFICATION_PREFERENCES
}

export async function saveNotificationPreferences(db: IncidentDeskDatabase, preferences: NotificationPreferences): Promise<void> {
  const value = notificationPreferencesSchema.parse(preferences)
  await db.config.put({ key: NOTIFICATION_PREFERENCES_KEY, value, updatedAt: new Date().toISOString() })
}
