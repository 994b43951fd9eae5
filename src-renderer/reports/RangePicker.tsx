import { useId, useState, type FormEvent } from 'react'
import { RANGE_PRESETS, rangeForPreset, type RangePreset, type ReportRange } from '../../src-shared/reports/range'
import { problemText, t } from '../i18n/activeLanguage'

interface Props {
  preset: RangePreset
  range: ReportRange
  /** The range's own dates (inclusive), to prefill the custom fields. */
  dates: { fromDate: string; toDate: string }
  timeZone: string
  onChange(preset: RangePreset, range: ReportRange): void
}

/** Presets as a group of toggle buttons; "Custom" opens two date fields and an Apply button. */
export function RangePicker({ preset, dates, timeZone, onChange }: Props) {
  const [fromDate, setFromDate] = useState(dates.fromDate)
  const [toDate, setToDate] = useState(dates.toDate)
  const [customOpen, setCustomOpen] = useState(preset === 'custom')
  const [error, setError] = useState<string | null>(null)
  const errorId = useId()

  function choose(next: RangePreset): void {
    setError(null)
    if (next === 'custom') {
      setFromDate(dates.fromDate)
      setToDate(dates.toDate)
      setCustomOpen(true)
      return
    }
    setCustomOpen(false)
    onChange(next, rangeForPreset(next, new Date().toISOString(), timeZone))
  }

  function applyCustom(event: FormEvent): void {
    event.preventDefault()
    try {
      const range = rangeForPreset('custom', new Date().toISOString(), timeZone, { fromDate, toDate })
      setError(null)
      onChange('custom', range)
    } catch (problem) {
      setError(problemText(problem))
    }
  }

  return (
    <div className="range-picker">
      <div className="range-picker__presets" role="group" aria-label={t('reports.range')}>
        {RANGE_PRESETS.map((candidate) => (
          <button
            key={candidate}
            type="button"
            className="button button--small range-picker__preset"
            aria-pressed={candidate === 'custom' ? customOpen : !customOpen && preset === candidate}
            onClick={() => choose(candidate)}
          >
            {t(`range.${candidate}`)}
          </button>
        ))}
      </div>
      {customOpen ? (
        <form className="range-picker__custom" onSubmit={applyCustom} noValidate>
          <label>
            {t('reports.from')}
            <input type="date" value={fromDate} required onChange={(event) => setFromDate(event.target.value)} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined} />
          </label>
          <label>
            {t('reports.to')}
            <input type="date" value={toDate} required onChange={(event) => setToDate(event.target.value)} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined} />
          </label>
          <button type="submit" className="button button--small button--primary">
            {t('reports.apply')}
          </button>
          {error ? (
            <p id={errorId} className="form__error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  )
}
