import { useId, useState } from 'react'
import { findCategory, idFromLabel, type Taxonomy } from '../../src-shared/config/taxonomy'
import type { IncidentTemplate } from '../../src-shared/config/templates'
import { LIMITS } from '../../src-shared/events/limits'
import { IMPACTS, URGENCIES, type Impact, type Urgency } from '../../src-shared/incident/priority'
import { CHANNELS, type Channel } from '../../src-shared/incident/vocabulary'
import { CONFIG_KEYS } from './configStore'
import { useStoredConfig } from './useConfig'
import { useTaxonomy, useTemplates } from './deskConfig'
import { useConfigSaver } from './useConfigSaver'
import './config.css'
import { EditorFooter } from './EditorFooter'
import { ConfigSection } from './ConfigSection'
import { t } from '../i18n/activeLanguage'

/**
 * The log form's templates: pick one to edit, change what it fills in, save the set. Saving
 * checks every template against the categories (a template must file into one that exists).
 */
export function TemplatesEditor() {
  const stored = useStoredConfig(CONFIG_KEYS.templates)
  const templates = useTemplates()
  const taxonomy = useTaxonomy()
  const [notice, setNotice] = useState<string | null>(null)
  return (
    <ConfigSection
      title={t('config.templates')}
      hint={t('config.templates.hint')}
      loaded={stored.loaded}
      loadingText={t('config.templates.loading')}
      notice={notice}
    >
      <TemplatesDraftEditor key={JSON.stringify(templates)} saved={templates} taxonomy={taxonomy} setNotice={setNotice} />
    </ConfigSection>
  )
}

interface DraftProps {
  saved: IncidentTemplate[]
  taxonomy: Taxonomy
  setNotice: (notice: string | null) => void
}

