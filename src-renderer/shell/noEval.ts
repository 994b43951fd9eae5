import { z } from 'zod'

/**
 * The page's policy allows no eval ('unsafe-eval' is absent, src-shared/web/securityHeaders.ts).
 * Zod probes for it on its first object parse (`Function('')`, to compile faster validators),
 * which the browser reports as a policy violation on every load. Jitless validation never
 * probes; the desk validates one command at a time, where compiling buys nothing. Imported
 * first by main.tsx, before anything parses.
 */
z.config({ jitless: true })
