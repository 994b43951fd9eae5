import { APP_ENTRY_URL, APP_ORIGIN } from '../protocol/appOrigin'
import { originOf } from '../security/origin'

/**
 * Where the window loads the UI from, and so the one origin main trusts.
 *
 * - `app-protocol`: the built renderer served by our app:// handler. Always in a packaged app.
 * - `dev-server`: electron-vite's dev server (it sets ELECTRON_RENDERER_URL), with hot reload.
 */
export type RendererSource =
  | { readonly kind: 'app-protocol'; readonly url: string; readonly origin: string }
  | { readonly kind: 'dev-server'; readonly url: string; readonly origin: string }

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The dev server is honoured only in an unpackaged app and only on loopback http(s). Whatever
 * origin we load is trusted with IPC, so a stray ELECTRON_RENDERER_URL in a user's environment
 * must never point an installed desk at a remote site.
 */
export function resolveRendererSource(input: { isPackaged: boolean; devServerUrl: string | undefined }): RendererSource {
  const devOrigin = input.isPackaged || !input.devServerUrl ? null : loopbackHttpOrigin(input.devServerUrl)
  if (input.devServerUrl !== undefined && devOrigin !== null) {
    return { kind: 'dev-server', url: input.devServerUrl, origin: devOrigin }
  }
  return { kind: 'app-protocol', url: APP_ENTRY_URL, origin: APP_ORIGIN }
}

function loopbackHttpOrigin(url: string): string | null {
  const origin = originOf(url)
  if (origin === null) return null
  const { protocol, hostname } = new URL(url)
  if (protocol !== 'http:' && protocol !== 'https:') return null
  return LOOPBACK_HOSTS.has(hostname) ? origin : null
}
