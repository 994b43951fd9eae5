import { t } from '../i18n/activeLanguage'
/** The definition of a figure, one click away: the same text the report computes it by. */
export function HowComputed({ text, subject }: { text: string; subject: string }) {
  return (
    <details className="how-computed">
      <summary>
        {t('reports.how')}
        <span className="visually-hidden"> ({subject})</span>?
      </summary>
      <p>{text}</p>
    </details>
  )
}
