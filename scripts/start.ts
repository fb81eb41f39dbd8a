/**
 * `npm start`: one command from a fresh clone to a running API on http://localhost:8787.
 * Applies the D1 migrations to the local database, seeds the demo newspaper if the database has
 * no articles, then runs `wrangler dev`. Running it again is harmless: applied migrations are
 * skipped and existing content is left alone.
 */
import { spawn, spawnSync } from 'node:child_process'
import { persistArgs } from './local-db.ts'

const wrangler = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync('npx', ['wrangler', ...args], { stdio: 'inherit', env })

// CI=true: apply without the interactive "Ok to proceed?" prompt.
const migrated = wrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs], { ...process.env, CI: 'true' })
if (migrated.status !== 0) process.exit(migrated.status ?? 1)

const seeded = spawnSync(process.execPath, ['scripts/seed.ts'], { stdio: 'inherit' })
if (seeded.status !== 0) process.exit(seeded.status ?? 1)

const port = process.env.PORT ?? '8787'
// Links the API writes to itself (feeds, sitemaps, e-mails) come from API_URL: point it at this port.
const apiUrl = ['--var', `API_URL:http://localhost:${port}`]
const dev = spawn('npx', ['wrangler', 'dev', '--port', port, ...persistArgs, ...apiUrl, ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal))
dev.on('exit', (code) => process.exit(code ?? 0))
