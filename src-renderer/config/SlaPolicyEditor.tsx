import { PRIORITIES, type Priority } from '../../src-shared/incident/priority'
import type { SlaPolicy, SlaTargets } from '../../src-shared/sla/policy'
import { t } from '../i18n/activeLanguage'
import { GroupNameInput } from './GroupNameInput'
import { SectionEditor } from './SectionEditor'
import { SlaTargetCells } from './SlaTargetCells'
import { useOrgConfig } from './useOrgConfig'

/** Response and resolution targets per priority, each on a business calendar. */
export function SlaPolicyEditor() {
  const { calendars } = useOrgConfig()
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
                    <SlaTargetCells priorityLabel={label} targets={policy[priority]} onChange={(targets) => update(priority, targets)} />
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
                      <GroupNameInput
                        label={t('rules.sla.escalateOf', { priority: label })}
                        placeholder={t('rules.sla.escalateNone')}
                        value={policy[priority].escalateToGroup}
                        onChange={(name) => {
                          const { escalateToGroup: _old, ...rest } = policy[priority]
                          setPolicy({ ...policy, [priority]: name ? { ...rest, escalateToGroup: name } : rest } as SlaPolicy)
                        }}
                      />
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
