import { type IncidentState } from '../../src-shared/incident/vocabulary'
import { t } from '../i18n/activeLanguage'

export function StateBadge({ state }: { state: IncidentState }) {
  return (
    <span className="badge state-badge" data-state={state}>
      {t(`state.${state}`)}
    </span>
  )
}