function TemplatesDraftEditor({ saved, taxonomy, setNotice }: DraftProps) {
  const saveConfig = useConfigSaver()
  const ids = { picker: useId() }
  const [draft, setDraft] = useState<IncidentTemplate[]>(saved)
  const [selectedId, setSelectedId] = useState<string>(saved[0]?.id ?? '')
  const [errors, setErrors] = useState<string[]>([])
  const selected = draft.find((template) => template.id === selectedId)
  const changed = JSON.stringify(draft) !== JSON.stringify(saved)

  function update(template: IncidentTemplate): void {
    setDraft((current) => current.map((entry) => (entry.id === template.id ? template : entry)))
  }

  function addTemplate(): void {
    const name = t('config.templates.newName')
    const id = idFromLabel(name, draft.map((template) => template.id))
    const template: IncidentTemplate = {
      id,
      name,
      channel: null,
      category: null,
      subcategory: null,
      impact: null,
      urgency: null,
      shortDescription: '',
      description: '',
    }
    setDraft((current) => [...current, template])
    setSelectedId(id)
  }

  function removeSelected(): void {
    const remaining = draft.filter((template) => template.id !== selectedId)
    setDraft(remaining)
    setSelectedId(remaining[0]?.id ?? '')
  }

  async function save(): Promise<void> {
    setNotice(null)
    const result = await saveConfig('templates', draft)
    if (result.ok) {
      setErrors([])
      setNotice(t('config.templates.saved'))
    } else {
      setErrors(result.errors)
    }
  }

  return (
    <>
      <div className="config__picker">
        <div className="form__field">
          <label htmlFor={ids.picker}>{t('config.templates.pick')}</label>
          <select id={ids.picker} value={selectedId} onChange={(event) => setSelectedId(event.target.value)} disabled={draft.length === 0}>
            {draft.length === 0 ? <option value="">{t('config.templates.none')}</option> : null}
            {draft.map((template) => (
              <option key={template.id} value={template.id} translate="no">
                {template.name || template.id}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" onClick={addTemplate}>
          {t('config.templates.new')}
        </button>
        {selected ? (
          <button type="button" className="button button--danger" onClick={removeSelected}>
            {t('config.templates.delete')}
          </button>
        ) : null}
      </div>
      {selected ? <TemplateFields key={selected.id} template={selected} taxonomy={taxonomy} onChange={update} /> : null}
      <EditorFooter
        errors={errors}
        changed={changed}
        saveLabel={t('config.templates.save')}
        onDiscard={() => {
          setDraft(saved)
          setSelectedId(saved[0]?.id ?? '')
          setErrors([])
        }}
        onSave={() => void save()}
      />
    </>
  )
}

function TemplateFields({ template, taxonomy, onChange }: { template: IncidentTemplate; taxonomy: Taxonomy; onChange: (template: IncidentTemplate) => void }) {
  const ids = {
    name: useId(),
    channel: useId(),
    category: useId(),
    subcategory: useId(),
    impact: useId(),
    urgency: useId(),
    shortDescription: useId(),
    description: useId(),
  }
  const set = (changes: Partial<IncidentTemplate>) => onChange({ ...template, ...changes })
  const subcategories = findCategory(taxonomy, template.category)?.subcategories ?? []

  return (
    <div className="config__template">
      <div className="config__template-row">
        <div className="form__field">
          <label htmlFor={ids.name}>{t('config.templates.name')}</label>
          <input id={ids.name} type="text" value={template.name} maxLength={LIMITS.label} onChange={(event) => set({ name: event.target.value })} />
        </div>
        <div className="form__field">
          <label htmlFor={ids.channel}>{t('config.templates.channel')}</label>
          <select id={ids.channel} value={template.channel ?? ''} onChange={(event) => set({ channel: (event.target.value || null) as Channel | null })}>
            <option value="">{t('config.templates.leave')}</option>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channel.${channel}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form__field">
          <label htmlFor={ids.category}>{t('config.templates.category')}</label>
          <select
            id={ids.category}
            value={template.category ?? ''}
            onChange={(event) => set({ category: event.target.value || null, subcategory: null })}
          >
            <option value="">{t('config.templates.leave')}</option>
            {taxonomy.categories.map((category) => (
              <option key={category.id} value={category.id} translate="no">
                {category.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form__field">
          <label htmlFor={ids.subcategory}>{t('config.templates.subcategory')}</label>
          <select
            id={ids.subcategory}
            value={template.subcategory ?? ''}
            onChange={(event) => set({ subcategory: event.target.value || null })}
            disabled={subcategories.length === 0}
          >
            <option value="">{t('config.templates.noneOption')}</option>
            {subcategories.map((subcategory) => (
              <option key={subcategory.id} value={subcategory.id} translate="no">
                {subcategory.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="config__template-row">
        <div className="form__field">
          <label htmlFor={ids.impact}>{t('config.templates.impact')}</label>
          <select id={ids.impact} value={template.impact ?? ''} onChange={(event) => set({ impact: event.target.value ? (Number(event.target.value) as Impact) : null })}>
            <option value="">{t('config.templates.leave')}</option>
            {IMPACTS.map((impact) => (
              <option key={impact} value={impact}>
                {t(`impact.${impact}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form__field">
          <label htmlFor={ids.urgency}>{t('config.templates.urgency')}</label>
          <select
            id={ids.urgency}
            value={template.urgency ?? ''}
            onChange={(event) => set({ urgency: event.target.value ? (Number(event.target.value) as Urgency) : null })}
          >
            <option value="">{t('config.templates.leave')}</option>
            {URGENCIES.map((urgency) => (
              <option key={urgency} value={urgency}>
                {t(`urgency.${urgency}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form__field config__wide">
          <label htmlFor={ids.shortDescription}>{t('config.templates.shortDescription')}</label>
          <input
            id={ids.shortDescription}
            type="text"
            value={template.shortDescription}
            maxLength={LIMITS.shortDescription}
            onChange={(event) => set({ shortDescription: event.target.value })}
          />
        </div>
      </div>
      <div className="form__field">
        <label htmlFor={ids.description}>{t('config.templates.description')}</label>
        <textarea
          translate="no"
          id={ids.description}
          value={template.description}
          maxLength={LIMITS.description}
          rows={4}
          onChange={(event) => set({ description: event.target.value })}
        />
      </div>
    </div>
  )
}
