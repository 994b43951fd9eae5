import { useId, useState, type FormEvent } from 'react'
import { LIMITS } from '../../src-shared/events/limits'
import { idFromLabel, type Category, type Taxonomy } from '../../src-shared/config/taxonomy'
import { SECURITY_CATEGORY } from '../../src-shared/incident/vocabulary'
import { CONFIG_KEYS } from './configStore'
import { useStoredConfig } from './useConfig'
import { useTaxonomy } from './deskConfig'
import { useConfigSaver } from './useConfigSaver'
import './config.css'
import { EditorFooter } from './EditorFooter'
import { useDirectory } from './useOrgConfig'
import { ConfigSection } from './ConfigSection'
import { t } from '../i18n/activeLanguage'

/**
 * Categories and subcategories, edited as a draft and saved in one go (validated: unique ids,
 * names required, Security kept, no template left pointing at a removed entry). Ids are made
 * from the name when an entry is added and never change after, so renaming a category does not
 * re-file the incidents under it.
 */
export function TaxonomyEditor() {
  const stored = useStoredConfig(CONFIG_KEYS.taxonomy)
  const taxonomy = useTaxonomy()
  const [notice, setNotice] = useState<string | null>(null)
  return (
    <ConfigSection
      title={t('config.categories')}
      hint={t('config.categories.hint')}
      loaded={stored.loaded}
      loadingText={t('config.categories.loading')}
      notice={notice}
    >
      {/* Remounted when what is stored changes (saved here or on another window), so the draft starts from it. */}
      <TaxonomyDraftEditor key={JSON.stringify(taxonomy)} saved={taxonomy} setNotice={setNotice} />
    </ConfigSection>
  )
}

function TaxonomyDraftEditor({ saved, setNotice }: { saved: Taxonomy; setNotice: (notice: string | null) => void }) {
  const saveConfig = useConfigSaver()
  const ids = { newCategory: useId(), errors: useId() }
  const [draft, setDraft] = useState<Taxonomy>(saved)
  const [newCategory, setNewCategory] = useState('')
  const [errors, setErrors] = useState<string[]>([])
  const changed = JSON.stringify(draft) !== JSON.stringify(saved)

  function update(index: number, category: Category): void {
    setDraft((current) => ({ categories: current.categories.map((entry, at) => (at === index ? category : entry)) }))
  }

  function addCategory(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault()
    const label = newCategory.trim()
    if (!label) {
      setErrors([t('config.categories.nameFirst')])
      return
    }
    const id = idFromLabel(label, draft.categories.map((category) => category.id))
    setDraft((current) => ({ categories: [...current.categories, { id, label, subcategories: [] }] }))
    setNewCategory('')
    setErrors([])
  }

  async function save(): Promise<void> {
    setNotice(null)
    const result = await saveConfig('taxonomy', draft)
    if (result.ok) {
      setErrors([])
      setNotice(t('config.categories.saved'))
    } else {
      setErrors(result.errors)
      setNotice(null)
    }
  }

  return (
    <>
      <ul className="config__categories" aria-label={t('config.categories')}>
        {draft.categories.map((category, index) => (
          <CategoryItem
            key={category.id}
            category={category}
            onChange={(next) => update(index, next)}
            onRemove={() => setDraft((current) => ({ categories: current.categories.filter((_, at) => at !== index) }))}
          />
        ))}
      </ul>
      <form className="form config__add" onSubmit={addCategory}>
        <div className="form__field">
          <label htmlFor={ids.newCategory}>{t('config.categories.new')}</label>
          <input id={ids.newCategory} type="text" value={newCategory} maxLength={LIMITS.label} onChange={(event) => setNewCategory(event.target.value)} />
        </div>
        <button type="submit" className="button">
          {t('config.categories.add')}
        </button>
      </form>
      <EditorFooter
        errors={errors}
        errorsId={ids.errors}
        changed={changed}
        saveLabel={t('config.categories.save')}
        onDiscard={() => {
          setDraft(saved)
          setErrors([])
        }}
        onSave={() => void save()}
      />
    </>
  )
}

