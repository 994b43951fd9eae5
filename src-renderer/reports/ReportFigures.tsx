import type { ReportFigure } from '../../src-shared/reports/report'
import { formatValue } from './formatFigure'
import { HowComputed } from './HowComputed'
import { t } from '../i18n/activeLanguage'

function basisText(figure: ReportFigure): string {
  if (figure.unit === 'count') return ''
  if (figure.basis === 0) return t('reports.basis.none')
  return t('reports.basis', { count: figure.basis })
}

/** The headline numbers, each with its definition. */
export function ReportFigures({ figures }: { figures: readonly ReportFigure[] }) {
  return (
    <ul className="report-figures" aria-label={t('reports.figures')}>
      {figures.map((figure) => (
        // Named "label value" ("Logged 3"), so a screen reader lists each figure with its number.
        <li key={figure.id} className="report-figure" aria-labelledby={`figure-${figure.id} figure-${figure.id}-value`}>
          <span className="report-figure__label" id={`figure-${figure.id}`}>
            {figure.label}
          </span>
          <span className="report-figure__value" id={`figure-${figure.id}-value`}>
            {formatValue(figure.value, figure.unit)}
          </span>
          <span className="report-figure__basis">{basisText(figure)}</span>
          <HowComputed text={figure.howComputed} subject={figure.label} />
        </li>
      ))}
    </ul>
  )
}
