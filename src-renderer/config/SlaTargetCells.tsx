import type { SlaTargets } from '../../src-shared/sla/policy'
import { t } from '../i18n/activeLanguage'

const FIELDS = [
  { field: 'responseMinutes', label: 'rules.sla.responseOf' },
  { field: 'resolutionMinutes', label: 'rules.sla.resolutionOf' },
] as const

/** The response and resolution minutes of one priority's targets, as two table cells (the SLA policy's, a service's own). */
export function SlaTargetCells({ priorityLabel, targets, disabled = false, onChange }: { priorityLabel: string; targets: SlaTargets; disabled?: boolean; onChange: (targets: SlaTargets) => void }) {
  return (
    <>
      {FIELDS.map(({ field, label }) => (
        <td key={field}>
          <input
            type="number"
            min={1}
            step={1}
            disabled={disabled}
            aria-label={t(label, { priority: priorityLabel })}
            value={targets[field]}
            onChange={(event) => onChange({ ...targets, [field]: event.target.valueAsNumber })}
          />
        </td>
      ))}
    </>
  )
}
