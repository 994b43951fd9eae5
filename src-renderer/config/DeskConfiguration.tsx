import { TaxonomyEditor } from './TaxonomyEditor'
import { TemplatesEditor } from './TemplatesEditor'

/**
 * The configuration the Log incident form uses. Saved on this desk (the `config` table); on a
 * desk that syncs, configuration from the server is not built yet, so an admin's edit here
 * applies to this desk only, which the intro says.
 */
export function DeskConfiguration({ scope }: { scope: 'standalone' | 'this-desk' }) {
  return (
    <div className="config__screen">
      {scope === 'this-desk' ? (
        <p className="form__hint">Categories and templates are saved on this desk only; other desks keep their own until configuration syncs.</p>
      ) : null}
      <TaxonomyEditor />
      <TemplatesEditor />
    </div>
  )
}
