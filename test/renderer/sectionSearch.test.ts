import { describe, expect, it } from 'vitest'
import { matchingSections } from '../../src-renderer/settings-layout/sectionSearch'

const SECTIONS = [
  { id: 'users', title: 'Users', keywords: ['accounts', 'passwords'] },
  { id: 'groups', title: 'Assignment groups', keywords: ['teams', 'levels'] },
  { id: 'calendars', title: 'SLA calendars', keywords: ['business hours', 'holidays', 'time zone'] },
]

describe('finding a settings section', () => {
  it('should find sections by every word of the query, in title or keywords, ignoring case and accents', () => {
    expect(matchingSections(SECTIONS, 'sla cal').map((section) => section.id)).toEqual(['calendars'])
    expect(matchingSections(SECTIONS, 'HOLIDAY').map((section) => section.id)).toEqual(['calendars'])
    expect(matchingSections(SECTIONS, 'pässwords').map((section) => section.id)).toEqual(['users'])
    expect(matchingSections(SECTIONS, 'groups teams').map((section) => section.id)).toEqual(['groups'])
  })

  it('should list every section, in order, for an empty query, and none for a query nothing matches', () => {
    expect(matchingSections(SECTIONS, '   ').map((section) => section.id)).toEqual(['users', 'groups', 'calendars'])
    expect(matchingSections(SECTIONS, 'printer')).toEqual([])
  })
})
