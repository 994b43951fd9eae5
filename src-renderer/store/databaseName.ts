/** The desk's IndexedDB database; its own module so the page can name it without loading Dexie. */
export const DEFAULT_DATABASE_NAME = 'incident-desk'
