import { describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import { applyPermissionPolicy, isPermissionGranted } from '../../src-main/security/permissions'

const APP = 'app://incident-desk'

describe('isPermissionGranted', () => {
  it('lets our page write to the clipboard', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://incident-desk/index.html', [APP])).toBe(true)
  })

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'usb', 'unknown'])(
    'refuses %s even to our own page',
    (permission) => {
      expect(isPermissionGranted(permission, 'app://incident-desk/index.html', [APP])).toBe(false)
    },
  )

  it('refuses everything to a foreign page', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example.com/', [APP])).toBe(false)
    expect(isPermissionGranted('clipboard-sanitized-write', undefined, [APP])).toBe(false)
  })
})

describe('applyPermissionPolicy', () => {
  it('answers both permission requests and permission checks with the policy', () => {
    const setPermissionRequestHandler = vi.fn()
    const setPermissionCheckHandler = vi.fn()
    applyPermissionPolicy({ setPermissionRequestHandler, setPermissionCheckHandler } as unknown as Session, [APP])

    const requestHandler = setPermissionRequestHandler.mock.calls[0]?.[0] as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl: string },
    ) => void
    const callback = vi.fn()
    requestHandler({}, 'media', callback, { requestingUrl: 'app://incident-desk/index.html' })
    expect(callback).toHaveBeenCalledWith(false)

    const checkHandler = setPermissionCheckHandler.mock.calls[0]?.[0] as (
      contents: unknown,
      permission: string,
      requestingOrigin: string,
    ) => boolean
    expect(checkHandler({}, 'clipboard-sanitized-write', 'app://incident-desk')).toBe(true)
    expect(checkHandler({}, 'clipboard-sanitized-write', 'https://evil.example.com')).toBe(false)
  })
})
