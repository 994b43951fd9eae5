import { useId, useState, type ReactNode } from 'react'
import type { ConfigSection as Section, OrgConfig } from '../../src-shared/config/orgConfig'
import { t } from '../i18n/activeLanguage'
import { ConfigSection } from './ConfigSection'
import { useStoredConfig } from './configStore'
import { EditorFooter } from './EditorFooter'
import { useConfigSaver } from './useConfigSaver'
import { useOrgConfig } from './useOrgConfig'

/**
 * One section of the organization's rules as a draft saved in one go: its frame, the editor the
 * caller renders over the draft, the refusal of the last save and Discard/Save. The draft starts
 * again from what is stored whenever that changes (a save here, a sync bringing another admin's).
 */
export function SectionEditor<K extends Section>({ section, title, hint, saveLabel, children }: {
  section: K
  title: string
  hint: string
  saveLabel: string
  /** The editor over the draft; `problem` shows a refusal the editor found itself (a malformed field). */
  children: (draft: OrgConfig[K], setDraft: (next: OrgConfig[K]) => void, problem: (message: string | null) => void) => ReactNode
}) {
  const stored = useStoredConfig(section)
  const config = useOrgConfig()
  const [notice, setNotice] = useState<string | null>(null)
  const saved = config[section]
  return (
    <ConfigSection title={title} hint={hint} loaded={stored.loaded} loadingText={t('rules.loading')} notice={notice}>
      <SectionDraft key={JSON.stringify(saved)} section={section} saved={saved} saveLabel={saveLabel} setNotice={setNotice}>
        {children}
      </SectionDraft>
    </ConfigSection>
  )
}

function SectionDraft<K extends Section>({ section, saved, saveLabel, setNotice, children }: {
  section: K
  saved: OrgConfig[K]
  saveLabel: string
  setNotice: (notice: string | null) => void
  children: (draft: OrgConfig[K], setDraft: (next: OrgConfig[K]) => void, problem: (message: string | null) => void) => ReactNode
}) {
  const saveConfig = useConfigSaver()
  const errorsId = useId()
  const [draft, setDraft] = useState<OrgConfig[K]>(saved)
  const [errors, setErrors] = useState<string[]>([])
  const [fieldProblem, setFieldProblem] = useState<string | null>(null)
  const changed = JSON.stringify(draft) !== JSON.stringify(saved)

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
