import { useId } from 'react'
import { LIMITS } from '../../src-shared/events/limits'
import { useDirectory } from './useOrgConfig'

/**
 * An assignment group by name, for a rule that routes or escalates to it: the directory's groups
 * offered on a joined desk (the server refuses a name it does not have), free text on a
 * standalone one, whose groups are the names its people type. Empty means none.
 */
export function GroupNameInput({ id, label, placeholder, value, onChange }: { id?: string; label?: string; placeholder: string; value: string | undefined; onChange: (name: string | undefined) => void }) {
  const { groups } = useDirectory()
  const choices = useId()
  return (
    <>
      <input
        id={id}
        type="text"
        maxLength={LIMITS.label}
        aria-label={label}
        placeholder={placeholder}
        value={value ?? ''}
        list={choices}
        onChange={(event) => onChange(event.target.value.trim() ? event.target.value : undefined)}
      />
      <datalist id={choices}>
        {groups.map((group) => (
          <option key={group.id} value={group.name} translate="no" />
        ))}
      </datalist>
    </>
  )
}
