import type { KeptAttachments } from '../../src-shared/data/deskDataContract'
import type { DeskData } from '../data-worker/connectDeskData'
import { t } from '../i18n/activeLanguage'
import type { SizedFile } from './attachmentStore'

/**
 * Keeps files chosen on the page for one incident that holds `existing`: the data worker checks
 * the limits, hashes and stores the bytes (attachmentStore.ts), all or none. A worker that cannot
 * answer is a storage failure, said as one.
 */
export async function keepAttachments(data: DeskData, files: readonly File[], existing: readonly SizedFile[] = []): Promise<KeptAttachments> {
  try {
    return await data.keepAttachments(files, existing.map(({ name, size }) => ({ name, size })))
  } catch (error) {
    return { ok: false, errors: [t('log.storeFailed', { reason: error instanceof Error ? error.message : String(error) })] }
  }
}
