import { useId, useState } from 'react'
import type { ColumnMapping } from '../../src-shared/csv/importFields'
import { IMPORT_PRESETS, type ImportPresetId } from '../../src-shared/csv/presets'
import { useDesk } from '../desk/deskContext'
import { MAX_MAPPING_NAME_LENGTH, type SavedMapping } from './savedMappings'
import { useSavedMappings } from './useSavedMappings'
import { t } from '../i18n/activeLanguage'

interface Props {
  presetId: ImportPresetId
  mapping: ColumnMapping
  disabled: boolean
  onApply: (saved: SavedMapping) => void
}

/** Saved column mappings: apply one to this file, or save the current mapping for next time. */
export function SavedMappingsPicker({ presetId, mapping, disabled, onApply }: Props) {
  const { data } = useDesk()
  const saved = useSavedMappings()
  const ids = { pick: useId(), name: useId() }
  const [chosen, setChosen] = useState('')
  const [name, setName] = useState('')
  const [message, setMessage] = useState<string | null>(null)

  async function save() {
    const result = await data.saveImportMapping({ name, presetId, mapping })
    setMessage(result.ok ? t('import.mapping.saved', { name: name.trim() }) : result.error)
    if (result.ok) setName('')
  }

  return (
    <div className="form__field import-saved">
      <label htmlFor={ids.pick}>{t('import.mapping.label')}</label>
      <div className="import-saved__line">
        <select id={ids.pick} value={chosen} disabled={disabled || saved.length === 0} onChange={(event) => setChosen(event.target.value)}>
          <option value="">{saved.length === 0 ? t('import.mapping.none') : t('import.mapping.choose')}</option>
          {saved.map((entry) => (
            <option key={entry.name} value={entry.name}>
              {entry.name} ({IMPORT_PRESETS[entry.presetId].name})
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small"
          disabled={disabled || chosen === ''}
          onClick={() => {
            const entry = saved.find((candidate) => candidate.name === chosen)
            if (entry) {
              onApply(entry)
              setMessage(t('import.mapping.applied', { name: entry.name }))
            }
          }}
        >
          {t('common.apply')}
        </button>
        <button
          type="button"
          className="button button--quiet button--small"
          disabled={disabled || chosen === ''}
          onClick={() => {
            void data.deleteImportMapping(chosen).then(() => setMessage(t('import.mapping.deleted', { name: chosen })))
            setChosen('')
          }}
        >
          {t('common.delete')}
        </button>
      </div>
      <label htmlFor={ids.name} className="visually-hidden">
        {t('import.mapping.name')}
      </label>
      <div className="import-saved__line">
        <input id={ids.name} placeholder={t('import.mapping.name')} maxLength={MAX_MAPPING_NAME_LENGTH} value={name} disabled={disabled} onChange={(event) => setName(event.target.value)} />
        <button type="button" className="button button--small" disabled={disabled || name.trim() === ''} onClick={() => void save()}>
          {t('import.mapping.save')}
        </button>
      </div>
      <p className="import-dialog__hint" role="status">
        {message}
      </p>
    </div>
  )
}
