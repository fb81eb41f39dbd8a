/**
 * `npm run bench`: the API's throughput and latency, as ratios to the runtime's own floor.
 *
 *   npm run bench                       10,000 generated articles (plus the demo newspaper)
 *   npm run bench -- --articles 100000  100,000
 *   npm run bench -- --duration 20      seconds per case (default 10, after a 3 s warm-up)
 *   npm run bench -- --out file.json    where to write the results (default bench/results/bench-<articles>.json)
 *   npm run bench -- --only hit         only the floor and the cases whose name contains "hit"
 *   npm run bench -- --articles 1000000 --seed-only   seed that archive and stop
 *
 * It builds the deployable bundle (`wrangler deploy --dry-run`), runs it in workerd through
 * Miniflare with local D1 and KV, beside a minimal "floor" Worker in the same runtime that answers
 * a fixed body of an article's size, and drives both with autocannon (10 connections). The seeded
 * database is kept in bench/.state/<articles> and reused by later runs. The D1 cases bypass the
 * cache as an editor (a token issued through the admin API). Then: uncached article reads alone
 * and beside a search-heavy client, and the storage budget of the database file (dbstat).
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
import { seedGeneratedArticles } from '../scripts/generate.ts'
import { localD1File } from '../scripts/sqlite-d1.ts'
import { build } from 'esbuild'
import { DatabaseSync } from 'node:sqlite'

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    out: { type: 'string' },
    only: { type: 'string' },
    'seed-only': { type: 'boolean', default: false },
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
const archiverPath = path.join(buildDir, 'archiver.js')
await build({
  entryPoints: [path.join(root, 'bench', 'archive-worker.ts')],
  outfile: archiverPath,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
})

// 2. A D1 with the migrations applied, seeded once per article count.
const state = path.join(root, 'bench', '.state', String(ARTICLES))
const seeded = existsSync(path.join(state, 'seeded'))
/** How long seeding took, in this run or the one that seeded the state. */
let seedSeconds: number | null = seeded
  ? (JSON.parse(readFileSync(path.join(state, 'seeded'), 'utf8').replace(/^[^{].*$/, 'null'))?.seconds ?? null)
  : null
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
const BENCH_ADMIN_TOKEN = 'bench-admin-token-local-only'

/** A Worker that answers a fixed body of an article's size: the runtime's own speed. */
function floorWorker(name: string, assets?: unknown) {
  return {
    name,
    modules: true,
    compatibilityDate: workerOptions.compatibilityDate,
    ...(assets ? { assets } : {}),
    script: `const body = ${JSON.stringify(FLOOR_BODY)};
      export default { fetch() { return new Response(body, { headers: { 'content-type': 'application/json' } }) } }`,
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
  }
}

function startRuntime() {
  // Miniflare 5 takes a new options shape; wrangler still describes Workers in the v4 one.
  return new Miniflare({
    ...convertV4MiniflareOptions({
      workers: [
        {
          ...workerOptions,
          // The bootstrap admin secret: it issues the editor token the D1 cases bypass the cache with.
          bindings: { ...(workerOptions.bindings as object | undefined), ADMIN_TOKEN: BENCH_ADMIN_TOKEN },
          modulesRules: undefined, // the bundle is one module
          name: 'newsroom',
          modules: true,
          modulesRoot: buildDir,
          scriptPath: bundlePath,
          unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
        },
        // Deployed the same way as the API (static assets, the Worker first): the platform's routing
        // in front of a Worker is part of the floor, not of what the API's code costs. (Locally it
        // is Miniflare's asset router, which halves a cache hit's throughput: the bare floor shows it.)
        floorWorker('floor', workerOptions.assets),
        floorWorker('floor-bare'),
        // The seeding's archiver (bench/archive-worker.ts): the API's D1 and R2, nothing else.
        {
          name: 'archiver',
          modules: true,
          compatibilityDate: workerOptions.compatibilityDate,
          scriptPath: archiverPath,
          d1Databases: workerOptions.d1Databases,
          r2Buckets: workerOptions.r2Buckets,
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
  // The demo newspaper (sections, authors, tags) through the Worker's own import...
  const { db, cache } = await storage(mf)
  const report = await importContent(db, demoBundle(new Date()), { cache })
  if (report.errors.length) throw new Error(JSON.stringify(report.errors))
  await mf.dispose()
  // ...then the generated articles straight into the database file, workerd being stopped.
  await seedGeneratedArticles(localD1File(state), ARTICLES, (done) => {
    const seconds = (performance.now() - started) / 1000
    process.stdout.write(`\rSeeding ${done}/${ARTICLES} articles, ${seconds.toFixed(0)} s, ${Math.round(done / seconds)}/s   `)
  })
  // ...and the layout the cron keeps: bodies older than ARCHIVE_AFTER_DAYS in the body store (R2).
  mf = startRuntime()
  const archiver = await mf.unsafeGetDirectURL('archiver')
  let archived = 0
  for (let done = -1; done !== 0; archived += done) {
    const res = await fetch(new URL('?rounds=20&size=250', archiver))
    if (!res.ok) throw new Error(`archiver: ${res.status} ${await res.text()}`)
    done = Number(await res.text())
    const seconds = (performance.now() - started) / 1000
    process.stdout.write(`\rArchived ${archived + done} bodies to R2, ${seconds.toFixed(0)} s   `)
  }
  seedSeconds = Math.round((performance.now() - started) / 1000)
  console.log(`\n${archived} bodies archived`)
  await mf.dispose()
  mkdirSync(state, { recursive: true })
  writeFileSync(path.join(state, 'seeded'), JSON.stringify({ at: new Date().toISOString(), seconds: seedSeconds }))
  console.log(`\nSeeded in ${seedSeconds} s`)
  if (values['seed-only']) process.exit(0)
  mf = startRuntime()
}
await mf.ready
const api = (await mf.unsafeGetDirectURL('newsroom')).toString().replace(/\/$/, '')
const floor = (await mf.unsafeGetDirectURL('floor')).toString().replace(/\/$/, '')
const floorBare = (await mf.unsafeGetDirectURL('floor-bare')).toString().replace(/\/$/, '')
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

// Only an editor may make the API skip its cache: every D1 case sends an editor token (issued
// by the bootstrap admin token) with `Cache-Control: no-cache`.
const issued = await fetch(`${api}/v1/admin/tokens`, {
  method: 'POST',
  headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'benchmark', role: 'editor' }),
})
if (issued.status !== 201) throw new Error(`could not issue an editor token: ${issued.status} ${await issued.text()}`)
const editorToken: string = ((await issued.json()) as { token: string }).token
let noCache: Record<string, string> = { 'cache-control': 'no-cache', authorization: `Bearer ${editorToken}` }
// (Before the API let editors bypass its cache, a Bearer token on a public route was taken for a
// partner key, and no-cache alone bypassed: then the cases bypass that way.)
if ((await fetch(`${api}/v1/articles?limit=1`, { headers: noCache })).status === 401) noCache = { 'cache-control': 'no-cache' }
const bypass = noCache.authorization ? 'editor token' : 'no-cache only'
// Two common words of the paper: the search must match at least 30 % of the archive.
const SEARCH = 'european commission'

interface Case {
  name: string
  url: string
  headers?: Record<string, string>
  expect?: number
}
const cases: Case[] = [
  { name: 'floor (fixed body, same runtime, deployed with static assets like the API)', url: `${floor}/` },
  { name: 'floor, bare (no static assets in front)', url: `${floorBare}/` },
  { name: 'article by slug, cache hit', url: `${api}/v1/articles/${slug}` },
  { name: 'article by slug, cache bypassed', url: `${api}/v1/articles/${slug}`, headers: noCache },
  { name: 'latest list, first page (cache hit)', url: `${api}/v1/articles?limit=20` },
  { name: 'latest list, first page (D1)', url: `${api}/v1/articles?limit=20`, headers: noCache },
  { name: 'latest list, 1,000 deep by cursor (D1)', url: `${api}/v1/articles?limit=20&cursor=${cursor}`, headers: noCache },
  { name: 'author profile (D1)', url: `${api}/v1/authors/${author}`, headers: noCache },
  { name: 'section page (D1)', url: `${api}/v1/sections/${section}`, headers: noCache },
  { name: `full-text search "${SEARCH}" (D1)`, url: `${api}/v1/articles?limit=20&q=${encodeURIComponent(SEARCH)}`, headers: noCache },
  { name: '304 revalidation', url: `${api}/v1/articles/${slug}`, headers: { 'if-none-match': etag }, expect: 304 },
]

function run(url: string, headers: Record<string, string>, duration: number, connections = CONNECTIONS) {
  return autocannon({ url, headers, connections, duration })
}

/** What one request of the case costs in D1, from its Server-Timing header: round trips, and the
 * time waiting for them. (Plain node:http: fetch() would add `Cache-Control: no-cache` to a
 * conditional request, as the Fetch spec says.) */
function d1CostOf(c: Case): Promise<{ queries: number; ms: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(c.url, { headers: c.headers }, (res) => {
        res.resume()
        const timing = String(res.headers['server-timing'] ?? '')
        const d1 = timing.match(/d1;dur=([\d.]+);desc="(\d+) queries"/)
        res.on('end', () => resolve({ queries: Number(d1?.[2] ?? 0), ms: Number(d1?.[1] ?? 0) }))
      })
      .on('error', reject)
  })
}

/** The median D1 cost of `n` requests of the case, one at a time (nothing else running). */
async function medianD1CostOf(c: Case, n = 21): Promise<{ queries: number; ms: number }> {
  const costs = []
  for (let i = 0; i < n; i++) costs.push(await d1CostOf(c))
  costs.sort((a, b) => a.ms - b.ms)
  return costs[n >> 1]!
}

const results = []
for (const c of cases.filter((c) => c.name.startsWith('floor') || !values.only || c.name.includes(values.only))) {
  process.stdout.write(`${c.name}... `)
  await run(c.url, c.headers ?? {}, WARMUP)
  const r = await run(c.url, c.headers ?? {}, DURATION)
  const answered = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx']
  const wrongStatus = answered - (c.expect === 304 ? r['3xx'] : r['2xx'])
  const cost = await medianD1CostOf(c)
  results.push({
    case: c.name,
    requests_per_second: r.requests.average,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors + r.timeouts + wrongStatus,
    d1_queries_per_request: cost.queries,
    d1_ms_per_request: cost.ms,
  })
  console.log(`${Math.round(r.requests.average)} req/s`)
}
// One slow client must not stall the others: uncached article reads (5 connections) alone, then
// beside a search-heavy client (5 connections, the common words, cache bypassed).
let contention = null
if (!values.only || 'contention'.includes(values.only)) {
  process.stdout.write('article reads beside a search load... ')
  const searchCase = cases.find((c) => c.name.startsWith('full-text search'))!
  const read = () => run(`${api}/v1/articles/${slug}`, noCache, DURATION, 5)
  await read()
  const alone = await read()
  const [beside, load] = await Promise.all([read(), run(searchCase.url, noCache, DURATION, 5)])
  contention = {
    article_p50_ms_alone: alone.latency.p50,
    article_p99_ms_alone: alone.latency.p99,
    article_p50_ms_with_search_load: beside.latency.p50,
    article_p99_ms_with_search_load: beside.latency.p99,
    p99_ratio: beside.latency.p99 / alone.latency.p99,
    search_requests_per_second: load.requests.average,
    search_p50_ms: load.latency.p50,
    errors: alone.errors + beside.errors + load.errors + alone.non2xx + beside.non2xx + load.non2xx,
  }
  console.log(`p99 ${contention.article_p99_ms_alone} ms alone, ${contention.article_p99_ms_with_search_load} ms with the search load`)
}
await mf.dispose()

// 5. The storage budget, from the database file: bytes per article, and each table's and index's
// share (SQLite's dbstat), with the workerd that used it stopped.
const sqlite = new DatabaseSync(localD1File(state), { readOnly: true })
const count = (sql: string, ...params: string[]) => Number((sqlite.prepare(sql).get(...params) as { n: number }).n)
const articlesInDb = count('SELECT count(*) AS n FROM articles')
const fileBytes = count('SELECT page_count * page_size AS n FROM pragma_page_count, pragma_page_size')
// Pages the archiver freed (bodies moved to R2) stay in the file until new rows reuse them, as
// they do in a live database; what the data takes is the pages in use.
const freeBytes = count('SELECT freelist_count * page_size AS n FROM pragma_freelist_count, pragma_page_size')
const dbBytes = fileBytes - freeBytes
const objects = sqlite.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as {
  name: string
  bytes: number
}[]
const searchMatches = count(
  'SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?',
  SEARCH.split(' ')
    .map((w) => `"${w}"`)
    .join(' AND '),
)
sqlite.close()
const storageBudget = {
  articles: articlesInDb,
  database_bytes: dbBytes,
  file_bytes: fileBytes,
  free_bytes: freeBytes,
  bytes_per_article: Math.round(dbBytes / articlesInDb),
  objects: objects.map((o) => ({
    name: o.name,
    bytes: o.bytes,
    share: Number((o.bytes / dbBytes).toFixed(4)),
    bytes_per_article: Math.round(o.bytes / articlesInDb),
  })),
}

// 4. The table.
const floorRps = results[0]!.requests_per_second
const rows = results.map((r) => ({ ...r, ratio_to_floor: r.requests_per_second / floorRps }))
const first = rows.find((r) => r.case.startsWith('latest list, first page (D1)'))
const deep = rows.find((r) => r.case.startsWith('latest list, 1,000 deep'))
const searchRow = rows.find((r) => r.case.startsWith('full-text search'))
const summary = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`,
  articles: ARTICLES,
  connections: CONNECTIONS,
  duration_seconds: DURATION,
  bundle_gzip_kib: Number(bundleGzipKiB.toFixed(1)),
  deep_vs_first_page_p50: first?.p50_ms && deep ? deep.p50_ms / first.p50_ms : null,
  search_vs_latest_d1_p50: first?.p50_ms && searchRow ? searchRow.p50_ms / first.p50_ms : null,
  search: { q: SEARCH, matches: searchMatches, share_of_articles: Number((searchMatches / articlesInDb).toFixed(3)) },
  seed_seconds: seedSeconds,
  cache_bypass: bypass,
  cases: rows,
  contention,
  storage: storageBudget,
}
mkdirSync(path.dirname(out), { recursive: true })
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`)

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
console.log(
  `Search "${SEARCH}" matches ${searchMatches} articles (${(summary.search.share_of_articles * 100).toFixed(0)} %); its p50 / latest list (D1) p50: ${summary.search_vs_latest_d1_p50?.toFixed(2)}`,
)
if (contention)
  console.log(
    `Article p99 (5 connections): ${contention.article_p99_ms_alone} ms alone, ${contention.article_p99_ms_with_search_load} ms beside 5 searching connections (× ${contention.p99_ratio.toFixed(2)})`,
  )
console.log(
  `Storage: ${(dbBytes / 2 ** 20).toFixed(0)} MiB in use (file ${(fileBytes / 2 ** 20).toFixed(0)} MiB) for ${articlesInDb} articles, ${storageBudget.bytes_per_article} bytes per article; largest: ${storageBudget.objects
    .slice(0, 5)
    .map((o) => `${o.name} ${(o.share * 100).toFixed(0)} %`)
    .join(', ')}`,
)
console.log(`Results written to ${path.relative(root, out)}`)
