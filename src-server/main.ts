import { buildServer } from './app'

const port = Number(process.env.PORT ?? 8787)
const host = process.env.HOST ?? '127.0.0.1'

const app = buildServer({ logger: true })
app.listen({ port, host }).catch((error: unknown) => {
  app.log.error(error)
  process.exit(1)
})
