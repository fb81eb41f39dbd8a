import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { invalidate } from '../../cache.ts'
import { toArticleWrite } from '../../content/article-write.ts'
import type { AppEnv } from '../../context.ts'
import { loadArchivedBodies } from '../../bodies.ts'
import {
  editorArticleStatement,
  findArticleForEditor,
  listArticlesForEditorStatement,
  storyVersionsStatement,
  versionGuardStatement,
  writeArticlesStatements,
  type EditorArticleRow,
  type TranslationRow,
} from '../../db/articles.ts'
import { authorsBySlugsStatement } from '../../db/authors.ts'
import { auditStatement } from '../../db/editors.ts'
import { publicGroupingStatement } from '../../db/taxonomy.ts'
import { ApiError, fieldErrors, invalid, notFound, validationHook, type FieldError } from '../../errors.ts'
import { readCursor, toPage } from '../../lib/paging.ts'
import { requireRole } from '../../middleware/auth.ts'
import { toArticle, toArticleSummary, toTranslation } from '../../present/articles.ts'
import { ArticleWriteBody, EditorArticle, EditorArticlePage, EditorArticleQuery, StatusChange } from '../../schemas/admin.ts'
import { ArticleInput, type ArticleStatus } from '../../schemas/article.ts'
import { ArticleSlug } from '../../schemas/common.ts'
import { announceToPartners } from '../../syndication/events.ts'
import { announceToHub } from '../../syndication/websub.ts'
import { adminErrors, bearer, etagHeader, preconditionErrors } from './common.ts'

const params = z.object({ slug: ArticleSlug })
const editorArticle = { 'application/json': { schema: EditorArticle } }

const adminListArticlesRoute = createRoute({
  operationId: 'adminListArticles',
  method: 'get',
  path: '/v1/admin/articles',
  tags: ['Editorial'],
  summary: 'Articles in any state, most recently updated first',
  description:
    'Drafts, scheduled, published and unpublished articles, with their status and version; filter with `status`. Keyset-paginated.',
  security: bearer,
  middleware: [requireRole('editor')] as const,
  request: { query: EditorArticleQuery },
  responses: {
    200: { description: 'A page of articles.', content: { 'application/json': { schema: EditorArticlePage } } },
    ...adminErrors,
  },
})

const adminGetArticleRoute = createRoute({
  operationId: 'adminGetArticle',
  method: 'get',
  path: '/v1/admin/articles/{slug}',
  tags: ['Editorial'],
  summary: 'Preview an article in any state',
  description: 'The article as readers will see it, plus `status`, `version` and an ETag to send back as `If-Match` when editing.',
  security: bearer,
  middleware: [requireRole('editor')] as const,
  request: { params, query: z.object({}).strict() },
  responses: { 200: { description: 'The article and its ETag.', headers: etagHeader, content: editorArticle }, ...adminErrors },
})

const adminPutArticleRoute = createRoute({
  operationId: 'adminPutArticle',
  method: 'put',
  path: '/v1/admin/articles/{slug}',
  tags: ['Editorial'],
  summary: 'Create or replace an article',
  description:
    'Replacing needs `If-Match` with the current ETag (428 without it, 412 when someone else changed the article). ' +
    'Authors and the section must exist; unknown tags are created. A `correction` is appended to the public corrections. ' +
    "`translation_of` makes the article a version of another article's story (each version has its own slug, status and times; " +
    'the story has at most one version per language: another one in the same language is a 409); `null` takes it out.',
  security: bearer,
  middleware: [requireRole('editor')] as const,
  request: {
    params,
    headers: z.object({ 'if-match': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: ArticleWriteBody } } },
  },
  responses: {
    200: { description: 'Replaced.', headers: etagHeader, content: editorArticle },
    201: { description: 'Created.', headers: etagHeader, content: editorArticle },
    ...preconditionErrors,
    ...adminErrors,
  },
})

