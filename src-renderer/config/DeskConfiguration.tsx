import type { ReactNode } from 'react'
import type { SettingsSection } from '../settings-layout/SettingsLayout'
import { AutoCloseEditor } from './AutoCloseEditor'
import { CalendarsEditor } from './CalendarsEditor'
import { DryRunSection } from './DryRunSection'
import { ResolutionCodesEditor } from './ResolutionCodesEditor'
import { ServicesEditor } from './ServicesEditor'
import { PriorityMatrixEditor } from './PriorityMatrixEditor'
import { SlaPolicyEditor } from './SlaPolicyEditor'
import { TaxonomyEditor } from './TaxonomyEditor'
import { TemplatesEditor } from './TemplatesEditor'
import { t } from '../i18n/activeLanguage'

/**
 * The organization's rules as sections of a settings screen (DESIGN §2: configuration is data).
 * A standalone desk keeps its own, edited in Settings; a desk joined to a server edits the
 * organization's on the Administration screen, saved on the server for every desk, which the
 * sections say.
 */
export function deskConfigurationSections(scope: 'standalone' | 'organization'): SettingsSection[] {
  const scoped = (content: ReactNode) =>
    scope === 'organization' ? (
      <>
        <p className="form__hint">{t('rules.scope.organization')}</p>
        {content}
      </>
    ) : (
      content
    )
  return [
    { id: 'categories', title: t('settings.categories'), keywords: ['taxonomy', 'subcategories', 'categorization', 'routing', 'group'], content: scoped(<TaxonomyEditor />) },
    { id: 'templates', title: t('settings.templates'), keywords: ['log form', 'quick log', 'password reset'], content: scoped(<TemplatesEditor />) },
    { id: 'priority-matrix', title: t('rules.matrix'), keywords: ['impact', 'urgency', 'priority'], content: scoped(<PriorityMatrixEditor />) },
    { id: 'sla-targets', title: t('rules.sla'), keywords: ['sla', 'response', 'resolution', 'targets'], content: scoped(<SlaPolicyEditor />) },
    { id: 'calendars', title: t('rules.calendars'), keywords: ['business hours', 'holidays', 'time zone', 'ical'], content: scoped(<CalendarsEditor />) },
    { id: 'services', title: t('services.title'), keywords: ['service', 'configuration item', 'ci', 'cmdb', 'criticality', 'owner', 'csv'], content: scoped(<ServicesEditor />) },
    { id: 'resolution-codes', title: t('codes.title'), keywords: ['resolution', 'close code', 'resolve', 'retire'], content: scoped(<ResolutionCodesEditor />) },
    { id: 'auto-close', title: t('rules.autoClose'), keywords: ['close', 'resolved', 'days'], content: scoped(<AutoCloseEditor />) },
    // The server runs the automation: a standalone desk has none to replay.
    ...(scope === 'organization' ? [{ id: 'automation', title: t('rules.dryRun'), keywords: ['dry run', 'rule', 'escalation', 'routing'], content: <DryRunSection /> }] : []),
  ]
}
