/**
 * `npm run soak`: the API under a mixed, ordinary load for a few minutes, counting answers by
 * status. It must show no 5xx, no request left unanswered (30 s), and no uncaught error in the
 * server's log; it exits non-zero otherwise.
 *
 *   npm run soak                           3 minutes, 10 keep-alive connections
 *   npm run soak -- --duration 60          seconds of load
 *   npm run soak -- --articles 1000        generated articles beside the demo (default 1000)
 *   npm run soak -- --out file.json        where to write the counts (default bench/results/soak.json)
 *
 * It runs `npm start`'s server (scripts/start.ts: migrations, demo seed, `wrangler dev`) on its own
 * port and its own local state (.wrangler/soak), so a developer's database is left alone, with a
 * bootstrap admin token of its own. The load: articles by random slug (and some that do not
 * exist), lists with filters, feeds, sitemaps, searches, revalidations with If-None-Match, editors'
 * writes that invalidate the cache, editors' reads that bypass it, and clients that hang up in the
 * middle of a request. Each connection picks its next request at random, so many connections
 * often ask for one uncached URL at once: the case that once answered 500.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '180' },
    articles: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '10' },
    port: { type: 'string', default: '8795' },
    out: { type: 'string' },
  },
})
const DURATION_S = Number(values.duration)
const CONNECTIONS = Number(values.connections)
const PORT = Number(values.port)
const root = path.join(import.meta.dirname, '..')
const state = path.join(root, '.wrangler', 'soak')
const out = values.out ?? path.join(root, 'bench', 'results', 'soak.json')
const adminToken = randomBytes(24).toString('base64url')
const env = { ...process.env, NEWSROOM_STATE: state, PORT: String(PORT) }

// 1. The data: the migrations, the demo newspaper and, once, the generated articles.
const marker = path.join(state, `seeded-${values.articles}`)
if (!existsSync(marker)) {
  const wrangler = path.join(root, 'node_modules', '.bin', 'wrangler')
  const migrated = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], {
    cwd: root,
    env: { ...env, CI: 'true' },
    stdio: 'inherit',
  })
  if (migrated.status !== 0) process.exit(migrated.status ?? 1)
  const seeded = spawnSync(process.execPath, ['scripts/seed.ts', '--force', '--articles', values.articles!], {
    cwd: root,
    env,
    stdio: 'inherit',
  })
  if (seeded.status !== 0) process.exit(seeded.status ?? 1)
  writeFileSync(marker, new Date().toISOString())
}

// 2. The server, as `npm start` runs it; what it logs is kept to look for uncaught errors.
const server = spawn(process.execPath, ['scripts/start.ts', '--var', `ADMIN_TOKEN:${adminToken}`], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
})
let serverLog = ''
server.stdout.on('data', (chunk) => (serverLog += chunk))
server.stderr.on('data', (chunk) => (serverLog += chunk))
const stopServer = () => {
  try {
    process.kill(-server.pid!, 'SIGTERM')
  } catch {}
}
process.on('exit', stopServer)
process.on('SIGINT', () => process.exit(130))

const REQUEST_TIMEOUT_MS = 30_000
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })

interface Answer {
  status: number | 'hung up' | 'error' | 'timed out'
  body: string
  etag?: string
}

/** One request; `hangUpAfterMs` makes the client go away that long after sending it. */
function request(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string,
  hangUpAfterMs?: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port: PORT, method, path: url, headers, agent: hangUpAfterMs === undefined ? agent : undefined },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, body: text, etag: res.headers.etag }))
        res.on('error', () => resolve({ status: 'hung up', body: '' }))
      },
    )
    req.on('error', () => resolve({ status: hangUpAfterMs === undefined ? 'error' : 'hung up', body: '' }))
    if (hangUpAfterMs !== undefined) setTimeout(() => req.destroy(), hangUpAfterMs)
    // An answer that never comes is a failure too (a request left waiting on another's build).
    req.setTimeout(REQUEST_TIMEOUT_MS, () => {
      resolve({ status: 'timed out', body: '' })
      req.destroy()
    })
    req.end(body)
  })
}

