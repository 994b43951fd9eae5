/** The product name users see in the title bar, About dialog and installers. */
export const PRODUCT_NAME = 'Incident Desk'

/**
 * The folder under the OS app-data directory holding the desk's IndexedDB, session and backups.
 *
 * Fixed here rather than derived from package.json so a packaging change never moves (and so
 * "loses") a technician's unsynced incidents. Development builds get their own folder: a
 * developer's test events must never sit in the outbox of a real desk on the same machine.
 */
export function userDataFolderName(isPackaged: boolean): string {
  return isPackaged ? PRODUCT_NAME : `${PRODUCT_NAME} (development)`
}
