import { useId, type ReactNode } from 'react'

/**
 * One configuration editor's frame: its title and hint, the editor once the stored value has
 * loaded, and the confirmation of the last save. The confirmation lives here, not in the editor:
 * a save remounts the editor (its draft starts from what is stored), and the message must outlive it.
 */
export function ConfigSection({ title, hint, loaded, loadingText, notice, children }: { title: string; hint: string; loaded: boolean; loadingText: string; notice: string | null; children: ReactNode }) {
  const headingId = useId()
  return (
    <section className="form config__section" aria-labelledby={headingId}>
      <h2 id={headingId} className="admin__title">
        {title}
      </h2>
      <p className="form__hint">{hint}</p>
      {loaded ? children : <p className="form__hint">{loadingText}</p>}
      <p role="status" className="admin__notice" data-empty={notice === null}>
        {notice}
      </p>
    </section>
  )
}
