import { useEffect, useId, useState, type ReactNode } from 'react'
import type { DeadlineShift } from '../../src-shared/data/deskDataContract'
import { useDesk } from '../desk/deskContext'
import type { ConfigSection as Section, OrgConfig } from '../../src-shared/config/orgConfig'
import { t } from '../i18n/activeLanguage'
import { ConfigSection } from './ConfigSection'
import { useStoredConfig } from './useConfig'
import { EditorFooter } from './EditorFooter'
import { useConfigSaver } from './useConfigSaver'
import { useOrgConfig } from './useOrgConfig'

/**
 * One section of the organization's rules as a draft saved in one go: its frame, the editor the
 * caller renders over the draft, the refusal of the last save and Discard/Save. The draft starts
 * again from what is stored whenever that changes (a save here, a sync bringing another admin's).
 */
export function SectionEditor<K extends Section>({ section, title, hint, saveLabel, previewDeadlines = false, children }: {
  section: K
  title: string
  hint: string
  saveLabel: string
  /** Say, as the draft changes, how many running SLA deadlines it would move (SLA targets, calendars). */
  previewDeadlines?: boolean
  /** The editor over the draft; `problem` shows a refusal the editor found itself (a malformed field). */
  children: (draft: OrgConfig[K], setDraft: (next: OrgConfig[K]) => void, problem: (message: string | null) => void) => ReactNode
}) {
  const stored = useStoredConfig(section)
  const config = useOrgConfig()
  const [notice, setNotice] = useState<string | null>(null)
  const saved = config[section]
  return (
    <ConfigSection title={title} hint={hint} loaded={stored.loaded} loadingText={t('rules.loading')} notice={notice}>
      <SectionDraft key={JSON.stringify(saved)} section={section} saved={saved} saveLabel={saveLabel} setNotice={setNotice} previewDeadlines={previewDeadlines}>
        {children}
      </SectionDraft>
    </ConfigSection>
  )
}

function SectionDraft<K extends Section>({ section, saved, saveLabel, setNotice, previewDeadlines, children }: {
  section: K
  saved: OrgConfig[K]
  saveLabel: string
  previewDeadlines: boolean
  setNotice: (notice: string | null) => void
  children: (draft: OrgConfig[K], setDraft: (next: OrgConfig[K]) => void, problem: (message: string | null) => void) => ReactNode
}) {
  const saveConfig = useConfigSaver()
  const errorsId = useId()
  const [draft, setDraft] = useState<OrgConfig[K]>(saved)
  const [errors, setErrors] = useState<string[]>([])
  const [fieldProblem, setFieldProblem] = useState<string | null>(null)
  const changed = JSON.stringify(draft) !== JSON.stringify(saved)
  const preview = useDeadlinePreview(section, draft, previewDeadlines && changed && fieldProblem === null)

  async function save(): Promise<void> {
    setNotice(null)
    if (fieldProblem) {
      setErrors([fieldProblem])
      return
    }
    const result = await saveConfig(section, draft)
    if (result.ok) {
      setErrors([])
      setNotice(t('rules.saved'))
    } else {
      setErrors(result.errors)
    }
  }

  return (
    <>
      {children(draft, setDraft, setFieldProblem)}
      {previewDeadlines && changed ? (
        <p role="status" className="form__hint config__preview">
          {preview === 'working' ? t('rules.preview.working') : preview ? t('rules.preview', { running: preview.running, moved: preview.moved, breached: preview.breached }) : null}
        </p>
      ) : null}
      <EditorFooter
        errors={errors}
        errorsId={errorsId}
        changed={changed}
        saveLabel={saveLabel}
        onDiscard={() => {
          setDraft(saved)
          setErrors([])
          setFieldProblem(null)
        }}
        onSave={() => void save()}
      />
    </>
  )
}

/** Quiet time after an edit before the preview is worked out: typing a time is several edits. */
const PREVIEW_DELAY_MS = 400

/**
 * The data worker's count of the running deadlines the draft would move (store/deadlineShift.ts),
 * for the draft as it stands; a draft that changes meanwhile drops the older answer.
 */
function useDeadlinePreview(section: Section, draft: unknown, enabled: boolean): DeadlineShift | 'working' | null {
  const { data, session } = useDesk()
  const key = enabled ? JSON.stringify(draft) : null
  // The answer remembers which draft it is for: any other draft shows as still working.
  const [answer, setAnswer] = useState<{ key: string; shift: DeadlineShift | null } | null>(null)
  useEffect(() => {
    if (key === null) return
    let current = true
    const timer = setTimeout(() => {
      data.previewDeadlineShift(section, JSON.parse(key), { actor: session.actor, nowMs: Date.now() }).then(
        (shift) => current && setAnswer({ key, shift }),
        () => current && setAnswer({ key, shift: null }),
      )
    }, PREVIEW_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [data, session, section, key])
  if (key === null) return null
  return answer?.key === key ? answer.shift : 'working'
}
