import { Rich } from '../i18n/Rich'
import type { ReactNode } from 'react'
/** The definition of a figure, one click away: the same text the report computes it by. */
export function HowComputed({ text, subject }: { text: string; subject: string }) {
  return (
    <details className="how-computed">
      <summary>
        <Rich id="reports.how" values={{ subject, hidden: (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span> }} />
      </summary>
      <p>{text}</p>
    </details>
  )
}
