import { PRIORITIES, type Priority } from '../../src-shared/incident/priority'
import type { SlaPolicy, SlaTargets } from '../../src-shared/sla/policy'
import { t } from '../i18n/activeLanguage'
import { SectionEditor } from './SectionEditor'
import { useDirectory, useOrgConfig } from './useOrgConfig'

/** Response and resolution targets per priority, each on a business calendar. */
export function SlaPolicyEditor() {
  const { calendars } = useOrgConfig()
  const { groups } = useDirectory()
  return (
    <SectionEditor section="slaPolicy" previewDeadlines title={t('rules.sla')} hint={t('rules.sla.hint')} saveLabel={t('rules.sla.save')}>
      {(policy, setPolicy) => {
        const update = (priority: Priority, targets: Partial<SlaTargets>) => setPolicy({ ...policy, [priority]: { ...policy[priority], ...targets } } as SlaPolicy)
        return (
          <table className="config__table">
            <thead>
              <tr>
                <th scope="col">{t('rules.sla.priority')}</th>
                <th scope="col">{t('rules.sla.response')}</th>
                <th scope="col">{t('rules.sla.resolution')}</th>
                <th scope="col">{t('rules.sla.calendar')}</th>
                <th scope="col">{t('rules.sla.escalate')}</th>
              </tr>
            </thead>
            <tbody>
              {PRIORITIES.map((priority) => {
                const label = t(`priority.${priority}`)
                return (
                  <tr key={priority}>
                    <th scope="row">{label}</th>
                    <td>
                      <input
                        type="number"
                        min={1}
                        step={1}
                        aria-label={t('rules.sla.responseOf', { priority: label })}
                        value={policy[priority].responseMinutes}
                        onChange={(event) => update(priority, { responseMinutes: event.target.valueAsNumber })}
                      />
                    </td>
                    <td>
                      <input
                        type="number"
                        min={1}
                        step={1}
                        aria-label={t('rules.sla.resolutionOf', { priority: label })}
                        value={policy[priority].resolutionMinutes}
                        onChange={(event) => update(priority, { resolutionMinutes: event.target.valueAsNumber })}
                      />
                    </td>
                    <td>
                      <select aria-label={t('rules.sla.calendarOf', { priority: label })} value={policy[priority].calendarId} onChange={(event) => update(priority, { calendarId: event.target.value })}>
                        {Object.values(calendars).map((calendar) => (
                          <option key={calendar.id} value={calendar.id} translate="no">
                            {calendar.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={t('rules.sla.escalateOf', { priority: label })}
                        value={policy[priority].escalateToGroup ?? ''}
                        onChange={(event) => {
                          const { escalateToGroup: _old, ...rest } = policy[priority]
                          setPolicy({ ...policy, [priority]: event.target.value ? { ...rest, escalateToGroup: event.target.value } : rest } as SlaPolicy)
                        }}
                      >
                        <option value="">{t('rules.sla.escalateNone')}</option>
                        {[...new Set([...groups.map((group) => group.name), ...(policy[priority].escalateToGroup ? [policy[priority].escalateToGroup] : [])])].map((name) => (
                          <option key={name} value={name} translate="no">
                            {name}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )
      }}
    </SectionEditor>
  )
}