const adminChangeArticleStatusRoute = createRoute({
  operationId: 'adminChangeArticleStatus',
  method: 'patch',
  path: '/v1/admin/articles/{slug}',
  tags: ['Editorial'],
  summary: 'Publish now, schedule, unpublish or return to draft',
  description:
    'Moves the article to `published` (now or at `published_at`), `scheduled` (a future `published_at`), `unpublished` or `draft`. Send `If-Match` with the current ETag.',
  security: bearer,
  middleware: [requireRole('editor')] as const,
  request: {
    params,
    headers: z.object({ 'if-match': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: StatusChange } } },
  },
  responses: { 200: { description: 'The article.', headers: etagHeader, content: editorArticle }, ...preconditionErrors, ...adminErrors },
})

const adminDeleteArticleRoute = createRoute({
  operationId: 'adminDeleteArticle',
  method: 'delete',
  path: '/v1/admin/articles/{slug}',
  tags: ['Editorial'],
  summary: 'Unpublish an article (it stays as a tombstone for sync)',
  description: 'The article leaves the public API and feeds; the sync log records a delete. Send `If-Match` with the current ETag.',
  security: bearer,
  middleware: [requireRole('editor')] as const,
  request: { params, headers: z.object({ 'if-match': z.string().optional() }) },
  responses: { 204: { description: 'Unpublished.', headers: etagHeader }, ...preconditionErrors, ...adminErrors },
})

const etagOf = (row: { version: number }) => `"v${row.version}"`

/** The article as editors see and rewrite it, with its body even when archived (an R2 read then). */
async function articleForEditor(c: Context<AppEnv>, slug: string): Promise<EditorArticleRow | null> {
  const row = await findArticleForEditor(c.get('db'), slug)
  return row && (await loadArchivedBodies(c.env.BODIES, [row]))[0]!
}

function toEditorArticle(c: Context<AppEnv>, row: EditorArticleRow) {
  const siteUrl = c.get('site').url
  const versions: TranslationRow[] = JSON.parse(row.translations)
  return {
    ...toArticle(row, c.get('site')),
    translations: versions.map((t) => ({ ...toTranslation(t, siteUrl), status: t.status, published_at: t.published_at })),
    status: row.status,
    published_at: row.published_at,
    version: row.version,
    created_at: row.created_at,
  }
}

/** RFC 9110 §13.1.1: If-Match uses strong comparison; `*` matches any current representation. */
function checkIfMatch(ifMatch: string | undefined, current: EditorArticleRow | null, required: boolean) {
  if (ifMatch === undefined) {
    if (current && required) throw new ApiError(428, 'Send If-Match with the ETag of the version you edited.')
    return
  }
  const tags = ifMatch.split(',').map((tag) => tag.trim())
  if (!current || !tags.some((tag) => tag === '*' || tag === etagOf(current))) {
    throw new ApiError(412, 'The article has changed since you read it (or does not exist). Reload it and apply your edit again.')
  }
}

/** Writes an article as an editor: one batch with the version guard, the write and the audit entry. */
async function writeAsEditor(
  c: Context<AppEnv>,
  input: z.output<typeof ArticleInput> & { correction?: string },
  current: EditorArticleRow | null,
  action: string,
) {
  const db = c.get('db')
  const now = c.get('now')
  const editor = c.get('editor')
  try {
    await db.batch([
      versionGuardStatement(db, input.slug, current?.version ?? null),
      ...writeArticlesStatements(db, [toArticleWrite(input, now)], now),
      auditStatement(
        db,
        {
          actor: editor,
          action,
          type: 'article',
          slug: input.slug,
          before: current?.version ?? null,
          after: (current?.version ?? 0) + 1,
          requestId: c.get('requestId'),
        },
        now,
      ),
    ])
  } catch (error) {
    const after = await findArticleForEditor(db, input.slug)
    if ((after?.version ?? null) !== (current?.version ?? null)) {
      throw new ApiError(412, 'Someone else saved this article a moment ago. Reload it and apply your edit again.')
    }
    throw error
  }
  const stored = (await findArticleForEditor(db, input.slug))!
  // The other versions of the story, before and after, list this one (or no longer do).
  const versions = [current, stored].flatMap((row) => (row ? (JSON.parse(row.translations) as TranslationRow[]).map((t) => t.slug) : []))
  await invalidate(c.env.CACHE, db, { articles: [input.slug, ...versions] })
  await announce(c, input, current, now)
  await announceToPartners(c.env, db, [input.slug], { now, changed: true, correction: input.correction })
  c.header('etag', etagOf(stored))
  return toEditorArticle(c, stored)
}

