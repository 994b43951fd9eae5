import { describe, expect, it } from 'vitest'
import {
  DESKTOP_BRIDGE_GLOBAL,
  MAIN_API_CHANNELS,
  findDesktopBridge,
  isMainApiChannel,
  isMenuCommand,
  isSyncRequest,
} from '../../src-shared/ipc/contract'

describe('IPC contract', () => {
  it('lists each channel once, in the dotted area.verb style', () => {
    expect(new Set(MAIN_API_CHANNELS).size).toBe(MAIN_API_CHANNELS.length)
    for (const channel of MAIN_API_CHANNELS) expect(channel).toMatch(/^(app|session|sync|admin|export|notify|attachments)\.[a-z][A-Za-z]+$/)
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

  it('recognises sync requests by their trigger only', () => {
    expect(isSyncRequest({ trigger: 'reconnect' })).toBe(true)
    expect(isSyncRequest({ trigger: 'reboot' })).toBe(false)
    expect(isSyncRequest('reconnect')).toBe(false)
    expect(isSyncRequest(null)).toBe(false)
  })

  it('finds the bridge in the desktop shell and nothing in a browser', () => {
    const bridge = { invoke: () => Promise.resolve(), onMenuCommand: () => () => {}, onSyncRequested: () => () => {} }
    expect(findDesktopBridge({ [DESKTOP_BRIDGE_GLOBAL]: bridge })).toBe(bridge)
    expect(findDesktopBridge({ [DESKTOP_BRIDGE_GLOBAL]: { ...bridge, onSyncRequested: undefined } })).toBeUndefined()
    expect(findDesktopBridge({})).toBeUndefined()
    expect(findDesktopBridge({ [DESKTOP_BRIDGE_GLOBAL]: { invoke: 'no' } })).toBeUndefined()
  })
})
