import type { Session } from 'electron'
import { isAllowedOrigin } from './origin'

/**
 * Web permissions our own pages may use; every other request (camera, geolocation, notifications,
 * USB, …) is refused without asking. Electron grants everything by default (security checklist
 * item 5).
 *
 * - `clipboard-sanitized-write`: "Copy incident number" uses navigator.clipboard.writeText.
 */
const GRANTABLE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

export function isPermissionGranted(
  permission: string,
  requestingUrl: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  return GRANTABLE_PERMISSIONS.has(permission) && isAllowedOrigin(requestingUrl, allowedOrigins)
}

/** Installs the policy for both asynchronous requests and synchronous permission checks. */
export function applyPermissionPolicy(session: Session, allowedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, allowedOrigins))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, allowedOrigins),
  )
}
