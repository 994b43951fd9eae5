import type { Report, ReportTable } from '../../src-shared/reports/report'
import { rangeDates } from '../../src-shared/reports/range'
import { ReportBarChart } from './ReportBarChart'
import { ReportFigures } from './ReportFigures'
import { ReportTableView } from './ReportTableView'

function column(table: ReportTable, index: number): Array<number | null> {
  return table.rows.map((row) => {
    const cell = row[index]
    return typeof cell === 'number' ? cell : null
  })
}

function names(table: ReportTable): string[] {
  return table.rows.map((row) => String(row[0]))
}

/** The computed report: headline figures, then each table with its chart. */
export function ReportBody({ report }: { report: Report }) {
  const { fromDate, toDate } = rangeDates(report.range, report.timeZone)
  const suffix = `${fromDate}_${toDate}`
  const { sla, backlog, category, level, channel, major } = report.tables
  // The "All priorities" row is a total, not a bar.
  const slaRows = { ...sla, rows: sla.rows.slice(0, -1) }
  return (
    <div className="report">
      <p className="report__meta">
        Figures as of {new Date(report.asOf).toISOString().slice(0, 16).replace('T', ' ')} {report.timeZone === 'UTC' ? 'UTC' : `(${report.timeZone})`}, from the events on this desk.
        {report.incompleteHistories > 0
          ? ` ${report.incompleteHistories} incident${report.incompleteHistories === 1 ? ' is' : 's are'} held without ${report.incompleteHistories === 1 ? 'its' : 'their'} early history (from the server's snapshot) and ${report.incompleteHistories === 1 ? 'is' : 'are'} not counted; opening an incident fetches its history.`
          : ''}
      </p>
      <ReportFigures figures={report.figures} />
      <div className="report__grid">
        <ReportTableView
          wide
          table={sla}
          timeZone={report.timeZone}
          fileSuffix={suffix}
          chart={
            <ReportBarChart
              label="SLA compliance by priority, response and resolution"
              categories={names(slaRows)}
              unit="ratio"
              series={[
                { label: 'Response', data: column(slaRows, 3), colorVariable: '--color-accent' },
                { label: 'Resolution', data: column(slaRows, 6), colorVariable: '--color-ok' },
              ]}
            />
          }
        />
        <ReportTableView
          table={backlog}
          timeZone={report.timeZone}
          fileSuffix={suffix}
          chart={<ReportBarChart label="Open incidents by age" categories={names(backlog)} unit="count" series={[{ label: 'Open incidents', data: column(backlog, 1), colorVariable: '--color-offline' }]} />}
        />
        <ReportTableView
          table={category}
          timeZone={report.timeZone}
          fileSuffix={suffix}
          emptyText="No incidents logged in this range."
          chart={category.rows.length > 0 ? <ReportBarChart label="Incidents logged by category" categories={names(category)} unit="count" series={[{ label: 'Incidents', data: column(category, 1), colorVariable: '--color-accent' }]} /> : null}
        />
        <ReportTableView
          table={level}
          timeZone={report.timeZone}
          fileSuffix={suffix}
          chart={<ReportBarChart label="Incidents logged by support level" categories={names(level)} unit="count" series={[{ label: 'Incidents', data: column(level, 1), colorVariable: '--color-accent' }]} />}
        />
        <ReportTableView
          table={channel}
          timeZone={report.timeZone}
          fileSuffix={suffix}
          chart={<ReportBarChart label="Incidents logged by channel" categories={names(channel)} unit="count" series={[{ label: 'Incidents', data: column(channel, 1), colorVariable: '--color-accent' }]} />}
        />
        <ReportTableView wide table={major} timeZone={report.timeZone} fileSuffix={suffix} emptyText="No major incident in this range." />
      </div>
    </div>
  )
}
