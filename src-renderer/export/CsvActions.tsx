import { Suspense, useEffect, useState } from 'react'
import { usePlatform } from '../platform/platformContext'
import { useUiActions } from '../ui/uiHooks'
import { ExportDialog, ImportDialog } from '../shell/lazyScreens'
import { t } from '../i18n/activeLanguage'

/**
 * "Export CSV…" and "Import CSV…" in the header, also reachable from the desktop File menu
 * (the `export.incidents` and `import.incidents` menu commands).
 */
export function CsvActions() {
  const platform = usePlatform()
  const { announced } = useUiActions()
  const [open, setOpen] = useState<'export' | 'import' | null>(null)

  useEffect(
    () =>
      platform.onMenuCommand((command) => {
        if (command === 'export.incidents') setOpen('export')
        if (command === 'import.incidents') setOpen('import')
      }),
    [platform],
  )

  return (
    <div className="csv-actions">
      <button type="button" className="button button--quiet button--small" onClick={() => setOpen('export')}>
        {t('command.export.incidents')}
      </button>
      <button type="button" className="button button--quiet button--small" onClick={() => setOpen('import')}>
        {t('command.import.incidents')}
      </button>
      {/* Loaded the first time one opens (lazyScreens.ts): the fraction of a second before, nothing. */}
      <Suspense fallback={null}>
        {open === 'export' ? <ExportDialog onClose={() => setOpen(null)} /> : null}
        {open === 'import' ? (
          <ImportDialog
            onClose={() => setOpen(null)}
            onImported={(count) => announced(t('csv.imported', { count }))}
          />
        ) : null}
      </Suspense>
    </div>
  )
}

/** "Export audit trail" for one incident (the incident view): the export dialog opened on it. */
export function AuditTrailExportButton({ incidentId, incidentNumber }: { incidentId: string; incidentNumber: string }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="button button--quiet button--small" onClick={() => setOpen(true)}>
        {t('csv.auditTrail')}
      </button>
      <Suspense fallback={null}>{open ? <ExportDialog incident={{ id: incidentId, number: incidentNumber }} onClose={() => setOpen(false)} /> : null}</Suspense>
    </>
  )
}
