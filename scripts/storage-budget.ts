/**
 * What an article costs in D1, measured: a fresh SQLite file with the migrations applied, N of the
 * benchmark's generated articles written as the benchmark seeds them (the same triggers and indexes),
 * then SQLite's dbstat per table and index, before and after the archiver moves the bodies of
 * articles older than ARCHIVE_AFTER_DAYS to the body store (here a counter of the bytes R2 would
 * hold: the archiver's own code runs, only the bucket is not real).
 *   node scripts/storage-budget.ts --articles 100000 [--file /tmp/budget.sqlite]
 * The README's "Storage layout" figures come from this. D1 runs SQLite: page for page, the same file.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { importContent } from '../src/content/import.ts'
import { Database } from '../src/db/client.ts'
import { demoBundle } from './demo.ts'
import { seedGeneratedArticles } from './generate.ts'
import { openD1File } from './sqlite-d1.ts'

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '10000' }, file: { type: 'string', default: '/tmp/storage-budget.sqlite' } },
})
const count = Number(values.articles)
const file = values.file!
rmSync(file, { force: true })
const { d1, sqlite } = openD1File(file)
const migrations = path.join(import.meta.dirname, '..', 'migrations')
for (const name of readdirSync(migrations)
  .filter((f) => f.endsWith('.sql'))
  .sort())
  sqlite.exec(readFileSync(path.join(migrations, name), 'utf8'))

const db = new Database(d1)
const kv = {
  get: async () => null,
  put: async () => {},
  getWithMetadata: async () => ({ value: null, metadata: null }),
} as unknown as KVNamespace

const report = await importContent(db, demoBundle(new Date()), { cache: kv })
if (report.errors.length) throw new Error(JSON.stringify(report.errors))
// The generated articles as the benchmark seeds them (scripts/generate.ts: the same triggers and indexes).
await seedGeneratedArticles(file, count, (done) => process.stderr.write(`\rwritten ${done}/${count}`))
process.stderr.write('\n')
const now = Date.now()

function budget(label: string) {
  sqlite.exec('VACUUM')
  const articles = (sqlite.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
  const total = Number(
    (sqlite.prepare('SELECT page_count * page_size AS b FROM pragma_page_count(), pragma_page_size()').get() as { b: number }).b,
  )
  // FTS5's shadow tables (articles_fts_data, _idx, _docsize, _config...) count as the index.
  const rows = sqlite
    .prepare(
      `SELECT iif(name LIKE 'articles_fts%', 'articles_fts (all shadow tables)', name) AS name, sum(pgsize) AS bytes
         FROM dbstat GROUP BY 1 ORDER BY 2 DESC`,
    )
    .all() as { name: string; bytes: number }[]
  console.log(`\n${label}: ${articles} articles, ${(total / 1e6).toFixed(1)} MB, ${(total / articles).toFixed(0)} bytes per article`)
  console.log('| table or index | MB | bytes per article | share |\n|---|--:|--:|--:|')
  for (const row of rows.filter((r) => r.bytes / total >= 0.005)) {
    console.log(
      `| ${row.name} | ${(row.bytes / 1e6).toFixed(1)} | ${(row.bytes / articles).toFixed(0)} | ${((100 * row.bytes) / total).toFixed(1)}% |`,
    )
  }
  return total / articles
}

budget('All bodies in D1')
// The archiver, when this tree has one (the layout before migration 0010 has not).
const archiver = path.join(import.meta.dirname, '..', 'src', 'jobs', 'archive-bodies.ts')
if (readdirSync(path.dirname(archiver)).includes('archive-bodies.ts')) {
  const { archiveAllBodies } = await import(archiver)
  let r2Bytes = 0
  let objects = 0
  const bucket = {
    put: async (_key: string, body: string) => {
      r2Bytes += Buffer.byteLength(body)
      objects += 1
    },
  } as unknown as R2Bucket
  // The generated articles span count × 5 minutes back from now; a real archive of millions is
  // nearly all older than ARCHIVE_AFTER_DAYS (60 days of 300 articles a day is 1% of 2 million).
  // So: archive as if a year had passed, every body.
  const archived = await archiveAllBodies(db, bucket, new Date(now + 365 * 86_400_000))
  budget(
    `After archiving ${archived} bodies (${objects} objects, ${(r2Bytes / 1e6).toFixed(1)} MB, ${(r2Bytes / Math.max(objects, 1)).toFixed(0)} bytes each in R2)`,
  )
}
sqlite.close()
