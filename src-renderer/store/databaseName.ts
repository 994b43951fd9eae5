/**
 * The store's name on a desk that was not given another (tests and the bench use their own).
 * Its own module, so the page's first script can start the data worker on it without loading Dexie.
 */
export const DEFAULT_DATABASE_NAME = 'incident-desk'
