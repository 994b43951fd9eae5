import { IMPACTS, PRIORITIES, URGENCIES, type Impact, type Priority, type PriorityMatrix, type Urgency } from '../../src-shared/incident/priority'
import { t } from '../i18n/activeLanguage'
import { SectionEditor } from './SectionEditor'

/** The impact × urgency table that gives a new incident its priority (DESIGN §1). */
export function PriorityMatrixEditor() {
  return (
    <SectionEditor section="priorityMatrix" title={t('rules.matrix')} hint={t('rules.matrix.hint')} saveLabel={t('rules.matrix.save')}>
      {(matrix, setMatrix) => (
        <table className="config__matrix">
          <caption>{t('rules.matrix.caption')}</caption>
          <thead>
            <tr>
              <td />
              {URGENCIES.map((urgency) => (
                <th key={urgency} scope="col">
                  {t('rules.matrix.urgency', { urgency: t(`urgency.${urgency}`) })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {IMPACTS.map((impact) => (
              <tr key={impact}>
                <th scope="row">{t('rules.matrix.impact', { impact: t(`impact.${impact}`) })}</th>
                {URGENCIES.map((urgency) => (
                  <td key={urgency}>
                    <select
                      aria-label={t('rules.matrix.cell', { impact: t(`impact.${impact}`), urgency: t(`urgency.${urgency}`) })}
                      value={matrix[impact - 1]![urgency - 1]}
                      onChange={(event) => setMatrix(withCell(matrix, impact, urgency, Number(event.target.value) as Priority))}
                    >
                      {PRIORITIES.map((priority) => (
                        <option key={priority} value={priority}>
                          {t(`priority.${priority}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </SectionEditor>
  )
}

function withCell(matrix: PriorityMatrix, impact: Impact, urgency: Urgency, priority: Priority): PriorityMatrix {
  return matrix.map((row, rowIndex) => row.map((cell, columnIndex) => (rowIndex === impact - 1 && columnIndex === urgency - 1 ? priority : cell))) as unknown as PriorityMatrix
}
