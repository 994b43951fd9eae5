import { useEffect, useState } from 'react'
import { create } from 'zustand'
import { DEFAULT_RESOLUTION_CODES, offeredResolutionCodes, resolutionCodeName, type ResolutionCodeEntry } from '../../src-shared/config/resolutionCodes'
import { t, useLanguage } from '../i18n/activeLanguage'
import { useOrgConfig } from './useOrgConfig'

/**
 * The organization's resolution codes as the page names them. Held in one store, kept current by
 * the desk shell (`useResolutionCodesFollowConfig`), because codes are named in places that are
 * plain functions (the timeline's entries, an audit page), like the active language is.
 */
const useResolutionCodes = create<{ entries: readonly ResolutionCodeEntry[] }>(() => ({ entries: DEFAULT_RESOLUTION_CODES }))

/** Mounted once in the desk shell: the store follows the configuration in force. */
export function useResolutionCodesFollowConfig(): void {
  const { resolutionCodes } = useOrgConfig()
  useEffect(() => useResolutionCodes.setState({ entries: resolutionCodes }), [resolutionCodes])
}

/** A resolution code's name in the desk's language (the admin's name for the organization's own codes). */
export function resolutionCodeText(code: string): string {
  return resolutionCodeName(code, useResolutionCodes.getState().entries, (builtIn) => t(`resolution.${builtIn}`))
}

/** The codes offered for a new resolution, in the admin's order, with their names. */
export function resolutionCodeChoices(): { value: string; label: string }[] {
  return offeredResolutionCodes(useResolutionCodes.getState().entries).map((entry) => ({ value: entry.code, label: resolutionCodeText(entry.code) }))
}

/** `resolutionCodeChoices`, live: again when the configuration or the desk's language changes. */
export function useOfferedResolutionCodes(): { value: string; label: string }[] {
  useResolutionCodes((state) => state.entries)
  useLanguage((state) => state.locale)
  return resolutionCodeChoices()
}

/**
 * A resolution code picker's state: the offered codes and the one chosen, the first offered to
 * begin with. A code retired meanwhile (a sync) is not offered any more: the first one stands in.
 */
export function useResolutionCodeChoice(): { codes: { value: string; label: string }[]; code: string; setCode: (code: string) => void } {
  const codes = useOfferedResolutionCodes()
  const [chosen, setCode] = useState<string>(() => codes[0]?.value ?? '')
  const code = codes.some((choice) => choice.value === chosen) ? chosen : (codes[0]?.value ?? chosen)
  return { codes, code, setCode }
}