/**
 * When a write publishes: the time it names, or, for `published` without one, the article's earlier
 * publication time if it was already out (a replaced article stays dated), else now. Never null for
 * a published article, which would be public to no query ("published into limbo").
 */
function publicationTime(input: { status: ArticleStatus; published_at: string | null }, current: EditorArticleRow | null, now: string) {
  if (input.status !== 'published' || input.published_at) return input.published_at
  return current?.published_at && current.published_at <= now ? current.published_at : now
}

const isPublic = (article: { status: string; published_at: string | null }, now: string) =>
  article.status === 'published' && article.published_at !== null && article.published_at <= now

/**
 * Tells the WebSub hub that the article's feeds changed: on publication, correction or
 * unpublication (a draft saved, or an article still scheduled, changes no feed).
 */
async function announce(
  c: Context<AppEnv>,
  input: z.output<typeof ArticleInput> & { correction?: string },
  before: EditorArticleRow | null,
  now: string,
) {
  const wasPublic = before !== null && isPublic(before, now)
  const nowPublic = isPublic(input, now)
  if (!wasPublic && !nowPublic) return
  await announceToHub(c.env, [input], !nowPublic ? 'unpublish' : input.correction ? 'correction' : 'publish', now)
}

/** The authors and the section an article names must exist (tags are created on the fly). */
function referenceErrors(input: { section: string; authors: string[] }, sectionFound: boolean, knownAuthors: Set<string>): FieldError[] {
  const errors: FieldError[] = []
  if (!sectionFound) errors.push({ field: 'section', in: 'body', detail: `no section has the slug '${input.section}'` })
  input.authors.forEach((slug, i) => {
    if (!knownAuthors.has(slug)) errors.push({ field: `authors.${i}`, in: 'body', detail: `no author has the slug '${slug}'` })
  })
  return errors
}

/** The article as an input again, with a new status: what PATCH and DELETE write. */
function withStatus(c: Context<AppEnv>, row: EditorArticleRow, status: ArticleStatus, publishedAt: string | null) {
  const article = toArticle(row, c.get('site'))
  const input = ArticleInput.safeParse({
    slug: row.slug,
    headline: article.headline,
    kind: article.kind,
    standfirst: article.standfirst,
    dateline: article.dateline,
    language: article.language,
    section: article.section.slug,
    tags: article.tags.map((tag) => tag.slug),
    authors: article.authors.map((author) => author.slug),
    image: article.image,
    body: article.body,
    status,
    published_at: publishedAt,
    // translation_of left out: the article stays in its story.
  })
  // Only content stored before a rule existed can fail here (an image without its size, say):
  // the editor is told what to fix, with a PUT of the whole article.
  if (!input.success) {
    const errors = fieldErrors(input.error, 'body').map((error) => ({
      ...error,
      detail: `${error.detail} (stored before this was required: PUT the article with it)`,
    }))
    throw invalid(errors)
  }
  return input.data
}

