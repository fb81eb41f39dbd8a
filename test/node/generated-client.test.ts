/**
 * What a client team does: generate types from the live /openapi.json with openapi-typescript,
 * write a small program with openapi-fetch, compile it with `tsc --strict`, and run it against
 * the Worker. The program leans on what the document promises (a problem's `type`, `caption` as
 * string-or-null, sync changes narrowed by `type`): if the document lies, it fails to compile or
 * the run fails.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorker, type RunningWorker } from './worker.ts'

const run = promisify(execFile)
const root = path.join(import.meta.dirname, '../..')

const PROGRAM = `
import createClient from 'openapi-fetch'
import type { components, paths } from './schema.ts'

type Problem = components['schemas']['Problem']
const client = createClient<paths>({ baseUrl: process.argv[2]! })
const out: Record<string, unknown> = {}

const first = await client.GET('/v1/articles', { params: { query: { limit: 2 } } })
if (!first.data) throw new Error('no first page')
out.first = first.data.data.map((article) => article.slug)
const cursor: string | null = first.data.next_cursor
if (cursor === null) throw new Error('no second page')
const second = await client.GET('/v1/articles', { params: { query: { limit: 2, cursor } } })
out.second = second.data?.data.map((article) => article.slug)

const slug = first.data.data[0]!.slug
const article = await client.GET('/v1/articles/{slug}', { params: { path: { slug } } })
if (!article.data) throw new Error('no article')
// Parts that fields=... can leave out are optional in the document: a client checks for them.
const caption: string | null = article.data.image ? article.data.image.caption : null
out.article = { headline: article.data.headline, words: article.data.word_count, caption }

const byline = article.data.authors?.[0]
if (!byline) throw new Error('no byline')
const author = await client.GET('/v1/authors/{slug}', { params: { path: { slug: byline.slug } } })
out.author = author.data?.name
const section = await client.GET('/v1/sections/{slug}', { params: { path: { slug: article.data.section.slug } } })
out.section = { name: section.data?.name, articles: section.data?.articles.data.length }

const missing = await client.GET('/v1/articles/{slug}', { params: { path: { slug: 'atlantis' } } })
const problem: Problem | undefined = missing.error
out.missing = { status: missing.response.status, type: problem?.type, detail: problem?.detail }

const signup = await client.POST('/v1/subscriptions', { body: { email: 'reader@example.org', consent: true, newsletters: ['daily'] } })
out.signup = { status: signup.response.status, body: signup.data }

const sync = await client.GET('/v1/sync', { params: { query: { limit: 500 } } })
const headlines: string[] = []
for (const change of sync.data?.changes ?? []) {
  // Narrowed by \`type\`: no cast needed to read an article's headline.
  if (change.type === 'article' && change.data) headlines.push(change.data.headline)
}
out.syncHeadlines = headlines.length

console.log(JSON.stringify(out))
`

let worker: RunningWorker
let dir: string

beforeAll(async () => {
  ;[worker, dir] = await Promise.all([startWorker(), mkdtemp(path.join(tmpdir(), 'generated-client-'))])
  // The program's imports (openapi-fetch) resolve from the project's node_modules.
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
}, 180_000)

afterAll(async () => {
  await worker?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('a client generated from the live document', () => {
  it('compiles with tsc --strict and lists, pages, reads, meets a problem and signs up', { timeout: 120_000 }, async () => {
    // openapi-typescript needs TypeScript 5's API: typescript5.mjs lends it the `typescript5` alias.
    await run(
      process.execPath,
      [
        '--import',
        path.join(import.meta.dirname, 'typescript5.mjs'),
        path.join(root, 'node_modules/openapi-typescript/bin/cli.js'),
        `${worker.url}/openapi.json`,
        '-o',
        path.join(dir, 'schema.ts'),
      ],
      { cwd: root },
    )
    await writeFile(path.join(dir, 'client.ts'), PROGRAM)
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2023',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          allowImportingTsExtensions: true,
          types: ['node'],
          typeRoots: [path.join(root, 'node_modules/@types')],
          skipLibCheck: true,
        },
        files: ['client.ts'],
      }),
    )
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }))
    const compiled = await run(path.join(root, 'node_modules/.bin/tsc'), ['--strict', '-p', dir]).catch((error) => error)
    expect(compiled.code ?? 0, `${compiled.stdout}${compiled.stderr}`).toBe(0)

    const { stdout } = await run(process.execPath, [path.join(dir, 'client.ts'), worker.url])
    const out = JSON.parse(stdout)
    expect(out.first).toHaveLength(2)
    expect(out.second).toHaveLength(2)
    expect(out.second).not.toContain(out.first[0])
    expect(out.article.words).toBeGreaterThan(0)
    expect(out.author).toBeTruthy()
    expect(out.section.articles).toBeGreaterThan(0)
    expect(out.missing).toMatchObject({ status: 404, type: `${worker.url}/problems/not-found` })
    expect(out.signup).toEqual({ status: 202, body: { status: 'pending' } })
    expect(out.syncHeadlines).toBeGreaterThan(0)
  })
})
