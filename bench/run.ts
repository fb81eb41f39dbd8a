/**
 * `npm run bench`: the API's throughput and latency, as ratios to the runtime's own floor.
 *
 *   npm run bench                       10,000 generated articles (plus the demo newspaper)
 *   npm run bench -- --articles 100000  100,000
 *   npm run bench -- --duration 20      seconds per case (default 10, after a 3 s warm-up)
 *   npm run bench -- --out file.json    where to write the results (default bench/results/bench-<articles>.json)
 *   npm run bench -- --only hit         only the floor and the cases whose name contains "hit"
 *
 * It builds the deployable bundle (`wrangler deploy --dry-run`), runs it in workerd through
 * Miniflare with local D1 and KV, beside a minimal "floor" Worker in the same runtime that answers
 * a fixed body of an article's size, and drives both with autocannon (10 connections). The seeded
 * database is kept in bench/.state/<articles> and reused by later runs.
 */
import autocannon from 'autocannon'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import http from 'node:http'
import { gzipSync } from 'node:zlib'
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'
import { invalidate } from '../src/cache.ts'
import { importContent } from '../src/content/import.ts'
import { Database } from '../src/db/client.ts'
import { demoBundle } from '../scripts/demo.ts'
import { generateArticlesResumably } from '../scripts/generate.ts'
import { archiveAllBodies } from '../src/jobs/archive-bodies.ts'

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    out: { type: 'string' },
    only: { type: 'string' },
  },
})
const ARTICLES = Number(values.articles)
const DURATION = Number(values.duration)
const CONNECTIONS = Number(values.connections)
const WARMUP = 3
const root = path.join(import.meta.dirname, '..')
const out = values.out ?? path.join(root, 'bench', 'results', `bench-${ARTICLES}.json`)
const wrangler = path.join(root, 'node_modules', '.bin', 'wrangler')

// 1. The bundle wrangler would deploy, and its compressed size.
const buildDir = path.join(root, 'bench', '.build')
execFileSync(wrangler, ['deploy', '--dry-run', '--outdir', buildDir], { cwd: root, stdio: 'ignore' })
const bundlePath = path.join(buildDir, 'index.js')
const bundleGzipKiB = gzipSync(readFileSync(bundlePath), { level: 9 }).length / 1024

// 2. A D1 with the migrations applied, seeded once per article count.
const state = path.join(root, 'bench', '.state', String(ARTICLES))
const seeded = existsSync(path.join(state, 'seeded'))
execFileSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], {
  cwd: root,
  stdio: 'ignore',
  env: { ...process.env, CI: 'true' },
})

// The bindings, vars and flags of wrangler.toml, as Miniflare options. (Wrangler bundles its own
// Miniflare, whose option types differ in detail from the one installed here: hence the casts.)
const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(root, 'wrangler.toml')) as {
  workerOptions: Record<string, unknown> & { compatibilityDate?: string }
}
const FLOOR_BODY = JSON.stringify({ padding: 'x'.repeat(11_000) })

