import { useId } from 'react'
import { findCategory, type Taxonomy } from '../../src-shared/config/taxonomy'
import type { UnknownValue, ValueChoice, ValueChoices } from '../../src-shared/csv/importValues'
import { CHANNELS } from '../../src-shared/incident/vocabulary'
import { activeTranslator, t } from '../i18n/activeLanguage'

interface Props {
  unknown: readonly UnknownValue[]
  /** Rows held back until these are settled. */
  waiting: number
  /** The taxonomy as the import will leave it (what a value can be mapped to). */
  taxonomy: Taxonomy
  choices: ValueChoices
  disabled: boolean
  onChoose: (key: string, choice: ValueChoice | null) => void
  onAddAll: () => void
}

/**
 * The values a file uses that the desk does not know (issue #9): each with how many rows use it,
 * and a choice of what it means here — a value the desk has, the value itself added to the
 * taxonomy with this import, or nothing. The import waits for every choice; no row is refused.
 */
export function ImportUnknownValues({ unknown, waiting, taxonomy, choices, disabled, onChoose, onAddAll }: Props) {
  const headingId = useId()
  const canAdd = unknown.some((value) => value.kind !== 'channel')
  return (
    <section className="import-dialog__unknown" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('import.unknown.title', { count: unknown.length })}</h3>
      <p className="import-dialog__hint">{t('import.unknown.hint', { rows: waiting })}</p>
      {canAdd ? (
        <button type="button" className="button" disabled={disabled} onClick={onAddAll}>
          {t('import.unknown.addAll')}
        </button>
      ) : null}
      <div className="import-preview__frame">
        <table className="import-preview__table">
          <thead>
            <tr>
              <th scope="col">{t('import.unknown.kind')}</th>
              <th scope="col">{t('import.unknown.value')}</th>
              <th scope="col">{t('import.unknown.rows')}</th>
              <th scope="col">{t('import.unknown.choice')}</th>
            </tr>
          </thead>
          <tbody>
            {unknown.map((value) => (
              <tr key={value.key}>
                <td>{t(`import.field.${value.kind}`)}</td>
                <th scope="row" translate="no">
                  {value.category ? t('import.unknown.under', { text: value.text, category: value.category.label }) : value.text}
                </th>
                <td>{activeTranslator().number(value.count)}</td>
                <td>
                  <select
                    aria-label={t('import.unknown.choiceFor', { field: t(`import.field.${value.kind}`), text: value.text })}
                    value={choiceValue(choices[value.key])}
                    disabled={disabled}
                    onChange={(event) => onChoose(value.key, choiceFrom(event.target.value))}
                  >
                    <option value="">{t('import.unknown.choose')}</option>
                    {value.kind !== 'channel' ? <option value="add">{t('import.unknown.add', { text: value.text })}</option> : null}
                    {value.kind !== 'channel' ? <option value="blank">{t('import.unknown.blank')}</option> : null}
                    <optgroup label={t('import.unknown.existing')}>
                      {targetsFor(value, taxonomy).map((target) => (
                        <option key={target.id} value={`map:${target.id}`}>
                          {target.label}
                        </option>
                      ))}
                    </optgroup>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** What a value of this kind can be read as: the channels, the categories, or the subcategories under its category. */
function targetsFor(value: UnknownValue, taxonomy: Taxonomy): Array<{ id: string; label: string }> {
  if (value.kind === 'channel') return CHANNELS.map((channel) => ({ id: channel, label: t(`channel.${channel}`) }))
  if (value.kind === 'category') return taxonomy.categories
  return findCategory(taxonomy, value.category?.id)?.subcategories ?? []
}

function choiceValue(choice: ValueChoice | undefined): string {
  if (!choice) return ''
  return choice.kind === 'map' ? `map:${choice.to}` : choice.kind
}

function choiceFrom(value: string): ValueChoice | null {
  if (value === 'add') return { kind: 'add' }
  if (value === 'blank') return { kind: 'blank' }
  if (value.startsWith('map:')) return { kind: 'map', to: value.slice(4) }
  return null
}
