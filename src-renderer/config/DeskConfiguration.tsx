import type { ReactNode } from 'react'
import type { SettingsSection } from '../settings-layout/SettingsLayout'
import { TaxonomyEditor } from './TaxonomyEditor'
import { TemplatesEditor } from './TemplatesEditor'
import { t } from '../i18n/activeLanguage'

/**
 * The configuration the Log incident form uses, as sections of a settings screen. Saved on this
 * desk (the `config` table); on a desk that syncs, configuration from the server is not built
 * yet, so an admin's edit here applies to this desk only, which the section says.
 */
export function deskConfigurationSections(scope: 'standalone' | 'this-desk'): SettingsSection[] {
  const onThisDeskOnly = (content: ReactNode) =>
    scope === 'this-desk' ? (
      <>
        <p className="form__hint">{t('settings.thisDeskOnly')}</p>
        {content}
      </>
    ) : (
      content
    )
  return [
    { id: 'categories', title: t('settings.categories'), keywords: ['taxonomy', 'subcategories', 'categorization'], content: onThisDeskOnly(<TaxonomyEditor />) },
    { id: 'templates', title: t('settings.templates'), keywords: ['log form', 'quick log', 'password reset'], content: onThisDeskOnly(<TemplatesEditor />) },
  ]
}
