import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import worker from '../src/index.ts'
import { expect } from 'vitest'
import { importContent, type ContentBundle } from '../src/content/import.ts'
import { Database } from '../src/db/client.ts'
import type { ArticleInput } from '../src/schemas/article.ts'
import { articles as demoArticles, authors, publication, sections, tags } from '../scripts/demo-content.ts'
import { demoBundle } from '../scripts/demo.ts'

export const BASE = 'http://api.test'

/** Calls the real Worker, as a client would. */
export function get(path: string, init?: RequestInit) {
  return exports.default.fetch(new Request(new URL(path, BASE), init))
}

export async function getJson<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await get(path, init)
  return { status: res.status, body: (await res.json()) as T, headers: res.headers }
}

/** Calls the Worker and waits for its background work (cache fills, logs) to finish. */
export async function call(path: string, init: RequestInit = {}, overrides: Record<string, unknown> = {}) {
  const ctx = createExecutionContext()
  const res = await worker.fetch(new Request(new URL(path, BASE), init), { ...env, ...overrides } as Env, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

export const ADMIN_TOKEN = 'bootstrap-admin-token-for-tests'

/** A public read as an editor makes it: built from D1, past the cache (X-Cache: BYPASS). */
export const uncached: RequestInit = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }

/** A JSON request to the admin API with a bearer token. */
export function asEditor(token: string, method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  }
}

/**
 * Follows next_cursor from the first page to the last, collecting the slugs; `page` finds the
 * page in a response (an author's profile embeds it under `articles`).
 */
export async function walkSlugs(
  path: string,
  { limit = 100, page = (body: any) => body }: { limit?: number; page?: (body: any) => any } = {},
): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 1000; pages++) {
    const sep = path.includes('?') ? '&' : '?'
    const url: string = `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`
    const res = await call(url)
    expect(res.status, url).toBe(200)
    const body = page(await res.json())
    seen.push(...body.data.map((item: any) => item.slug))
    cursor = body.next_cursor
    if (!cursor) return seen
  }
  throw new Error(`${path}: no last page after 1000 pages`)
}

/** Writes content through the data layer, failing loudly if any record is refused. */
export async function seed(bundle: ContentBundle, now?: string) {
  const report = await importContent(new Database(env.DB), bundle, { now, cache: env.CACHE })
  if (report.errors.length > 0) throw new Error(`seed refused: ${JSON.stringify(report.errors)}`)
  return report
}

/** The demo newspaper, as `npm start` seeds it, with times relative to now. */
export function seedDemo() {
  return seed(demoBundle(new Date()))
}

export const demo = { articles: demoArticles, authors, publication, sections, tags }

/** D1 round trips the request cost, from its Server-Timing header. */
export function d1Queries(res: { headers: Headers }): number {
  const match = res.headers.get('server-timing')?.match(/d1;[^,]*desc="(\d+) queries"/)
  if (!match) throw new Error(`no d1 entry in Server-Timing: ${res.headers.get('server-timing')}`)
  return Number(match[1])
}

let counter = 0

/** A valid published article, one hour old unless `published_at` says otherwise. */
export function article(overrides: Partial<ArticleInput> = {}): ArticleInput {
  counter += 1
  return {
    slug: `test-article-${counter}`,
    headline: `Test article ${counter}`,
    standfirst: 'A standfirst.',
    dateline: 'Brussels',
    section: 'europe',
    tags: ['diplomacy'],
    authors: ['test-author'],
    image: null,
    body: [{ type: 'paragraph', content: [{ text: 'Some body text.' }] }],
    status: 'published',
    published_at: new Date(Date.now() - 3_600_000).toISOString(),
    ...overrides,
  }
}

/** The minimum a test article needs to point at. */
export const basics: ContentBundle = {
  sections: [
    { slug: 'europe', name: 'Europe' },
    { slug: 'world', name: 'World' },
  ],
  tags: [{ slug: 'diplomacy', name: 'Diplomacy' }],
  authors: [
    { slug: 'test-author', name: 'Test Author' },
    { slug: 'second-author', name: 'Second Author' },
  ],
}

/** An article body as editors PUT it (no slug: it is in the path). */
export function editorDraft(overrides: Partial<ArticleInput> = {}): Omit<ArticleInput, 'slug'> {
  const { slug: _slug, ...body } = article(overrides)
  return body
}

/** Issues an editor token through the admin API, as an admin would. */
export async function issueEditorToken(name = 'Desk editor'): Promise<string> {
  const res = await call('/v1/admin/tokens', asEditor(ADMIN_TOKEN, 'POST', { name, role: 'editor' }))
  return ((await res.json()) as { token: string }).token
}

export const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()
