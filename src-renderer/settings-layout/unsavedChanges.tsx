import { createContext, useContext, useEffect, useId, useMemo, useState, type ReactNode } from 'react'

/**
 * Which editors on a settings screen hold changes not yet saved. Each editor reports through
 * {@link useUnsavedChanges} (EditorFooter does it for every configuration editor, from the same
 * `changed` that enables its Save button); the screen asks {@link UnsavedChanges.dirty} before it
 * lets a person move away, and the browser asks before the page is closed or reloaded.
 */
export interface UnsavedChanges {
  dirty: boolean
  report(key: string, changed: boolean): void
}

const UnsavedChangesContext = createContext<UnsavedChanges | null>(null)

export function UnsavedChangesProvider({ children, onDirtyChange }: { children: ReactNode; onDirtyChange?: (dirty: boolean) => void }) {
  const [dirtyKeys, setDirtyKeys] = useState<ReadonlySet<string>>(new Set())
  const dirty = dirtyKeys.size > 0
  const value = useMemo<UnsavedChanges>(
    () => ({
      dirty,
      report(key, changed) {
        setDirtyKeys((keys) => {
          if (keys.has(key) === changed) return keys
          const next = new Set(keys)
          if (changed) next.add(key)
          else next.delete(key)
          return next
        })
      },
    }),
    [dirty],
  )
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange])
  useEffect(() => {
    if (!dirty) return undefined
    // Closing or reloading the window with a draft open: the browser's own "Leave site?" prompt.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])
  return <UnsavedChangesContext.Provider value={value}>{children}</UnsavedChangesContext.Provider>
}

/** Reports this editor's unsaved state while it is mounted; a no-op outside a settings screen. */
export function useUnsavedChanges(changed: boolean): void {
  const context = useContext(UnsavedChangesContext)
  const key = useId()
  const report = context?.report
  useEffect(() => {
    if (!report) return undefined
    report(key, changed)
    return () => report(key, false)
  }, [report, key, changed])
}

export function useUnsavedChangesState(): UnsavedChanges | null {
  return useContext(UnsavedChangesContext)
}
