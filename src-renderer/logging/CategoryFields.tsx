import { useId } from 'react'
import { findCategory, type Taxonomy } from '../../src-shared/config/taxonomy'
import { t } from '../i18n/activeLanguage'

interface Props {
  taxonomy: Taxonomy
  category: string
  subcategory: string
  onCategoryChange: (category: string) => void
  onSubcategoryChange: (subcategory: string) => void
}

/**
 * Category and subcategory from the admin's taxonomy. An id the taxonomy no longer has (a
 * template saved before a rename) still shows, so nothing is silently changed.
 */
export function CategoryFields({ taxonomy, category, subcategory, onCategoryChange, onSubcategoryChange }: Props) {
  const ids = { category: useId(), subcategory: useId() }
  const current = findCategory(taxonomy, category)
  const subcategories = current?.subcategories ?? []

  return (
    <>
      <div className="form__field">
        <label htmlFor={ids.category}>{t('log.category')}</label>
        <select id={ids.category} value={category} onChange={(event) => onCategoryChange(event.target.value)}>
          <option value="">{t('log.notCategorized')}</option>
          {taxonomy.categories.map((entry) => (
            <option key={entry.id} value={entry.id} translate="no">
              {entry.label}
            </option>
          ))}
          {category && !current ? <option value={category} translate="no">
              {category}
            </option> : null}
        </select>
      </div>
      <div className="form__field">
        <label htmlFor={ids.subcategory}>{t('log.subcategory')}</label>
        <select
          id={ids.subcategory}
          value={subcategory}
          onChange={(event) => onSubcategoryChange(event.target.value)}
          disabled={subcategories.length === 0 && subcategory === ''}
        >
          <option value="">{category ? t('log.none') : t('log.chooseCategoryFirst')}</option>
          {subcategories.map((entry) => (
            <option key={entry.id} value={entry.id} translate="no">
              {entry.label}
            </option>
          ))}
          {subcategory && !subcategories.some((entry) => entry.id === subcategory) ? <option value={subcategory} translate="no">
              {subcategory}
            </option> : null}
        </select>
      </div>
    </>
  )
}
