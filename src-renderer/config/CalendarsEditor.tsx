import { useId, useState } from 'react'
import { idFromLabel } from '../../src-shared/config/taxonomy'
import { CALENDAR_WEEKDAYS, ISO_WEEKDAYS, type BusinessCalendar, type BusinessHoursRange, type IsoWeekday } from '../../src-shared/sla/calendar'
import { holidaysFromIcal } from '../../src-shared/sla/icalHolidays'
import { t } from '../i18n/activeLanguage'
import { FileImportButton } from './FileImportButton'
import { SectionEditor } from './SectionEditor'

type Calendars = Record<string, BusinessCalendar>

/** How far ahead a recurring holiday in an imported file is repeated. */
const HOLIDAY_HORIZON_YEARS = 5

/**
 * Business calendars: time zone, opening hours per weekday, holidays typed in or imported from
 * an iCal file. The server refuses a calendar an SLA target still uses from being removed.
 */
export function CalendarsEditor() {
  // Held above the draft, which starts again after each save: the admin stays on the calendar they edited.
  const [selectedId, setSelectedId] = useState<string | null>(null)
  return (
    <SectionEditor section="calendars" previewDeadlines title={t('rules.calendars')} hint={t('rules.calendars.hint')} saveLabel={t('rules.calendars.save')}>
      {(calendars, setCalendars, problem) => (
        <CalendarsDraft calendars={calendars as Calendars} setCalendars={setCalendars} problem={problem} selectedId={selectedId} setSelectedId={setSelectedId} />
      )}
    </SectionEditor>
  )
}

