/** One section of a settings screen, and the words a person might look for it by. */
export interface SectionEntry {
  id: string
  title: string
  keywords: readonly string[]
}

/**
 * The sections whose title or keywords contain every word of `query` (case and accents ignored),
 * in their own order: "sla cal" finds "SLA calendars", "holiday" finds it by a keyword.
 */
export function matchingSections<T extends SectionEntry>(sections: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...sections]
  return sections.filter((section) => {
    const haystack = fold([section.title, ...section.keywords].join(' '))
    return words.every((word) => haystack.includes(word))
  })
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()
}
