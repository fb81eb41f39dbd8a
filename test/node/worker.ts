/**
 * The real Worker for node tests: `wrangler dev` on a free local port, with its own D1 and KV in a
 * temporary folder (migrated, then seeded with the demo newspaper through the data layer, as
 * `npm start` does), and the static assets of wrangler.toml. `stop()` ends it and removes the folder.
 */
import { readD1Migrations } from '@cloudflare/vitest-plugin'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { getPlatformProxy } from 'wrangler'
import { importContent } from '../../src/content/import.ts'
import { Database } from '../../src/db/client.ts'
import { demoBundle } from '../../scripts/demo.ts'

const root = path.join(import.meta.dirname, '../..')
const wrangler = path.join(root, 'node_modules/.bin/wrangler')
const quiet = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG: 'warn' }

/**
 * Partner webhooks: a fixed AES-GCM key for their signing secrets (test only), and WEBHOOK_DEV so
 * that endpoints on http://localhost (a receiver in the test) may be registered.
 */
const syndicationVars = ['--var', `WEBHOOK_ENCRYPTION_KEY:${Buffer.alloc(32, 7).toString('base64')}`, '--var', 'WEBHOOK_DEV:true']

/** The bootstrap admin token the test Worker accepts. */
export const ADMIN_TOKEN = 'bootstrap-admin-token-for-node-tests'

export interface RunningWorker {
  /** The Worker's origin, e.g. http://127.0.0.1:40123 */
  url: string
  stop(): Promise<void>
}

/** A port nothing listens on now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/** Starts the Worker; `seed: false` leaves its database empty (migrated only). */
export async function startWorker({ seed = true }: { seed?: boolean } = {}): Promise<RunningWorker> {
  const state = await mkdtemp(path.join(tmpdir(), 'newsroom-worker-'))
  // Migrations and demo content through one platform proxy (a wrangler CLI run per step would
  // cost seconds each): the same local D1 files that `wrangler dev --persist-to` then opens.
  const proxy = await getPlatformProxy<Env>({
    configPath: path.join(root, 'wrangler.toml'),
    persist: { path: path.join(state, 'v3') },
    remoteBindings: false,
  })
  try {
    for (const migration of await readD1Migrations(path.join(root, 'migrations'))) {
      await proxy.env.DB.batch(migration.queries.map((query) => proxy.env.DB.prepare(query)))
    }
    if (seed) {
      const report = await importContent(new Database(proxy.env.DB), demoBundle(new Date()), { cache: proxy.env.CACHE })
      if (report.errors.length > 0) throw new Error(`demo content refused: ${JSON.stringify(report.errors)}`)
    }
  } finally {
    await proxy.dispose()
  }
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(
    wrangler,
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      state,
      '--var',
      `API_URL:${url}`,
      '--var',
      `ADMIN_TOKEN:${ADMIN_TOKEN}`,
      ...syndicationVars,
      '--show-interactive-dev-session=false',
    ],
    { cwd: root, env: quiet, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      // wrangler dev runs workerd as a child: end the whole process group this test started.
      process.kill(-child.pid!, 'SIGTERM')
      await exited
    }
    await rm(state, { recursive: true, force: true })
  }
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) break
    const ok = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    )
    if (ok) return { url, stop }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  await stop()
  throw new Error(`wrangler dev did not start:\n${output}`)
}
