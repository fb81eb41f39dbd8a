import { execFile } from 'node:child_process'
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { fieldErrors } from '../../src/errors.ts'
import { ArticleInput } from '../../src/schemas/article.ts'
import { AuthorInput } from '../../src/schemas/author.ts'
import { PublicationInput } from '../../src/schemas/publication.ts'
import { SectionInput, TagInput } from '../../src/schemas/taxonomy.ts'

const root = path.join(import.meta.dirname, '../..')
const script = path.join(root, 'scripts/import.ts')
const fixture = path.join(root, 'test/fixtures/import-bundle.json')

/** Runs the importer as `npm run import` would, and never rejects: the exit code is part of the result. */
function runImport(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

interface Recorded {
  method: string
  path: string
  authorization: string | undefined
  ifMatch: string | undefined
  body: Record<string, unknown> | undefined
}

/**
 * A stand-in for the admin API: validates bodies with the API's own schemas, keeps articles with
 * a version, and once answers 412 for `import-existing-article` as if an editor had just saved it.
 */
function fakeAdminApi() {
  const requests: Recorded[] = []
  const articles = new Map<string, number>([['import-existing-article', 1]])
  let raced = false
  const schemas: Record<string, z.ZodType> = {
    sections: SectionInput.omit({ slug: true }),
    tags: TagInput.omit({ slug: true }),
    authors: AuthorInput.omit({ slug: true }),
    articles: ArticleInput.omit({ slug: true }),
  }

  const problem = (res: ServerResponse, status: number, detail: string, errors?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/problem+json' })
    res.end(JSON.stringify({ type: 'about:blank', title: 'Error', status, detail, request_id: 'test', ...(errors ? { errors } : {}) }))
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let text = ''
    for await (const chunk of req) text += chunk
    const body = text ? JSON.parse(text) : undefined
    const url = new URL(req.url!, 'http://x')
    const ifMatch = req.headers['if-match']
    requests.push({ method: req.method!, path: url.pathname, authorization: req.headers.authorization, ifMatch, body })
    if (req.headers.authorization !== 'Bearer t') return problem(res, 401, 'Send an admin token.')

    const [, kind, slug] = url.pathname.match(/^\/v1\/admin\/(\w+)(?:\/([^/]+))?$/) ?? []
    const schema = kind === 'publication' ? PublicationInput : schemas[kind ?? '']
    if (!schema) return problem(res, 404, 'No such route.')
    const version = slug ? articles.get(slug) : undefined
    if (req.method === 'GET' && kind === 'articles') {
      if (version === undefined) return problem(res, 404, 'No such article.')
      res.writeHead(200, { 'content-type': 'application/json', etag: `"v${version}"` })
      return res.end('{}')
    }
    if (req.method !== 'PUT') return problem(res, 405, 'Method not allowed.')
    const parsed = schema.safeParse(body)
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, 'body')
      return problem(res, 400, errors.map((e) => `${e.field}: ${e.detail}`).join('; '), errors)
    }
    if (kind === 'articles' && slug) {
      if (version !== undefined && !ifMatch) return problem(res, 428, 'Send If-Match.')
      if (slug === 'import-existing-article' && !raced) {
        raced = true
        articles.set(slug, version! + 1)
        return problem(res, 412, 'Someone else changed the article.')
      }
      if (version !== undefined && ifMatch !== `"v${version}"`) return problem(res, 412, 'Someone else changed the article.')
      articles.set(slug, (version ?? 0) + 1)
      res.writeHead(version === undefined ? 201 : 200, { 'content-type': 'application/json', etag: `"v${(version ?? 0) + 1}"` })
      return res.end('{}')
    }
    res.writeHead(201, { 'content-type': 'application/json' })
    res.end('{}')
  }

  const server = createServer((req, res) => void handle(req, res).catch((error) => problem(res, 500, String(error))))
  return { server, requests }
}

