/**
 * Imports content in the API's own input shapes (see src/content/import.ts) from a JSON file.
 *   npm run import -- content.json                 into the local D1 that `wrangler dev` uses
 *   npm run import -- content.json --remote https://api.example.org --token T
 *                                                  through the admin API of a deployed Worker
 *
 * The file is a bundle { publication?, sections?, tags?, authors?, articles? }, or a bare array of
 * articles. Bad records are reported and skipped; the rest are written. Every write is an upsert,
 * so running the same file again is safe.
 * Exit code: 0 everything written, 1 some records refused, 2 bad arguments or the import could not run.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { importContent, type BundlePart, type ContentBundle, type ImportReport } from '../src/content/import.ts'
import type { FieldError } from '../src/errors.ts'
import { ArticleInput } from '../src/schemas/article.ts'
import { AuthorInput } from '../src/schemas/author.ts'
import { PublicationInput } from '../src/schemas/publication.ts'
import { SectionInput, TagInput } from '../src/schemas/taxonomy.ts'

const USAGE = `Usage: npm run import -- <file.json> [--remote <base-url> --token <bearer-token>]

  <file.json>   { "publication"?, "sections"?, "tags"?, "authors"?, "articles"? } in the API's input
                shapes, or a bare array of articles
  --remote URL  write through the admin API of the Worker at URL instead of the local D1
  --token T     an admin token for --remote

Exit code: 0 everything written, 1 some records refused, 2 bad arguments or the import could not run.`

/** The order both modes write in: referenced things before the articles that name them. */
const PARTS: BundlePart[] = ['publication', 'sections', 'tags', 'authors', 'articles']
const SCHEMAS = { publication: PublicationInput, sections: SectionInput, tags: TagInput, authors: AuthorInput, articles: ArticleInput }

/** A refused record; `status` is the HTTP status when the admin API refused it. */
type Refusal = ImportReport['errors'][number] & { status?: number }
type Report = { written: ImportReport['written']; errors: Refusal[] }

/** A problem with the input or the invocation: reported in one line, exit code 2. */
class Fatal extends Error {}

const recordsOf = (bundle: ContentBundle, part: BundlePart): unknown[] =>
  part === 'publication' ? (bundle.publication === undefined ? [] : [bundle.publication]) : (bundle[part] ?? [])

async function readBundle(file: string): Promise<ContentBundle> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new Fatal(`Cannot read ${file}: ${(error as Error).message}`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new Fatal(`${file} is not valid JSON: ${(error as Error).message}`)
  }
  if (Array.isArray(data)) return { articles: data }
  if (typeof data !== 'object' || data === null) {
    throw new Fatal(`${file} must hold a JSON object { publication?, sections?, tags?, authors?, articles? } or an array of articles`)
  }
  for (const [key, value] of Object.entries(data)) {
    if (!PARTS.includes(key as BundlePart)) throw new Fatal(`${file}: unknown key "${key}" (expected ${PARTS.join(', ')})`)
    if (key !== 'publication' && !Array.isArray(value)) throw new Fatal(`${file}: "${key}" must be an array`)
  }
  return data as ContentBundle
}

async function localImport(bundle: ContentBundle): Promise<Report> {
  // Loaded here, not above: wrangler takes a while to load and remote mode does not need it.
  const { countArticles, openLocalStorage } = await import('./local-db.ts')
  const { db, cache, bodies, close } = await openLocalStorage()
  try {
    await countArticles(db).catch(() => {
      throw new Fatal('The local database has no tables yet: run `npm run db:migrate` first.')
    })
    // importContent reports progress per part, in PARTS order, for parts with at least one valid record.
    const parts = PARTS.filter((part) => recordsOf(bundle, part).some((record) => SCHEMAS[part].safeParse(record).success))
    let current = 0
    return await importContent(db, bundle, {
      cache,
      bodies,
      onProgress: (done, total) => {
        console.log(`Imported ${done}/${total} ${parts[current]}`)
        if (done === total) current += 1
      },
    })
  } finally {
    await close()
  }
}

