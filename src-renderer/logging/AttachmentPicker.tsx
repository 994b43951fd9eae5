import { useId } from 'react'
import { newId } from '../../src-shared/events/ids'
import { ACCEPTED_FILE_TYPES, ATTACHMENT_LIMITS, checkAttachmentLimits, formatBytes } from '../attachments/attachmentStore'
import { useObjectUrlRef } from '../attachments/AttachmentList'
import { isInlineImage } from '../attachments/inertFile'
import { t } from '../i18n/activeLanguage'

/** A file chosen on the form, not stored yet: stored when the incident is saved. */
export interface PendingFile {
  key: string
  file: File
}

interface Props {
  files: readonly PendingFile[]
  errors: readonly string[]
  onChange: (files: PendingFile[], errors: string[]) => void
}

/**
 * Files and photos for the new incident. Limits are checked as files are chosen, so the agent
 * hears at once which file was refused and why; the ones that fit are kept.
 */
export function AttachmentPicker({ files, errors, onChange }: Props) {
  const ids = { files: useId(), photo: useId(), heading: useId(), errors: useId() }

  function add(list: FileList | null): void {
    if (!list || list.length === 0) return
    const chosen = Array.from(list, (file) => ({ key: newId(), file, name: file.name, size: file.size }))
    const { accepted, errors: refused } = checkAttachmentLimits(
      files.map((entry) => entry.file),
      chosen,
    )
    onChange([...files, ...accepted.map(({ key, file }) => ({ key, file }))], refused)
  }

  return (
    <div className="attachment-picker" role="group" aria-labelledby={ids.heading} aria-describedby={errors.length ? ids.errors : undefined}>
      <div className="attachment-picker__bar">
        <span id={ids.heading} className="attachment-picker__label">
          {t('attachments.label')}
        </span>
        <span className="attachment-picker__button">
          <input
            id={ids.files}
            className="visually-hidden"
            type="file"
            multiple
            accept={ACCEPTED_FILE_TYPES}
            onChange={(event) => {
              add(event.target.files)
              event.target.value = ''
            }}
          />
          <label htmlFor={ids.files} className="button button--small">
            {t('log.attachFiles')}
          </label>
        </span>
        <span className="attachment-picker__button">
          <input
            id={ids.photo}
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(event) => {
              add(event.target.files)
              event.target.value = ''
            }}
          />
          <label htmlFor={ids.photo} className="button button--small">
            {t('log.takePhoto')}
          </label>
        </span>
        <span className="form__hint">
          {t('log.limits', { perFile: formatBytes(ATTACHMENT_LIMITS.bytesPerFile), total: formatBytes(ATTACHMENT_LIMITS.bytesPerIncident) })}
        </span>
      </div>
      {files.length > 0 ? (
        <ul className="attachment-list" aria-label={t('log.filesToAttach')}>
          {files.map((entry) => (
            <PendingItem key={entry.key} file={entry.file} onRemove={() => onChange(files.filter((other) => other.key !== entry.key), [])} />
          ))}
        </ul>
      ) : null}
      <div id={ids.errors} role="alert" className="form__error" data-empty={errors.length === 0}>
        {errors.map((error) => (
          <p key={error}>{error}</p>
        ))}
      </div>
    </div>
  )
}

function PendingItem({ file, onRemove }: { file: File; onRemove: () => void }) {
  const isImage = isInlineImage(file.type)
  const preview = useObjectUrlRef<HTMLImageElement>(isImage ? file : null, 'src')
  return (
    <li className="attachment-list__item">
      <span className="attachment-list__thumb" aria-hidden="true">
        {isImage ? <img ref={preview} alt="" /> : <span className="attachment-list__icon">{t('attachments.fileIcon')}</span>}
      </span>
      <span className="attachment-list__text">
        <span className="attachment-list__name">{file.name}</span>
        <span className="attachment-list__meta">{formatBytes(file.size)}</span>
      </span>
      <button type="button" className="button button--small button--quiet" onClick={onRemove} aria-label={t('log.remove', { name: file.name })}>
        {t('common.remove')}
      </button>
    </li>
  )
}