async function waitForServer() {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if ((await request('GET', '/health')).status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`the server did not answer /health within 2 minutes:\n${serverLog.slice(-3000)}`)
}

await waitForServer()

// 3. What there is to ask for.
async function slugsOf(url: string): Promise<string[]> {
  const answer = await request('GET', url)
  if (answer.status !== 200) throw new Error(`${url}: ${answer.status} ${answer.body.slice(0, 300)}`)
  return (JSON.parse(answer.body) as { data: { slug: string }[] }).data.map((item) => item.slug)
}
const articles = [...(await slugsOf('/v1/articles?limit=100')), ...(await slugsOf('/v1/articles?limit=100&section=europe'))]
const authors = await slugsOf('/v1/authors?limit=100')
const sections = await slugsOf('/v1/sections')
const tags = await slugsOf('/v1/tags?limit=100')
const WORDS = [
  'geneva',
  'talks',
  'European',
  'Commission',
  'minister',
  'energy',
  'Brussels',
  'election',
  'budget',
  'climate',
  'trade',
  'sanctions',
]

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!
const etags = new Map<string, string>()
const editor = { authorization: `Bearer ${adminToken}` }

// The workload, by weight: what a news site's traffic looks like, plus its editors and its rude clients.
const MIX: [number, string, () => Promise<Answer>][] = [
  [30, 'article', () => get(`/v1/articles/${pick(articles)}`)],
  [3, 'missing article', () => get(`/v1/articles/no-such-story-${Math.floor(Math.random() * 50)}`)],
  [10, 'latest list', () => get(`/v1/articles?limit=${pick([10, 20, 50])}`)],
  [
    8,
    'filtered list',
    () => get(`/v1/articles?${pick([`section=${pick(sections)}`, `tag=${pick(tags)}`, `author=${pick(authors)}`])}&limit=20`),
  ],
  [6, 'profile or page', () => get(pick([`/v1/authors/${pick(authors)}`, `/v1/sections/${pick(sections)}`, `/v1/tags/${pick(tags)}`]))],
  [8, 'search', () => get(`/v1/articles?q=${encodeURIComponent(`${pick(WORDS)} ${pick(WORDS)}`)}&limit=10`)],
  [
    8,
    'feed',
    () =>
      get(
        pick([
          '/feeds/rss.xml',
          '/feeds/atom.xml',
          '/feeds/feed.json',
          `/feeds/sections/${pick(sections)}/rss.xml`,
          `/feeds/authors/${pick(authors)}/atom.xml`,
        ]),
      ),
  ],
  [3, 'sitemap', () => get(pick(['/sitemap.xml', '/sitemaps/news.xml', '/sitemaps/articles-1.xml']))],
  [8, 'revalidation', () => revalidate()],
  [2, "editor's read", () => request('GET', `/v1/articles/${pick(articles)}`, editor)],
  [2, "editor's write", () => write()],
  [
    6,
    'client hangs up',
    () =>
      request(
        'GET',
        pick([`/v1/articles/${pick(articles)}`, '/v1/articles?limit=20', '/feeds/rss.xml']),
        {},
        undefined,
        Math.random() * 20,
      ),
  ],
  [6, 'burst on one uncached URL', () => burst()],
]
const TOTAL_WEIGHT = MIX.reduce((sum, [weight]) => sum + weight, 0)

async function get(url: string): Promise<Answer> {
  const answer = await request('GET', url)
  if (answer.etag) etags.set(url, answer.etag)
  return answer
}

function revalidate(): Promise<Answer> {
  const [url, etag] = pick([...etags.entries()]) ?? ['/v1/articles', '""']
  return request('GET', url, { 'if-none-match': etag })
}

