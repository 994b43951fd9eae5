import type { Report, ReportCell, ReportTable } from '../../src-shared/reports/report'
import { rangeDates } from '../../src-shared/reports/range'
import { ReportBarChart } from './ReportBarChart'
import { ReportFigures } from './ReportFigures'
import { ReportTableView } from './ReportTableView'
import { t } from '../i18n/activeLanguage'
import { useMemo } from 'react'
import { categoryLabel } from '../../src-shared/config/taxonomy'
import { useTaxonomy } from '../config/deskConfig'

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
  const { sla, priority, backlog, level, channel, major } = report.tables
  const taxonomy = useTaxonomy()
  // The report counts by category id; people read the desk's names for them.
  const category = useMemo(() => ({ ...report.tables.category, rows: report.tables.category.rows.map((row): ReportCell[] => [categoryLabel(taxonomy, String(row[0])) ?? row[0] ?? null, ...row.slice(1)]) }),
    [report, taxonomy],
  )
  // The "All priorities" row is a total, not a bar.
  const slaRows = { ...sla, rows: sla.rows.slice(0, -1) }
  return (
    <div className="report">
      <p className="report__meta">
        {t('reports.asOf', {
          at: new Date(report.asOf).toISOString().slice(0, 16).replace('T', ' '),
          zone: report.timeZone === 'UTC' ? 'UTC' : `(${report.timeZone})`,
        })}
        {report.incompleteHistories > 0 ? t('reports.incomplete', { count: report.incompleteHistories }) : ''}
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
              label={t('reports.chart.sla')}
              categories={names(slaRows)}
              unit="ratio"
              series={[
                { label: t('reports.chart.response'), data: column(slaRows, 3), colorVariable: '--color-accent' },
                { label: t('reports.chart.resolution'), data: column(slaRows, 6), colorVariable: '--color-ok' },
              ]}
            />
          }
        />
        <ReportTableView
          wide
          table={priority}
          timeZone={report.timeZone}
          fileSuffix={suffix}
          chart={<ReportBarChart label={t('reports.chart.priority')} categories={names(priority)} unit="count" series={[{ label: t('reports.chart.incidents'), data: column(priority, 1), colorVariable: '--color-accent' }]} />}
        />
        <ReportTableView
          table={backlog}
          timeZone={report.timeZone}
          fileSuffix={suffix}
          chart={<ReportBarChart label={t('reports.chart.backlog')} categories={names(backlog)} unit="count" series={[{ label: t('reports.chart.open'), data: column(backlog, 1), colorVariable: '--color-offline' }]} />}
        />
        <ReportTableView
          table={category}
          timeZone={report.timeZone}
          fileSuffix={suffix}
          emptyText={t('reports.noneLogged')}
          chart={category.rows.length > 0 ? <ReportBarChart label={t('reports.chart.category')} categories={names(category)} unit="count" series={[{ label: t('reports.chart.incidents'), data: column(category, 1), colorVariable: '--color-accent' }]} /> : null}
        />
        <ReportTableView
          table={level}
          timeZone={report.timeZone}
          fileSuffix={suffix}
          chart={<ReportBarChart label={t('reports.chart.level')} categories={names(level)} unit="count" series={[{ label: t('reports.chart.incidents'), data: column(level, 1), colorVariable: '--color-accent' }]} />}
        />
        <ReportTableView
          table={channel}
          timeZone={report.timeZone}
          fileSuffix={suffix}
          chart={<ReportBarChart label={t('reports.chart.channel')} categories={names(channel)} unit="count" series={[{ label: t('reports.chart.incidents'), data: column(channel, 1), colorVariable: '--color-accent' }]} />}
        />
        <ReportTableView wide table={major} timeZone={report.timeZone} fileSuffix={suffix} emptyText={t('reports.noMajor')} />
      </div>
    </div>
  )
}
