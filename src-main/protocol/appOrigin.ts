/**
 * Where the packaged UI lives. A custom privileged scheme rather than file:// so the page gets
 * a real, narrow origin: 'self' in the CSP means only our files, fetch() cannot wander the
 * disk, and IPC handlers have one origin to trust (Electron security checklist, item 18).
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'incident-desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`
