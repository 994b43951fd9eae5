import type { SlaTargets } from '../../src-shared/sla/policy'
import { t } from '../i18n/activeLanguage'

/** The response and resolution minutes of one priority's targets, as two table cells (the SLA policy's, a service's own). */
export function SlaTargetCells({ priorityLabel, targets, disabled = false, onChange }: { priorityLabel: string; targets: SlaTargets; disabled?: boolean; onChange: (targets: SlaTargets) => void }) {
  return (
    <>
      <td>
        <input
          type="number"
          min={1}
          step={1}
          disabled={disabled}
          aria-label={t('rules.sla.responseOf', { priority: priorityLabel })}
          value={targets.responseMinutes}
          onChange={(event) => onChange({ ...targets, responseMinutes: event.target.valueAsNumber })}
        />
      </td>
      <td>
        <input
          type="number"
          min={1}
          step={1}
          disabled={disabled}
          aria-label={t('rules.sla.resolutionOf', { priority: priorityLabel })}
          value={targets.resolutionMinutes}
          onChange={(event) => onChange({ ...targets, resolutionMinutes: event.target.valueAsNumber })}
        />
      </td>
    </>
  )
}