async function remoteImport(bundle: ContentBundle, base: string, token: string): Promise<Report> {
  const report: Report = { written: { publication: 0, sections: 0, tags: 0, authors: 0, articles: 0 }, errors: [] }
  const root = base.replace(/\/+$/, '')

  async function send(method: 'GET' | 'PUT', path: string, body?: unknown, ifMatch?: string) {
    let res: Response
    try {
      res = await fetch(root + path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (error) {
      // Unreachable API: every other request would fail the same way. PUTs are upserts, so rerun later.
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message
      throw new Fatal(`Cannot reach ${root}: ${cause}`)
    }
    const text = await res.text()
    let json: { detail?: unknown; errors?: unknown } | null = null
    try {
      json = JSON.parse(text)
    } catch {}
    if (res.status === 401 || res.status === 403) {
      throw new Fatal(`The API refused the token (HTTP ${res.status}): ${json?.detail ?? text}`)
    }
    return { status: res.status, etag: res.headers.get('etag'), problem: json }
  }

  /** PUT an article, with If-Match when it exists; once more with a fresh ETag if it changed meanwhile. */
  async function putArticle(path: string, body: unknown) {
    for (let attempt = 1; ; attempt++) {
      const current = await send('GET', path)
      if (current.status !== 200 && current.status !== 404) return current
      const res = await send('PUT', path, body, (current.status === 200 && current.etag) || undefined)
      if ((res.status !== 412 && res.status !== 428) || attempt === 2) return res
    }
  }

  async function write(part: BundlePart, record: unknown, index: number) {
    let res: Awaited<ReturnType<typeof send>>
    let slug: string | undefined
    if (part === 'publication') {
      res = await send('PUT', '/v1/admin/publication', record)
    } else {
      const { slug: named, ...body } = (typeof record === 'object' && record !== null ? record : {}) as { slug?: unknown }
      slug = typeof named === 'string' ? named : undefined
      if (slug === undefined) {
        const detail =
          typeof record === 'object' && record !== null ? 'is required: it names the record in the URL' : 'the record is not a JSON object'
        report.errors.push({ part, index, errors: [{ field: 'slug', in: 'body', detail }] })
        return
      }
      const path = `/v1/admin/${part}/${encodeURIComponent(slug)}`
      res = part === 'articles' ? await putArticle(path, body) : await send('PUT', path, body)
    }
    if (res.status >= 200 && res.status < 300) {
      report.written[part] += 1
      return
    }
    const listed = Array.isArray(res.problem?.errors) && res.problem.errors.length > 0
    const errors: FieldError[] = listed
      ? (res.problem!.errors as FieldError[])
      : [{ field: '(record)', in: 'body', detail: typeof res.problem?.detail === 'string' ? res.problem.detail : 'refused' }]
    report.errors.push({ part, index, slug, status: res.status, errors })
  }

  for (const part of PARTS) {
    const records = recordsOf(bundle, part)
    let done = 0
    await eachConcurrently(records, 4, async (record, index) => {
      await write(part, record, index)
      done += 1
      if (done % 50 === 0 || done === records.length) console.log(`Imported ${done}/${records.length} ${part}`)
    })
  }
  return report
}

/** Runs `task` over `items`, at most `limit` at a time; stops starting new ones after a failure. */
async function eachConcurrently<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>) {
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++
      try {
        await task(items[index] as T, index)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

const NOUNS: Record<BundlePart, [string, string]> = {
  publication: ['the publication', 'the publication'],
  sections: ['section', 'sections'],
  tags: ['tag', 'tags'],
  authors: ['author', 'authors'],
  articles: ['article', 'articles'],
}
const counted = (n: number, [one, many]: [string, string]) => (one === many ? one : `${n} ${n === 1 ? one : many}`)

function printReport(report: Report) {
  const counts = PARTS.filter((part) => report.written[part] > 0).map((part) => counted(report.written[part], NOUNS[part]))
  const refused = report.errors.length
  const wrote = `Wrote ${counts.length > 0 ? counts.join(', ') : 'nothing'}`
  console.log(refused === 0 ? `${wrote}.` : `${wrote}; ${counted(refused, ['record', 'records'])} refused:`)
  const sorted = report.errors.toSorted((a, b) => PARTS.indexOf(a.part) - PARTS.indexOf(b.part) || a.index - b.index)
  for (const { part, index, slug, status, errors } of sorted) {
    const where = (part === 'publication' ? part : `${part}[${index}]`) + (slug === undefined ? '' : ` (slug ${JSON.stringify(slug)})`)
    const why = errors.map((e) => (e.field === '(record)' ? e.detail : `${e.field}: ${e.detail}`)).join('; ')
    console.log(`  ${where}: ${status === undefined ? '' : `HTTP ${status}: `}${why}`)
  }
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: { remote: { type: 'string' }; token: { type: 'string' } }; allowPositionals: true }>>
  try {
    parsed = parseArgs({ options: { remote: { type: 'string' }, token: { type: 'string' } }, allowPositionals: true })
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (positionals.length !== 1 || (values.remote === undefined) !== (values.token === undefined)) {
    console.error(USAGE)
    return 2
  }
  if (values.remote !== undefined && !URL.canParse(values.remote)) {
    console.error(`--remote must be a URL such as https://api.example.org, not ${values.remote}`)
    return 2
  }
  try {
    const bundle = await readBundle(positionals[0]!)
    const report = values.remote === undefined ? await localImport(bundle) : await remoteImport(bundle, values.remote, values.token!)
    printReport(report)
    return report.errors.length === 0 ? 0 : 1
  } catch (error) {
    console.error(error instanceof Fatal ? error.message : error)
    return 2
  }
}

process.exitCode = await main()