function CategoryItem({ category, onChange, onRemove }: { category: Category; onChange: (category: Category) => void; onRemove: () => void }) {
  const ids = { label: useId(), newSubcategory: useId(), group: useId(), groups: useId() }
  const [newSubcategory, setNewSubcategory] = useState('')
  const { groups } = useDirectory()
  const isSecurity = category.id === SECURITY_CATEGORY
  const name = category.label || category.id

  function addSubcategory(): void {
    const label = newSubcategory.trim()
    if (!label) return
    const id = idFromLabel(label, category.subcategories.map((subcategory) => subcategory.id))
    onChange({ ...category, subcategories: [...category.subcategories, { id, label }] })
    setNewSubcategory('')
  }

  return (
    <li className="config__category">
      <div className="config__category-head">
        <div className="form__field">
          <label htmlFor={ids.label}>{t('config.categories.name')}</label>
          <input
            id={ids.label}
            type="text"
            value={category.label}
            maxLength={LIMITS.label}
            onChange={(event) => onChange({ ...category, label: event.target.value })}
          />
        </div>
        <div className="form__field">
          <label htmlFor={ids.group}>{t('rules.routing.group')}</label>
          <input
            id={ids.group}
            type="text"
            list={ids.groups}
            value={category.defaultGroup ?? ''}
            maxLength={LIMITS.label}
            placeholder={t('rules.routing.none')}
            aria-label={t('rules.routing.groupOf', { name })}
            onChange={(event) => onChange(withDefaultGroup(category, event.target.value))}
          />
          {/* The directory's groups on a joined desk (the server refuses a name it does not have); free text on a standalone one. */}
          <datalist id={ids.groups}>
            {groups.map((group) => (
              <option key={group.id} value={group.name} />
            ))}
          </datalist>
        </div>
        <span className="config__id" title={t('config.categories.idTitle')}>
          {t('config.categories.id', { id: category.id })}
        </span>
        {isSecurity ? (
          <span className="form__hint">{t('config.categories.security')}</span>
        ) : (
          <button type="button" className="button button--small button--danger" onClick={onRemove} aria-label={t('config.categories.remove', { name })}>
            {t('common.remove')}
          </button>
        )}
      </div>
      <ul className="config__subcategories" aria-label={t('config.subcategories', { name })}>
        {category.subcategories.map((subcategory, index) => (
          <li key={subcategory.id} className="config__subcategory">
            <input
              type="text"
              value={subcategory.label}
              maxLength={LIMITS.label}
              aria-label={t('config.subcategory.name', { id: subcategory.id })}
              onChange={(event) =>
                onChange({
                  ...category,
                  subcategories: category.subcategories.map((entry, at) => (at === index ? { ...entry, label: event.target.value } : entry)),
                })
              }
            />
            <button
              type="button"
              className="button button--small button--quiet"
              aria-label={t('config.subcategory.remove', { subcategory: subcategory.label || subcategory.id, name })}
              onClick={() => onChange({ ...category, subcategories: category.subcategories.filter((_, at) => at !== index) })}
            >
              ×
            </button>
          </li>
        ))}
        <li className="config__subcategory config__subcategory--new">
          <input
            id={ids.newSubcategory}
            type="text"
            value={newSubcategory}
            maxLength={LIMITS.label}
            placeholder={t('config.subcategory.new')}
            aria-label={t('config.subcategory.newOf', { name })}
            onChange={(event) => setNewSubcategory(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault()
                addSubcategory()
              }
            }}
          />
          <button type="button" className="button button--small" onClick={addSubcategory} aria-label={t('config.subcategory.add', { name })}>
            {t('common.add')}
          </button>
        </li>
      </ul>
    </li>
  )
}

/** An empty field routes nowhere: the key is left out rather than stored empty. */
function withDefaultGroup(category: Category, text: string): Category {
  const { defaultGroup: _previous, ...rest } = category
  return text.trim() ? { ...rest, defaultGroup: text } : rest
}