export const adminArticles = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(adminListArticlesRoute, async (c) => {
    const { status, limit, cursor } = c.req.valid('query')
    const db = c.get('db')
    const rows = await db.all<EditorArticleRow>(listArticlesForEditorStatement(db, status ?? null, limit + 1, readCursor(cursor, 'u')))
    const siteUrl = c.get('site').url
    const page = toPage(
      rows,
      limit,
      (row) => ({ k: 'u', v: row.updated_at, id: row.id }),
      (row) => ({ ...toArticleSummary(row, siteUrl), status: row.status, published_at: row.published_at, version: row.version }),
    )
    return c.json(page, 200)
  })
  .openapi(adminGetArticleRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const row = await articleForEditor(c, slug)
    if (!row) throw notFound(`No article has the slug '${slug}'.`)
    c.header('etag', etagOf(row))
    return c.json(toEditorArticle(c, row), 200)
  })
  .openapi(adminPutArticleRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const body = c.req.valid('json')
    const db = c.get('db')
    // The story this version will belong to: the one it joins, or else the one it is in.
    const story = body.translation_of ?? (body.translation_of === null ? null : slug)
    const [current, section, authors, versions] = await db.batch([
      editorArticleStatement(db, slug),
      publicGroupingStatement(db, 'section', body.section, c.get('now')),
      authorsBySlugsStatement(db, body.authors),
      storyVersionsStatement(db, story ?? slug),
    ])
    const existing = (current!.results[0] as EditorArticleRow | undefined) ?? null
    checkIfMatch(c.req.valid('header')['if-match'], existing, true)
    const known = new Set((authors!.results as { slug: string }[]).map((row) => row.slug))
    const errors = referenceErrors(body, section!.results.length > 0, known)
    const storyVersions = story === null ? [] : (versions!.results as { slug: string; language: string }[])
    if (body.translation_of === slug) errors.push({ field: 'translation_of', in: 'body', detail: 'names the article itself' })
    else if (body.translation_of && storyVersions.length === 0) {
      errors.push({ field: 'translation_of', in: 'body', detail: `no article has the slug '${body.translation_of}'` })
    }
    if (errors.length) throw invalid(errors)
    const taken = storyVersions.find((version) => version.slug !== slug && version.language === body.language)
    if (taken) {
      const field = body.translation_of ? 'translation_of' : 'language'
      throw new ApiError(409, `This story already has a version in '${body.language}': '${taken.slug}'.`, {
        errors: [{ field, in: 'body', detail: `the story already has a '${body.language}' version, '${taken.slug}'` }],
      })
    }
    const article = await writeAsEditor(
      c,
      { ...body, slug, published_at: publicationTime(body, existing, c.get('now')) },
      existing,
      existing ? 'article.replace' : 'article.create',
    )
    return c.json(article, existing ? 200 : 201)
  })
  .openapi(adminChangeArticleStatusRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const change = c.req.valid('json')
    const current = await articleForEditor(c, slug)
    if (!current) throw notFound(`No article has the slug '${slug}'.`)
    checkIfMatch(c.req.valid('header')['if-match'], current, false)
    const now = c.get('now')
    let publishedAt = current.published_at
    if (change.status === 'scheduled') {
      if (!change.published_at || change.published_at <= now) {
        throw invalid([{ field: 'published_at', in: 'body', detail: 'scheduling needs a publication time in the future' }])
      }
      publishedAt = change.published_at
    } else if (change.status === 'published') {
      // Publishing keeps an earlier publication time (a republished correction stays dated).
      publishedAt = publicationTime({ status: 'published', published_at: change.published_at ?? null }, current, now)
    } else if (change.published_at) {
      publishedAt = change.published_at
    }
    const article = await writeAsEditor(c, withStatus(c, current, change.status, publishedAt), current, `article.${change.status}`)
    return c.json(article, 200)
  })
  .openapi(adminDeleteArticleRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const current = await articleForEditor(c, slug)
    if (!current) throw notFound(`No article has the slug '${slug}'.`)
    checkIfMatch(c.req.valid('header')['if-match'], current, false)
    await writeAsEditor(c, withStatus(c, current, 'unpublished', current.published_at), current, 'article.delete')
    return c.body(null, 204)
  })
