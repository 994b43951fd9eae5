import type { KeptAttachments } from '../../src-shared/data/deskDataContract'
import type { DeskData } from '../data-worker/connectDeskData'
import { t } from '../i18n/activeLanguage'
import { checkAttachmentLimits, type SizedFile } from './attachmentStore'

/**
 * Keeps files chosen on the page for one incident that holds `existing`: the limits are checked
 * here first, so their messages are in the page's language, then the data worker hashes and
 * stores the bytes (attachmentStore.ts), all or none.
 */
export async function keepAttachments(data: DeskData, files: readonly File[], existing: readonly SizedFile[] = []): Promise<KeptAttachments> {
  const { errors } = checkAttachmentLimits(existing, files)
  if (errors.length > 0) return { ok: false, errors }
  try {
    return await data.keepAttachments(files, existing.map(({ name, size }) => ({ name, size })))
  } catch (error) {
    return { ok: false, errors: [t('log.storeFailed', { reason: error instanceof Error ? error.message : String(error) })] }
  }
}
