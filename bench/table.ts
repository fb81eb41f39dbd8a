/**
 * `node bench/table.ts`: the README's benchmark tables, from bench/results/bench-<articles>.json
 * (10,000, 100,000 and 1,000,000 articles, one run each), as Markdown.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

const SIZES = [10_000, 100_000, 1_000_000]
const D1_DATABASE_LIMIT = 10e9 // bytes, Workers Paid
const D1_FREE_LIMIT = 500e6

const results = SIZES.map((n) => {
  const file = path.join(import.meta.dirname, 'results', `bench-${n}.json`)
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
})
const runs = results.filter(Boolean)
const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`)
const sizes = SIZES.filter((_, i) => results[i])
const cell = (value: number | null | undefined, digits = 0) => (value === null || value === undefined ? '–' : value.toFixed(digits))

const names: string[] = runs[0].cases.map((c: any) => c.case)
const byName = (run: any, name: string) => run?.cases.find((c: any) => c.case === name)
console.log(
  `| case | ${sizes.map((n) => `p50 ms ${label(n)}`).join(' | ')} | ${sizes.map((n) => `× floor ${label(n)}`).join(' | ')} | D1 queries/req | p50 ${label(sizes.at(-1)!)} / ${label(sizes[0]!)} |`,
)
console.log(`| --- | ${sizes.map(() => '---:').join(' | ')} | ${sizes.map(() => '---:').join(' | ')} | ---: | ---: |`)
for (const name of names) {
  const rows = runs.map((run) => byName(run, name))
  const first = rows[0]
  const last = rows.at(-1)
  console.log(
    `| ${name} | ${rows.map((r) => cell(r?.p50_ms)).join(' | ')} | ${rows.map((r) => cell(r?.ratio_to_floor, 2)).join(' | ')} | ${rows.map((r) => r?.d1_queries_per_request ?? '–').join(' / ')} | ${first?.p50_ms ? cell(last.p50_ms / first.p50_ms, 2) : '–'} |`,
  )
}
console.log()
for (const [i, run] of runs.entries()) {
  const c = run.contention
  console.log(
    `- ${label(sizes[i]!)}: req/s floor ${Math.round(run.cases[0].requests_per_second)}; search "${run.search.q}" matches ${(run.search.share_of_articles * 100).toFixed(0)} % of the articles, its p50 is ${cell(run.search_vs_latest_d1_p50, 2)}× the uncached latest list's; deep page p50 / first page p50 ${cell(run.deep_vs_first_page_p50, 2)}` +
      (c
        ? `; article p99 (5 connections) ${c.article_p99_ms_alone} ms alone, ${c.article_p99_ms_with_search_load} ms beside 5 searching connections (× ${cell(c.p99_ratio, 2)})`
        : '') +
      (run.seed_seconds ? `; seeded in ${run.seed_seconds} s` : '') +
      '.',
  )
}
console.log()
// The storage budget: bytes per article, with the largest tables and indexes.
const top = runs
  .at(-1)
  .storage.objects.slice(0, 12)
  .map((o: any) => o.name)
console.log(`| table or index | ${sizes.map((n) => `bytes/article ${label(n)}`).join(' | ')} | share ${label(sizes.at(-1)!)} |`)
console.log(`| --- | ${sizes.map(() => '---:').join(' | ')} | ---: |`)
for (const name of top) {
  const objects = runs.map((run) => run.storage.objects.find((o: any) => o.name === name))
  console.log(`| ${name} | ${objects.map((o: any) => cell(o?.bytes_per_article)).join(' | ')} | ${cell(objects.at(-1).share * 100, 1)} % |`)
}
console.log(
  `| **whole database** | ${runs.map((run) => run.storage.bytes_per_article).join(' | ')} | ${(runs.at(-1).storage.database_bytes / 2 ** 30).toFixed(2)} GiB |`,
)
const perArticle = runs.at(-1).storage.bytes_per_article
console.log()
console.log(
  `At ${perArticle} bytes per article: 10 GB (Workers Paid) is full at about ${Math.round(D1_DATABASE_LIMIT / perArticle).toLocaleString('en')} articles, 500 MB (free plan) at about ${Math.round(D1_FREE_LIMIT / perArticle).toLocaleString('en')}.`,
)
