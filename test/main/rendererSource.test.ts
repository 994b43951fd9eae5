import { describe, expect, it } from 'vitest'
import { resolveRendererSource } from '../../src-main/app/rendererSource'
import { userDataFolderName } from '../../src-main/app/identity'

const APP_SOURCE = { kind: 'app-protocol', url: 'app://incident-desk/index.html', origin: 'app://incident-desk' }

describe('resolveRendererSource', () => {
  it('loads the built UI over app:// when packaged, even if a dev server URL is set', () => {
    expect(resolveRendererSource({ isPackaged: true, devServerUrl: 'http://localhost:5173/' })).toEqual(APP_SOURCE)
  })

  it('loads the built UI over app:// when no dev server runs', () => {
    expect(resolveRendererSource({ isPackaged: false, devServerUrl: undefined })).toEqual(APP_SOURCE)
  })

  it('uses a loopback dev server while developing', () => {
    expect(resolveRendererSource({ isPackaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    })
  })

  it.each(['https://evil.example.com/', 'http://192.168.1.20:5173/', 'file:///tmp/index.html', 'nonsense'])(
    'never trusts a non-loopback dev server URL %s',
    (devServerUrl) => {
      expect(resolveRendererSource({ isPackaged: false, devServerUrl })).toEqual(APP_SOURCE)
    },
  )
})

describe('userDataFolderName', () => {
  it('keeps development data apart from a real desk on the same machine', () => {
    expect(userDataFolderName(true)).toBe('Incident Desk')
    expect(userDataFolderName(false)).not.toBe(userDataFolderName(true))
  })
})
