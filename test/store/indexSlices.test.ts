import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ReportFactsRow } from '../../src-renderer/store/records'
import { readIndexValueInSlices } from '../../src-renderer/store/indexSlices'
import { freshDatabase } from './storeHarness'

/** Reading every row of one index value a slice at a time, each slice in its own transaction. */

function factsRow(incidentId: string, live: boolean): ReportFactsRow {
  return { incidentId, revision: '1@2026-03-02T09:00:00.000Z', lastAt: 0, facts: null, ...(live ? { live: 1 as const } : {}) }
}

describe('reading an index value in slices', () => {
  it('gives every row holding the value once, in key order, and no other, whatever the slice size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9]{1,6}$/), fc.boolean()), { selector: ([id]) => id, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), async (rows, perSlice) => {
        const db = freshDatabase()
        await db.reportFacts.bulkPut(rows.map(([id, live]) => factsRow(id, live)))
        let pauses = 0
        const read = await readIndexValueInSlices<ReportFactsRow>(db, 'reportFacts', 'live', 1, perSlice, async () => void (pauses += 1))
        const expected = rows.filter(([, live]) => live).map(([id]) => id).sort()
        expect(read.map((row) => row.incidentId)).toEqual(expected)
        // A pause between full slices, and none after the last.
        expect(pauses).toBe(Math.floor(expected.length / perSlice))
        db.close()
      }),
      { numRuns: 60 },
    )
  })

  it('goes on after the last row it read when rows are written between slices', async () => {
    const db = freshDatabase()
    await db.reportFacts.bulkPut(['a', 'c', 'e', 'g'].map((id) => factsRow(id, true)))
    const read = await readIndexValueInSlices<ReportFactsRow>(db, 'reportFacts', 'live', 1, 2, async () => {
      // Between the slices: one row before the position, one after it, and one leaves the value.
      await db.reportFacts.bulkPut([factsRow('b', true), factsRow('f', true), factsRow('e', false)])
    })
    expect(read.map((row) => row.incidentId)).toEqual(['a', 'c', 'f', 'g'])
    db.close()
  })
})
