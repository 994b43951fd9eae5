import { runCli } from './cli/commands'
import { readConfig } from './config'
import { migrate } from './db/migrations'
import { openDatabase } from './db/open'

/** `tsx src-server/cli.ts <command>`: see cli/commands.ts for the commands. */
async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const config = readConfig()
  const database = await openDatabase(config.database)
  let code: number
  try {
    await migrate(database)
    code = await runCli(args, { database, print: (line) => process.stdout.write(`${line}\n`) })
  } finally {
    await database.close()
  }
  process.exit(code)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
