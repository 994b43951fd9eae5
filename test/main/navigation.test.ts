import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { WebContents } from 'electron'
import { decideNavigation, guardNavigation } from '../../src-main/security/navigation'

const APP = 'app://incident-desk'

/** Just enough of WebContents: events plus the window-open handler slot. */
class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
}

function navigationEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() }
}

function guardedContents() {
  const contents = new FakeWebContents()
  const openExternal = vi.fn()
  guardNavigation(contents as unknown as WebContents, { allowedOrigins: [APP], openExternal })
  return { contents, openExternal }
}

describe('decideNavigation', () => {
  it.each([
    ['app://incident-desk/index.html', 'allow'],
    ['app://incident-desk/queue?state=open', 'allow'],
    ['https://kb.example.com/article/42', 'open-externally'],
    ['mailto:requester@example.com', 'open-externally'],
    ['http://intranet.example.com/', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['app://incident-desk.evil.example/', 'deny'],
    ['not a url', 'deny'],
  ])('%s → %s', (url, decision) => {
    expect(decideNavigation(url, [APP])).toBe(decision)
  })
})

describe('guardNavigation', () => {
  it('prevents navigation to a foreign origin and opens https links in the system browser', () => {
    const { contents, openExternal } = guardedContents()
    const event = navigationEvent('https://evil.example.com/phish')
    contents.emit('will-frame-navigate', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(openExternal).toHaveBeenCalledWith('https://evil.example.com/phish')
  })

  it('lets the app navigate within its own origin', () => {
    const { contents, openExternal } = guardedContents()
    const event = navigationEvent('app://incident-desk/index.html')
    contents.emit('will-frame-navigate', event)
    expect(event.preventDefault).not.toHaveBeenCalled()
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('blocks file:// navigation without handing it to the OS', () => {
    const { contents, openExternal } = guardedContents()
    const event = navigationEvent('file:///home/tech/.ssh/id_rsa')
    contents.emit('will-frame-navigate', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('blocks a subframe navigation without opening anything', () => {
    const { contents, openExternal } = guardedContents()
    const event = navigationEvent('https://ads.example.com/', false)
    contents.emit('will-frame-navigate', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('blocks a redirect that leaves the app', () => {
    const { contents } = guardedContents()
    const event = navigationEvent('https://evil.example.com/')
    contents.emit('will-redirect', event)
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('denies window.open and sends https targets to the system browser', () => {
    const { contents, openExternal } = guardedContents()
    expect(contents.windowOpenHandler?.({ url: 'https://kb.example.com/' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://kb.example.com/')
  })

  it('denies window.open of our own origin too: the desk has one window', () => {
    const { contents, openExternal } = guardedContents()
    expect(contents.windowOpenHandler?.({ url: 'app://incident-desk/index.html' })).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('never hands file: or javascript: window targets to the OS', () => {
    const { contents, openExternal } = guardedContents()
    expect(contents.windowOpenHandler?.({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('refuses to attach a <webview>', () => {
    const { contents } = guardedContents()
    const event = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', event, {}, {})
    expect(event.preventDefault).toHaveBeenCalled()
  })
})