// An editor republishes a story at its own time: a write that makes every list and that article's
// page rebuild.
async function write(): Promise<Answer> {
  const slug = pick(articles)
  const current = await request('GET', `/v1/admin/articles/${slug}`, editor)
  if (current.status !== 200) return current
  const { published_at } = JSON.parse(current.body) as { published_at: string }
  // Another editor may have got there first: that is a 412, as it should be.
  const headers = { ...editor, 'content-type': 'application/json', 'if-match': current.etag ?? '*' }
  return request('PATCH', `/v1/admin/articles/${slug}`, headers, JSON.stringify({ status: 'published', published_at }))
}

// Five clients ask at once for a URL no one asked for before: one builds, the others wait for it.
async function burst(): Promise<Answer> {
  const url = `/v1/articles?limit=${20 + Math.floor(Math.random() * 80)}&section=${pick(sections)}`
  const answers = await Promise.all([request('GET', url, {}, undefined, 1), ...Array.from({ length: 4 }, () => request('GET', url))])
  for (const answer of answers.slice(1, -1)) count('burst on one uncached URL', answer)
  return answers.at(-1)!
}

// 4. The run.
const byStatus: Record<string, number> = {}
const byKind: Record<string, Record<string, number>> = {}
const failures: string[] = []
function count(kind: string, answer: Answer) {
  const status = String(answer.status)
  byStatus[status] = (byStatus[status] ?? 0) + 1
  const ofKind = byKind[kind] ?? {}
  byKind[kind] = ofKind
  ofKind[status] = (ofKind[status] ?? 0) + 1
  if (typeof answer.status === 'number' && answer.status >= 500 && failures.length < 20)
    failures.push(`${kind}: ${answer.status} ${answer.body.slice(0, 200)}`)
}

console.log(`Soaking http://127.0.0.1:${PORT} for ${DURATION_S} s with ${CONNECTIONS} connections...`)
const started = Date.now()
const end = started + DURATION_S * 1000
let requests = 0
await Promise.all(
  Array.from({ length: CONNECTIONS }, async () => {
    while (Date.now() < end) {
      let roll = Math.random() * TOTAL_WEIGHT
      const [, kind, run] =
        MIX.find(([weight]) => {
          roll -= weight
          return roll < 0
        }) ?? MIX[0]!
      count(kind, await run())
      requests += 1
    }
  }),
)
const seconds = (Date.now() - started) / 1000
agent.destroy()

const serverErrors = serverLog
  .split('\n')
  .filter((line) => /Uncaught|Cannot perform I\/O|\bERROR\b/.test(line) && !/Request\.cf|cf\.json|fetch the request\.cf/i.test(line))
const fivexx = Object.entries(byStatus)
  .filter(([status]) => status.startsWith('5'))
  .reduce((sum, [, n]) => sum + n, 0)
const failed = fivexx + (byStatus['timed out'] ?? 0) + (byStatus.error ?? 0)
const result = {
  when: new Date().toISOString(),
  seconds,
  connections: CONNECTIONS,
  requests,
  by_status: byStatus,
  by_kind: byKind,
  server_errors: serverErrors.length,
  fivexx,
  failed,
}
mkdirSync(path.dirname(out), { recursive: true })
writeFileSync(out, JSON.stringify(result, null, 2))

console.log(`\n${requests} requests in ${seconds.toFixed(0)} s (${(requests / seconds).toFixed(0)}/s)`)
console.log('By status:', JSON.stringify(byStatus))
for (const [kind, statuses] of Object.entries(byKind)) console.log(`  ${kind.padEnd(28)} ${JSON.stringify(statuses)}`)
console.log(`5xx: ${fivexx}; timed out or refused: ${failed - fivexx}; uncaught errors logged by the server: ${serverErrors.length}`)
for (const line of [...failures, ...serverErrors.slice(0, 10)]) console.log(`  ${line}`)
stopServer()
process.exit(failed === 0 && serverErrors.length === 0 ? 0 : 1)
