import { useCallback } from 'react'
import { DEFAULT_TAXONOMY, validateTaxonomy, type Taxonomy } from '../../src-shared/config/taxonomy'
import { DEFAULT_TEMPLATES, validateTemplates, type IncidentTemplate } from '../../src-shared/config/templates'
import { CONFIG_KEYS } from './configStore'
import { useConfig } from './useConfig'

/**
 * The taxonomy and templates this desk logs with: what an admin saved, else the defaults.
 * Every save is validated here, so what is stored always parses; the parse on read only guards
 * against a value written by another version.
 */

function parseTaxonomy(value: unknown): Taxonomy | undefined {
  const result = validateTaxonomy(value)
  return result.ok ? result.value : undefined
}

export function useTaxonomy(): Taxonomy {
  return useConfig(CONFIG_KEYS.taxonomy, DEFAULT_TAXONOMY, parseTaxonomy)
}

export function useTemplates(): IncidentTemplate[] {
  const taxonomy = useTaxonomy()
  const parse = useCallback(
    (value: unknown) => {
      const result = validateTemplates(value, taxonomy)
      return result.ok ? result.value : undefined
    },
    [taxonomy],
  )
  return useConfig(CONFIG_KEYS.templates, DEFAULT_TEMPLATES, parse)
}
