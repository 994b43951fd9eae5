import { newId } from '../../src-shared/events/ids'
import type { Actor } from '../../src-shared/incident/roles'
import type { IncidentDeskDatabase } from './database'
import { META_KEYS, readMeta, writeMeta } from './meta'

/** Who is working this desk, and which device their events come from. */
export interface DeskSession {
  deviceId: string
  actor: Actor
}

/**
 * A standalone desk (no sync server) has one local user who owns everything on it, so it acts
 * as admin of its own data. Signing in to a server replaces this actor with the account's.
 */
function standaloneActor(deviceId: string): Actor {
  return { userId: `local-${deviceId.slice(-12)}`, displayName: 'Desk user', role: 'admin' }
}

/** Loads the desk identity, creating it on first run in one transaction so two tabs agree. */
export async function loadDeskSession(db: IncidentDeskDatabase): Promise<DeskSession> {
  return db.transaction('rw', db.meta, async () => {
    let deviceId = await readMeta<string>(db, META_KEYS.deviceId)
    if (!deviceId) {
      deviceId = newId()
      await writeMeta(db, META_KEYS.deviceId, deviceId)
    }
    let actor = await readMeta<Actor>(db, META_KEYS.localActor)
    if (!actor) {
      actor = standaloneActor(deviceId)
      await writeMeta(db, META_KEYS.localActor, actor)
    }
    return { deviceId, actor }
  })
}
