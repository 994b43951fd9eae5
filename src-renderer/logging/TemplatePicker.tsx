import type { IncidentTemplate } from '../../src-shared/config/templates'
import { t } from '../i18n/activeLanguage'

interface Props {
  id: string
  templates: readonly IncidentTemplate[]
  templateId: string
  pickerRef: React.Ref<HTMLSelectElement>
  onPick: (template: IncidentTemplate | undefined) => void
}

/**
 * Common cases in one pick. A plain <select>: in the tab order right after the caller's fields,
 * and typing the first letters of a template's name picks it without opening the list.
 */
export function TemplatePicker({ id, templates, templateId, pickerRef, onPick }: Props) {
  const sorted = [...templates].sort((a, b) => a.name.localeCompare(b.name))
  return (
    <div className="form__field">
      <label htmlFor={id}>{t('log.template')}</label>
      <select
        ref={pickerRef}
        id={id}
        value={templateId}
        aria-keyshortcuts="Alt+T"
        onChange={(event) => onPick(templates.find((template) => template.id === event.target.value))}
      >
        <option value="">{t('log.noTemplate')}</option>
        {sorted.map((template) => (
          // Templates and categories are the desk's configuration: data in the words an admin wrote.
          <option key={template.id} value={template.id} translate="no">
            {template.name}
          </option>
        ))}
      </select>
    </div>
  )
}
