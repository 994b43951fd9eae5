import { z } from 'zod'
import { ID_PATTERN, LIMITS } from '../events/limits'
import { english, type Translator } from '../i18n/translator'
import { RESOLUTION_CODES } from '../incident/vocabulary'
import { isBuiltInResolutionCode, MAX_RESOLUTION_CODES, offeredResolutionCodes, type ResolutionCodeEntry } from './resolutionCodes'
import { describeIssues, schemaPerLanguage, type ConfigValidation } from './taxonomy'

/** Checking the resolution codes an admin saves (resolutionCodes.ts): ids, names, no code twice, one offered at least. */
function resolutionCodesSchemaIn({ t }: Translator) {
  const entry = z
    .strictObject({
      code: z.string().min(1, t('resolutionCheck.codeRequired')).max(LIMITS.label, t('resolutionCheck.codeTooLong', { max: LIMITS.label })).regex(ID_PATTERN, t('resolutionCheck.codePattern')),
      label: z.string().max(LIMITS.label, t('resolutionCheck.nameTooLong', { max: LIMITS.label })).optional(),
      retired: z.boolean().optional(),
    })
    .superRefine((value, context) => {
      if (!isBuiltInResolutionCode(value.code) && !value.label?.trim()) context.addIssue({ code: 'custom', path: ['label'], message: t('resolutionCheck.nameRequired', { code: value.code }) })
    })
  return z
    .array(entry)
    .max(MAX_RESOLUTION_CODES, t('resolutionCheck.tooMany', { max: MAX_RESOLUTION_CODES }))
    .superRefine((entries, context) => {
      const seen = new Set<string>()
      entries.forEach((value, index) => {
        if (seen.has(value.code)) context.addIssue({ code: 'custom', path: [index, 'code'], message: t('resolutionCheck.twice', { code: value.code }) })
        seen.add(value.code)
      })
      // Imports and older desks resolve with the built-in codes: they can be retired, never removed.
      for (const code of RESOLUTION_CODES) if (!seen.has(code)) context.addIssue({ code: 'custom', path: [], message: t('resolutionCheck.builtInKept', { code }) })
      if (offeredResolutionCodes(entries).length === 0) context.addIssue({ code: 'custom', path: [], message: t('resolutionCheck.noneOffered') })
    })
}

const schemaFor = schemaPerLanguage(resolutionCodesSchemaIn)

export function validateResolutionCodes(input: unknown, translator: Translator = english()): ConfigValidation<ResolutionCodeEntry[]> {
  const parsed = schemaFor(translator).safeParse(input)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: describeIssues(parsed.error) }
}
