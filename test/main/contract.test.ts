import { describe, expect, it } from 'vitest'
import {
  DESKTOP_BRIDGE_GLOBAL,
  MAIN_API_CHANNELS,
  findDesktopBridge,
  isMainApiChannel,
  isMenuCommand,
} from '../../src-shared/ipc/contract'

describe('IPC contract', () => {
  it('lists app.getInfo as its one channel for now', () => {
    expect(MAIN_API_CHANNELS).toEqual(['app.getInfo'])
  })

  it.each(['toString', '__proto__', 'constructor', 'APP.GETINFO', 42, null, undefined])(
    'does not mistake %j for a channel',
    (value) => {
      expect(isMainApiChannel(value)).toBe(false)
    },
  )

  it('recognises menu commands and nothing else', () => {
    expect(isMenuCommand('incident.new')).toBe(true)
    expect(isMenuCommand('app.quit')).toBe(false)
    expect(isMenuCommand({ toString: () => 'incident.new' })).toBe(false)
  })

  it('finds the bridge in the desktop shell and nothing in a browser', () => {
    const bridge = { invoke: () => Promise.resolve(), onMenuCommand: () => () => {} }
    expect(findDesktopBridge({ [DESKTOP_BRIDGE_GLOBAL]: bridge })).toBe(bridge)
    expect(findDesktopBridge({})).toBeUndefined()
    expect(findDesktopBridge({ [DESKTOP_BRIDGE_GLOBAL]: { invoke: 'no' } })).toBeUndefined()
  })
})
