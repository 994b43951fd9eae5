import { useCallback } from 'react'
import { useDesk } from '../desk/deskContext'
import { usePlatform } from '../platform/platformContext'
import { describeSyncError } from '../session/describeSyncError'
import { useSyncController } from '../sync-status/syncControllerContext'
import { useConnection, useIsStandaloneDesk } from '../ui/uiHooks'
import type { SettingSaved as SaveResult } from '../../src-shared/data/deskDataContract'
import { validateConfigSection, type ConfigSection } from '../../src-shared/config/orgConfig'
import { activeTranslator } from '../i18n/activeLanguage'

/**
 * How an editor saves a configuration section. A standalone desk keeps its own (DESIGN §2): the
 * value is checked and written here. A desk joined to a server sends it to the server, which
 * checks the role and the value again and numbers the change; the answer is applied at once, so
 * the admin sees the save here, and every other desk takes it in its next sync round. Saving the
 * organization's rules needs the server: offline, the editor says so and keeps the draft.
 */
export function useConfigSaver(): (section: ConfigSection, value: unknown) => Promise<SaveResult> {
  const { data } = useDesk()
  const platform = usePlatform()
  const controller = useSyncController()
  const connection = useConnection()
  const standalone = useIsStandaloneDesk()
  const serverUrl = connection.status === 'signedIn' ? connection.serverUrl : null
  return useCallback(
    async (section, value) => {
      if (standalone) return data.saveDeskConfigSection(section, value)
      // Checked here first, in the desk's language and without a round trip; the server checks again.
      const checked = validateConfigSection(section, value, await data.orgConfig(), activeTranslator())
      if (!checked.ok) return checked
      try {
        const change = await platform.admin.saveConfig(section, value)
        await data.applyServerConfigChange(change)
        return { ok: true }
      } catch (error) {
        if (typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'unauthorized') controller.sessionLost()
        return { ok: false, errors: [describeSyncError(error, serverUrl)] }
      }
    },
    [data, platform, controller, standalone, serverUrl],
  )
}