function CalendarsDraft({ calendars, setCalendars, problem, selectedId: chosenId, setSelectedId }: {
  calendars: Calendars
  setCalendars: (next: Calendars) => void
  problem: (message: string | null) => void
  selectedId: string | null
  setSelectedId: (id: string) => void
}) {
  const pickerId = useId()
  const selectedId = chosenId !== null && calendars[chosenId] ? chosenId : (Object.keys(calendars)[0] ?? '')
  const selected = calendars[selectedId]

  function addCalendar(): void {
    const id = idFromLabel(t('rules.calendars.newName'), Object.keys(calendars))
    setCalendars({ ...calendars, [id]: { ...CALENDAR_WEEKDAYS, id, name: t('rules.calendars.newName'), holidays: [] } })
    setSelectedId(id)
  }

  function removeSelected(): void {
    const { [selectedId]: _removed, ...rest } = calendars
    setCalendars(rest)
    setSelectedId(Object.keys(rest)[0] ?? '')
  }

  return (
    <>
      <div className="config__inline">
        <div className="form__field">
          <label htmlFor={pickerId}>{t('rules.calendars.pick')}</label>
          <select id={pickerId} value={selectedId} onChange={(event) => setSelectedId(event.target.value)}>
            {Object.values(calendars).map((calendar) => (
              <option key={calendar.id} value={calendar.id} translate="no">
                {calendar.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" onClick={addCalendar}>
          {t('rules.calendars.new')}
        </button>
        {selected ? (
          <button type="button" className="button button--danger" onClick={removeSelected}>
            {t('rules.calendars.remove')}
          </button>
        ) : null}
      </div>
      {selected ? <CalendarFields key={selected.id} calendar={selected} onChange={(next) => setCalendars({ ...calendars, [next.id]: next })} problem={problem} /> : null}
    </>
  )
}

function CalendarFields({ calendar, onChange, problem }: { calendar: BusinessCalendar; onChange: (calendar: BusinessCalendar) => void; problem: (message: string | null) => void }) {
  const ids = { name: useId(), zone: useId(), zones: useId(), holiday: useId() }
  const [hoursText, setHoursText] = useState<Record<IsoWeekday, string>>(() => Object.fromEntries(ISO_WEEKDAYS.map((day) => [day, formatRanges(calendar.weeklyHours[day])])) as Record<IsoWeekday, string>)
  const [newHoliday, setNewHoliday] = useState('')
  const [importNotice, setImportNotice] = useState<string | null>(null)
  const zones = useTimeZones()

  function changeHours(day: IsoWeekday, text: string): void {
    const next = { ...hoursText, [day]: text }
    setHoursText(next)
    const bad = ISO_WEEKDAYS.find((weekday) => parseRanges(next[weekday]) === null)
    if (bad !== undefined) {
      problem(t('rules.calendars.badHours', { day: bad }))
      return
    }
    problem(null)
    onChange({ ...calendar, weeklyHours: Object.fromEntries(ISO_WEEKDAYS.map((weekday) => [weekday, parseRanges(next[weekday])!])) as unknown as BusinessCalendar['weeklyHours'] })
  }

  function addHolidays(dates: readonly string[]): void {
    onChange({ ...calendar, holidays: [...new Set([...calendar.holidays, ...dates])].sort() })
  }

  async function importFile(file: File): Promise<void> {
    const result = holidaysFromIcal(await file.text(), new Date().getFullYear() + HOLIDAY_HORIZON_YEARS)
    if (!result.ok) {
      setImportNotice(t('rules.holidays.unreadable', { file: file.name, reason: result.message }))
      return
    }
    const added = result.value.holidays.filter((date) => !calendar.holidays.includes(date))
    addHolidays(added)
    setImportNotice(t('rules.holidays.imported', { count: added.length, file: file.name, skipped: result.value.skipped }))
  }

  return (
    <div className="config__calendar">
      <div className="form__row">
        <div className="form__field">
          <label htmlFor={ids.name}>{t('rules.calendars.name')}</label>
          <input id={ids.name} type="text" maxLength={100} value={calendar.name} onChange={(event) => onChange({ ...calendar, name: event.target.value })} />
        </div>
        <div className="form__field">
          <label htmlFor={ids.zone}>{t('rules.calendars.timeZone')}</label>
          <input id={ids.zone} type="text" list={ids.zones} maxLength={64} value={calendar.timeZone} onChange={(event) => onChange({ ...calendar, timeZone: event.target.value.trim() })} />
          <datalist id={ids.zones}>
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
      </div>
      <fieldset className="form__fieldset config__hours">
        <legend>{t('rules.calendars.hours')}</legend>
        <p className="form__hint">{t('rules.calendars.hoursHint')}</p>
        {ISO_WEEKDAYS.map((day) => (
          <label key={day} className="config__hours-day">
            <span>{t('rules.calendars.day', { day })}</span>
            <input type="text" value={hoursText[day]} onChange={(event) => changeHours(day, event.target.value)} />
          </label>
        ))}
      </fieldset>
      <fieldset className="form__fieldset config__holidays">
        <legend>{t('rules.holidays')}</legend>
        {calendar.holidays.length === 0 ? (
          <p className="form__hint">{t('rules.holidays.none')}</p>
        ) : (
          <ul aria-label={t('rules.holidays')}>
          {calendar.holidays.map((date) => (
            <li key={date}>
              <span>{date}</span>
              <button
                type="button"
                className="button button--small button--quiet"
                aria-label={t('rules.holidays.remove', { date })}
                onClick={() => onChange({ ...calendar, holidays: calendar.holidays.filter((holiday) => holiday !== date) })}
              >
                ×
              </button>
            </li>
          ))}
          </ul>
        )}
        <div className="config__inline">
          <div className="form__field">
            <label htmlFor={ids.holiday}>{t('rules.holidays.date')}</label>
            <input id={ids.holiday} type="date" value={newHoliday} onChange={(event) => setNewHoliday(event.target.value)} />
          </div>
          <button
            type="button"
            className="button"
            disabled={!newHoliday}
            onClick={() => {
              addHolidays([newHoliday])
              setNewHoliday('')
            }}
          >
            {t('rules.holidays.add')}
          </button>
          <FileImportButton label={t('rules.holidays.import')} accept=".ics,text/calendar" onFile={(file) => void importFile(file)} />
        </div>
        <p role="status" className="form__hint">
          {importNotice}
        </p>
      </fieldset>
    </div>
  )
}

const RANGE = /^(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/

/** "08:00-12:00, 13:00-17:00" → ranges; empty text is closed; null when a part is not a range (the calendar's own check judges the times). */
function parseRanges(text: string): BusinessHoursRange[] | null {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean)
  const ranges: BusinessHoursRange[] = []
  for (const part of parts) {
    const match = RANGE.exec(part)
    if (!match) return null
    ranges.push({ start: match[1]!, end: match[2]! })
  }
  return ranges
}

function formatRanges(ranges: readonly BusinessHoursRange[]): string {
  return ranges.map((range) => `${range.start}-${range.end}`).join(', ')
}

/** The zones this browser knows, for the picker; typing any other IANA name works too. */
function useTimeZones(): string[] {
  const [zones] = useState(() => {
    try {
      return Intl.supportedValuesOf('timeZone')
    } catch {
      return []
    }
  })
  return zones
}
