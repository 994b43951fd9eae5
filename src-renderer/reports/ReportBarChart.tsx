import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartOptions } from 'chart.js'
import { useSyncExternalStore } from 'react'
import { Bar } from 'react-chartjs-2'
import { formatValue } from './formatFigure'

// Only what the bar charts use, so the bundle carries nothing else of chart.js.
ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend)

export interface ChartSeries {
  label: string
  data: ReadonlyArray<number | null>
  /** A CSS custom property from theme.css, read at render so light and dark both fit. */
  colorVariable: string
}

interface Props {
  /** Accessible name of the chart image; the table beside it holds the same numbers. */
  label: string
  categories: readonly string[]
  series: readonly ChartSeries[]
  unit: 'count' | 'ratio'
}

const darkQuery = '(prefers-color-scheme: dark)'

function subscribeToScheme(onChange: () => void): () => void {
  const query = window.matchMedia(darkQuery)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

/** Re-render when the system switches between light and dark, so the colours are read again. */
function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribeToScheme, () => (window.matchMedia(darkQuery).matches ? 'dark' : 'light'))
}

function cssVariable(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim()
}

/** A bar chart beside a report table, in the theme's colours. */
export function ReportBarChart({ label, categories, series, unit }: Props) {
  const scheme = useColorScheme()
  const text = cssVariable('--color-text-muted')
  const grid = cssVariable('--color-border')
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { display: series.length > 1, labels: { color: text, boxWidth: 12 } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${formatValue(item.parsed.y, unit)}` } },
    },
    scales: {
      x: { ticks: { color: text }, grid: { display: false }, border: { color: grid } },
      y: {
        beginAtZero: true,
        ...(unit === 'ratio' ? { max: 1 } : {}),
        ticks: { color: text, precision: 0, callback: (value) => (unit === 'ratio' ? formatValue(Number(value), 'ratio') : String(value)) },
        grid: { color: grid },
        border: { color: grid },
      },
    },
  }
  const data = {
    labels: [...categories],
    datasets: series.map((entry) => ({
      label: entry.label,
      data: [...entry.data],
      backgroundColor: cssVariable(entry.colorVariable),
      borderRadius: 3,
      maxBarThickness: 36,
    })),
  }
  return (
    <div className="report-chart">
      <Bar key={scheme} data={data} options={options} role="img" aria-label={label} fallbackContent={<p>{label}</p>} />
    </div>
  )
}
