import { useId, useState } from 'react'
import { isBuiltInResolutionCode, type ResolutionCodeEntry } from '../../src-shared/config/resolutionCodes'
import { idFromLabel } from '../../src-shared/config/taxonomy'
import { t } from '../i18n/activeLanguage'
import { SectionEditor } from './SectionEditor'

/**
 * The resolution codes agents choose from: the built-in ones (named in each desk's language
 * unless named here) and the organization's own, each offered or retired. A built-in code cannot
 * be removed, only retired: other desks and imports still use it.
 */
export function ResolutionCodesEditor() {
  return (
    <SectionEditor section="resolutionCodes" title={t('codes.title')} hint={t('codes.hint')} saveLabel={t('codes.save')}>
      {(entries, setEntries) => <CodesDraft entries={entries as ResolutionCodeEntry[]} setEntries={setEntries} />}
    </SectionEditor>
  )
}

function CodesDraft({ entries, setEntries }: { entries: ResolutionCodeEntry[]; setEntries: (next: ResolutionCodeEntry[]) => void }) {
  const newNameId = useId()
  const [newName, setNewName] = useState('')
  const update = (code: string, change: (entry: ResolutionCodeEntry) => ResolutionCodeEntry) => setEntries(entries.map((entry) => (entry.code === code ? change(entry) : entry)))

  function add(): void {
    const name = newName.trim()
    if (!name) return
    setEntries([...entries, { code: idFromLabel(name, entries.map((entry) => entry.code)), label: name }])
    setNewName('')
  }

  return (
    <>
      <table className="config__table">
        <thead>
          <tr>
            <th scope="col">{t('codes.code')}</th>
            <th scope="col">{t('codes.name')}</th>
            <th scope="col">{t('codes.offered')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('codes.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const code = entry.code
            const builtIn = isBuiltInResolutionCode(code) ? code : null
            return (
              <tr key={entry.code}>
                <th scope="row" translate="no">
                  {entry.code}
                </th>
                <td>
                  <input
                    type="text"
                    maxLength={100}
                    aria-label={t('codes.nameOf', { code: entry.code })}
                    value={entry.label ?? ''}
                    placeholder={builtIn ? t('codes.builtIn', { name: t(`resolution.${builtIn}`) }) : undefined}
                    onChange={(event) =>
                      update(entry.code, ({ label: _old, ...rest }) => (event.target.value ? { ...rest, label: event.target.value } : rest))
                    }
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('codes.offeredOf', { code: entry.label?.trim() || entry.code })}
                    checked={!entry.retired}
                    onChange={(event) => update(entry.code, ({ retired: _old, ...rest }) => (event.target.checked ? rest : { ...rest, retired: true }))}
                  />
                </td>
                <td>
                  {builtIn ? null : (
                    <button type="button" className="button button--small button--quiet" aria-label={t('codes.remove', { code: entry.label ?? entry.code })} onClick={() => setEntries(entries.filter((other) => other.code !== entry.code))}>
                      ×
                    </button>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <div className="config__inline">
        <div className="form__field">
          <label htmlFor={newNameId}>{t('codes.newName')}</label>
          <input
            id={newNameId}
            type="text"
            maxLength={100}
            value={newName}
            onChange={(event) => setNewName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault()
                add()
              }
            }}
          />
        </div>
        <button type="button" className="button" disabled={!newName.trim()} onClick={add}>
          {t('codes.add')}
        </button>
      </div>
    </>
  )
}
