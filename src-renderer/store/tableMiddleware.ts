import type { DBCore, DBCoreTable, Middleware } from 'dexie'

/**
 * A Dexie DBCore middleware that wraps some tables: `wrap` returns the wrapped table, or null to
 * leave it as it is. `level` places it among Dexie's own (observability is 0; higher runs first).
 */
export function tableMiddleware(name: string, level: number, wrap: (table: DBCoreTable, down: DBCore) => DBCoreTable | null): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name,
    level,
    create(down) {
      return {
        ...down,
        table(tableName) {
          const table = down.table(tableName)
          return wrap(table, down) ?? table
        },
      }
    },
  }
}