describe('npm run import -- --remote', () => {
  const api = fakeAdminApi()
  let base = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => api.server.close(() => resolve())))

  it('writes every good record through the admin API and reports the bad one', { timeout: 30_000 }, async () => {
    const result = await runImport(['--remote', base, '--token', 't', fixture])
    expect(result.code, result.stderr).toBe(1)

    const puts = api.requests.filter((r) => r.method === 'PUT')
    for (const request of api.requests) expect(request.authorization).toBe('Bearer t')
    for (const put of puts) expect(put.body).not.toHaveProperty('slug')
    // In order: what articles refer to first.
    expect(puts.slice(0, 4).map((r) => r.path)).toEqual([
      '/v1/admin/publication',
      '/v1/admin/sections/import-europe',
      '/v1/admin/tags/import-diplomacy',
      '/v1/admin/authors/import-ada-varga',
    ])
    expect(puts[1]!.body).toEqual({ name: 'Europe (import test)', position: 7 })
    // A new article: GET 404, then PUT without If-Match.
    const fresh = api.requests.filter((r) => r.path === '/v1/admin/articles/import-talks-resume')
    expect(fresh.map((r) => [r.method, r.ifMatch])).toEqual([
      ['GET', undefined],
      ['PUT', undefined],
    ])
    // An existing one: PUT with its ETag; after a 412, read the new ETag and try once more.
    const existing = api.requests.filter((r) => r.path === '/v1/admin/articles/import-existing-article')
    expect(existing.map((r) => [r.method, r.ifMatch])).toEqual([
      ['GET', undefined],
      ['PUT', '"v1"'],
      ['GET', undefined],
      ['PUT', '"v2"'],
    ])

    expect(result.stdout).toContain('Imported 3/3 articles')
    expect(result.stdout).toContain('Wrote the publication, 1 section, 1 tag, 1 author, 2 articles; 1 record refused:')
    expect(result.stdout).toMatch(/articles\[1\] \(slug "import-no-headline"\): HTTP 400: headline: Too small/)
  })

  it('stops with exit code 2 when the token is refused', { timeout: 30_000 }, async () => {
    const result = await runImport(['--remote', base, '--token', 'wrong', fixture])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('The API refused the token (HTTP 401)')
  })
})

describe('npm run import (arguments and input)', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'import-args-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('prints the usage without a file', async () => {
    const result = await runImport([])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Usage: npm run import -- <file.json>')
  })

  it('refuses --remote without --token', async () => {
    const result = await runImport(['--remote', 'http://127.0.0.1:1', fixture])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Usage:')
  })

  it('refuses a file that is not JSON, or not a bundle', async () => {
    const cases = { 'broken.json': '{"articles": [', 'number.json': '42', 'typo.json': '{"article": []}' }
    for (const [name, text] of Object.entries(cases)) {
      await writeFile(path.join(dir, name), text)
      const result = await runImport([path.join(dir, name)])
      expect(result.code, name).toBe(2)
      expect(result.stderr, name).toContain(name)
    }
  })
})

describe('npm run import (local D1)', () => {
  // A scratch project: wrangler.toml and the migrations in a temp directory, whose own
  // .wrangler/state the platform proxy opens (it resolves the state against the working directory).
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'import-local-'))
    await cp(path.join(root, 'wrangler.toml'), path.join(dir, 'wrangler.toml'))
    await cp(path.join(root, 'migrations'), path.join(dir, 'migrations'), { recursive: true })
    await wrangler(['d1', 'migrations', 'apply', 'DB', '--local'])
  }, 60_000)
  afterAll(() => rm(dir, { recursive: true, force: true }))

  function wrangler(args: string[]): Promise<string> {
    return new Promise((resolve, reject) =>
      execFile(
        path.join(root, 'node_modules/.bin/wrangler'),
        args,
        { cwd: dir, env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' } },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
      ),
    )
  }

  it('writes the good records into the local D1 and reports the bad one', { timeout: 60_000 }, async () => {
    const result = await runImport([fixture], dir)
    expect(result.code, result.stderr).toBe(1)
    expect(result.stdout).toContain('Imported 2/2 articles')
    expect(result.stdout).toContain('Wrote the publication, 1 section, 1 tag, 1 author, 2 articles; 1 record refused:')
    expect(result.stdout).toMatch(/articles\[1\] \(slug "import-no-headline"\): headline: Too small/)

    const out = await wrangler(['d1', 'execute', 'DB', '--local', '--json', '--command', 'SELECT slug FROM articles ORDER BY slug'])
    const rows = (JSON.parse(out) as { results: { slug: string }[] }[])[0]!.results
    expect(rows.map((r) => r.slug)).toEqual(['import-existing-article', 'import-talks-resume'])
  })
})
