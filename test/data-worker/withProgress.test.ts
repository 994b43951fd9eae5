import { describe, expect, it } from 'vitest'
import { withProgress } from '../../src-renderer/data-worker/connectDeskData'

describe('progress from the data worker', () => {
  it('is heard while the call runs and ignored once it has answered (progress travels on its own channel)', async () => {
    const heard: number[] = []
    let late: ((done: number) => void) | null = null
    const answer = await withProgress<number, string>(async (listener) => {
      listener(1)
      listener(2)
      late = listener
      return 'report'
    }, (done) => void heard.push(done))
    expect(answer).toBe('report')
    // The last notice arrives after the answer: a finished screen must not go back to "running".
    late!(3)
    expect(heard).toEqual([1, 2])
  })

  it('goes quiet after a failed call too', async () => {
    const heard: number[] = []
    let late: ((done: number) => void) | null = null
    await expect(
      withProgress<number, never>(async (listener) => {
        late = listener
        throw new Error('The change could not be saved')
      }, (done) => void heard.push(done)),
    ).rejects.toThrow('could not be saved')
    late!(1)
    expect(heard).toEqual([])
  })
})