function startRuntime() {
  // Miniflare 5 takes a new options shape; wrangler still describes Workers in the v4 one.
  return new Miniflare({
    ...convertV4MiniflareOptions({
      workers: [
        {
          ...workerOptions,
          modulesRules: undefined, // the bundle is one module
          name: 'newsroom',
          modules: true,
          modulesRoot: buildDir,
          scriptPath: bundlePath,
          unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
        },
        {
          name: 'floor',
          modules: true,
          compatibilityDate: workerOptions.compatibilityDate,
          script: `const body = ${JSON.stringify(FLOOR_BODY)};
            export default { fetch() { return new Response(body, { headers: { 'content-type': 'application/json' } }) } }`,
          unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
        },
      ],
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
    // Where `wrangler d1 migrations apply --persist-to` put the database.
    resourcePersistencePath: path.join(state, 'v3'),
    log: new Log(process.env.BENCH_DEBUG ? LogLevel.DEBUG : LogLevel.WARN),
  })
}

async function storage(runtime: Miniflare) {
  const db = new Database((await runtime.getD1Database('DB', 'newsroom')) as unknown as D1Database)
  const cache = (await runtime.getKVNamespace('CACHE', 'newsroom')) as unknown as KVNamespace
  const bodies = (await runtime.getR2Bucket('BODIES', 'newsroom')) as unknown as R2Bucket
  return { db, cache, bodies }
}

let mf = startRuntime()
if (!seeded) {
  const started = performance.now()
  const { db, cache } = await storage(mf)
  const report = await importContent(db, demoBundle(new Date()), { cache })
  if (report.errors.length) throw new Error(JSON.stringify(report.errors))
  await generateArticlesResumably(
    async () => {
      // A fresh runtime for each attempt: the old one's proxy connection is gone.
      await mf.dispose().catch(() => {})
      mf = startRuntime()
      return { db: (await storage(mf)).db, close: async () => {} }
    },
    ARTICLES,
    (done) => process.stdout.write(`\rSeeding ${done}/${ARTICLES} articles`),
  )
  // The layout the cron keeps: bodies older than ARCHIVE_AFTER_DAYS in the body store (R2).
  const { db: seeded, bodies } = await storage(mf)
  await archiveAllBodies(seeded, bodies, new Date(), (done) => process.stdout.write(`\rArchived ${done} bodies`))
  mkdirSync(state, { recursive: true })
  writeFileSync(path.join(state, 'seeded'), new Date().toISOString())
  console.log(`\nSeeded in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}
await mf.ready
const api = (await mf.unsafeGetDirectURL('newsroom')).toString().replace(/\/$/, '')
const floor = (await mf.unsafeGetDirectURL('floor')).toString().replace(/\/$/, '')
const { db, cache } = await storage(mf)
await invalidate(cache, db, { everything: true })

// 3. The cases.
async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers })
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`)
  return { body: (await res.json()) as any, headers: res.headers }
}

const latest = await getJson(`${api}/v1/articles?limit=20`)
const slug: string = latest.body.data[0].slug
const author: string = latest.body.data[0].authors[0].slug
const section: string = latest.body.data[0].section.slug
// The cursor of the page that starts 1,000 articles down.
let cursor: string = latest.body.next_cursor
for (let page = 1; page < 50; page++) cursor = (await getJson(`${api}/v1/articles?limit=20&cursor=${cursor}`)).body.next_cursor
const article = await getJson(`${api}/v1/articles/${slug}`)
const etag = article.headers.get('etag')!
const noCache = { 'cache-control': 'no-cache' }

interface Case {
  name: string
  url: string
  headers?: Record<string, string>
  expect?: number
}
const cases: Case[] = [
  { name: 'floor (fixed body, same runtime)', url: `${floor}/` },
  { name: 'article by slug, cache hit', url: `${api}/v1/articles/${slug}` },
  { name: 'article by slug, cache bypassed', url: `${api}/v1/articles/${slug}`, headers: noCache },
  { name: 'latest list, first page (cache hit)', url: `${api}/v1/articles?limit=20` },
  { name: 'latest list, first page (D1)', url: `${api}/v1/articles?limit=20`, headers: noCache },
  { name: 'latest list, 1,000 deep by cursor (D1)', url: `${api}/v1/articles?limit=20&cursor=${cursor}`, headers: noCache },
  { name: 'author profile (D1)', url: `${api}/v1/authors/${author}`, headers: noCache },
  { name: 'section page (D1)', url: `${api}/v1/sections/${section}`, headers: noCache },
  { name: 'full-text search (D1)', url: `${api}/v1/articles?q=${encodeURIComponent('geneva talks')}`, headers: noCache },
  { name: '304 revalidation', url: `${api}/v1/articles/${slug}`, headers: { 'if-none-match': etag }, expect: 304 },
]

function run(url: string, headers: Record<string, string>, duration: number) {
  return autocannon({ url, headers, connections: CONNECTIONS, duration })
}

/** What one request of the case costs in D1, from its Server-Timing header. (Plain node:http:
 * fetch() would add `Cache-Control: no-cache` to a conditional request, as the Fetch spec says.) */
function d1QueriesOf(c: Case): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(c.url, { headers: c.headers }, (res) => {
        res.resume()
        const timing = String(res.headers['server-timing'] ?? '')
        res.on('end', () => resolve(Number(timing.match(/d1;[^,]*desc="(\d+) queries"/)?.[1] ?? 0)))
      })
      .on('error', reject)
  })
}

const results = []
for (const c of cases.filter((c, i) => i === 0 || !values.only || c.name.includes(values.only))) {
  process.stdout.write(`${c.name}... `)
  await run(c.url, c.headers ?? {}, WARMUP)
  const r = await run(c.url, c.headers ?? {}, DURATION)
  const answered = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx']
  const wrongStatus = answered - (c.expect === 304 ? r['3xx'] : r['2xx'])
  results.push({
    case: c.name,
    requests_per_second: r.requests.average,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors + r.timeouts + wrongStatus,
    d1_queries_per_request: await d1QueriesOf(c),
  })
  console.log(`${Math.round(r.requests.average)} req/s`)
}
await mf.dispose()

// 4. The table.
const floorRps = results[0]!.requests_per_second
const rows = results.map((r) => ({ ...r, ratio_to_floor: r.requests_per_second / floorRps }))
const first = rows.find((r) => r.case.startsWith('latest list, first page (D1)'))
const deep = rows.find((r) => r.case.startsWith('latest list, 1,000 deep'))
const summary = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`,
  articles: ARTICLES,
  connections: CONNECTIONS,
  duration_seconds: DURATION,
  bundle_gzip_kib: Number(bundleGzipKiB.toFixed(1)),
  deep_vs_first_page_p50: first?.p50_ms && deep ? deep.p50_ms / first.p50_ms : null,
  cases: rows,
}
mkdirSync(path.dirname(out), { recursive: true })
writeFileSync(out, JSON.stringify(summary, null, 2) + '\n')

const table = [
  '| case | req/s | p50 ms | p99 ms | errors | × floor | D1 queries/req |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.case} | ${Math.round(r.requests_per_second)} | ${r.p50_ms} | ${r.p99_ms} | ${r.errors} | ${r.ratio_to_floor.toFixed(2)} | ${r.d1_queries_per_request} |`,
  ),
]
console.log(`\n${summary.machine}; ${ARTICLES} articles; ${CONNECTIONS} connections; ${DURATION} s per case\n`)
console.log(table.join('\n'))
console.log(`\nBundle: ${summary.bundle_gzip_kib} KiB gzip. Deep page p50 / first page p50: ${summary.deep_vs_first_page_p50?.toFixed(2)}`)
console.log(`Results written to ${path.relative(root, out)}`)
