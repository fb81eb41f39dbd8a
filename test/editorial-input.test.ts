import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ConstraintError, Database, StorageError } from '../src/db/client.ts'
import { ADMIN_TOKEN, article, asEditor, basics, call, editorDraft, issueEditorToken, seed } from './helpers.ts'

const draft = (overrides: Record<string, unknown> = {}) => editorDraft(overrides)

let editorToken = ''

beforeAll(async () => {
  await seed(basics)
  editorToken = await issueEditorToken()
})

describe('publishing without a time', () => {
  it('publishes now when a PUT says published with published_at null, visible in the next public read', async () => {
    const before = Date.now()
    const res = await call('/v1/admin/articles/no-time', asEditor(editorToken, 'PUT', draft({ status: 'published', published_at: null })))
    expect(res.status).toBe(201)
    const stored = (await res.json()) as any
    expect(stored.status).toBe('published')
    expect(Date.parse(stored.published_at)).toBeGreaterThanOrEqual(before - 1000)
    expect(Date.parse(stored.published_at)).toBeLessThanOrEqual(Date.now())
    expect((await call('/v1/articles/no-time')).status).toBe(200)
  })

  it('keeps the first publication time when a published article is replaced without one', async () => {
    const first = (await (
      await call('/v1/admin/articles/dated', asEditor(editorToken, 'PUT', draft({ status: 'published', published_at: null })))
    ).json()) as any
    const again = await call(
      '/v1/admin/articles/dated',
      asEditor(editorToken, 'PUT', draft({ status: 'published', published_at: null, headline: 'Edited' }), { 'if-match': '"v1"' }),
    )
    expect(again.status).toBe(200)
    expect(((await again.json()) as any).published_at).toBe(first.published_at)
  })

  it('publishes now when an import says published without a time', async () => {
    await seed({ articles: [article({ slug: 'imported-no-time', status: 'published', published_at: null })] })
    expect((await call('/v1/articles/imported-no-time')).status).toBe(200)
  })
})

describe('the audit log', () => {
  it('names the credential that acted: a token named "bootstrap" is told apart from the ADMIN_TOKEN secret', async () => {
    const issued = (await (
      await call('/v1/admin/tokens', asEditor(ADMIN_TOKEN, 'POST', { name: 'bootstrap', role: 'editor' }))
    ).json()) as any
    await call('/v1/admin/articles/by-impostor', asEditor(issued.token, 'PUT', draft()))
    await call('/v1/admin/articles/by-secret', asEditor(ADMIN_TOKEN, 'PUT', draft()))
    const rows = await env.DB.prepare(
      "SELECT target_slug, actor, actor_token_id FROM audit_log WHERE target_slug IN ('by-impostor', 'by-secret') ORDER BY id",
    ).all()
    expect(rows.results).toEqual([
      { target_slug: 'by-impostor', actor: 'bootstrap', actor_token_id: issued.id },
      { target_slug: 'by-secret', actor: 'bootstrap', actor_token_id: null },
    ])
    const created = await env.DB.prepare("SELECT actor_token_id FROM audit_log WHERE action = 'token.create' AND target_slug = ?1")
      .bind(String(issued.id))
      .first()
    expect(created).toEqual({ actor_token_id: null })
  })
})

describe('editorial input errors are 4xx, outages 503', () => {
  it.each([
    ['tags', { tags: ['diplomacy', 'europe-talks', 'diplomacy'] }, 'tags.2'],
    ['authors', { authors: ['test-author', 'test-author'] }, 'authors.1'],
  ])('answers 400 naming the repeated entry when %s repeat', async (_, overrides, field) => {
    const res = await call('/v1/admin/articles/repeats', asEditor(editorToken, 'PUT', draft(overrides)))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(((await res.json()) as any).errors.map((e: any) => e.field)).toEqual([field])
  })

  it('answers 413 for an admin body over 1 MiB declared by Content-Length, before reading it', async () => {
    let pulled = 0
    const body = new ReadableStream({
      pull(controller) {
        pulled += 1
        controller.enqueue(new Uint8Array(64 * 1024).fill(32))
        if (pulled === 40) controller.close()
      },
    })
    const res = await call('/v1/admin/articles/huge', {
      method: 'PUT',
      body,
      headers: { authorization: `Bearer ${editorToken}`, 'content-type': 'application/json', 'content-length': String(40 * 64 * 1024) },
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(pulled).toBeLessThan(4)
  })

  it('answers 413 for a chunked admin body without Content-Length, reading no more than the limit', async () => {
    let sent = 0
    const body = new ReadableStream({
      pull(controller) {
        sent += 64 * 1024
        controller.enqueue(new Uint8Array(64 * 1024).fill(32))
        if (sent >= 5 * 1024 * 1024) controller.close()
      },
    })
    const res = await call('/v1/admin/articles/huge', {
      method: 'PUT',
      body,
      headers: { authorization: `Bearer ${editorToken}`, 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(sent).toBeLessThan(2 * 1024 * 1024)
  })

  it('still accepts a long read (a 400 KB body)', async () => {
    const paragraph = { type: 'paragraph', content: [{ text: 'word '.repeat(4000).trim() }] }
    const res = await call('/v1/admin/articles/long-read', asEditor(editorToken, 'PUT', draft({ body: Array(20).fill(paragraph) })))
    expect(res.status).toBe(201)
  })

  it('answers 400 naming authors, not 503, when an author is deleted between the check and the write', async () => {
    await call('/v1/admin/authors/fleeting', asEditor(ADMIN_TOKEN, 'PUT', { name: 'Fleeting Author' }))
    const original = env.DB.batch.bind(env.DB)
    let interfered = false
    const spy = vi.spyOn(env.DB, 'batch').mockImplementation(async (statements) => {
      // The write batch is the long one: the author goes just before it.
      if (!interfered && statements.length > 5) {
        interfered = true
        await env.DB.prepare("DELETE FROM authors WHERE slug = 'fleeting'").run()
      }
      return original(statements)
    })
    try {
      const res = await call('/v1/admin/articles/orphan', asEditor(editorToken, 'PUT', draft({ authors: ['fleeting'] })))
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(((await res.json()) as any).errors.map((e: any) => e.field)).toEqual(['authors'])
    } finally {
      spy.mockRestore()
    }
    expect((await call('/v1/admin/articles/orphan', asEditor(editorToken, 'GET'))).status).toBe(404)
  })

  it('answers 409, not 503, when a tag gets an article between the in-use check and the delete', async () => {
    await call('/v1/admin/tags/contested-tag', asEditor(ADMIN_TOKEN, 'PUT', { name: 'Contested' }))
    const original = env.DB.batch.bind(env.DB)
    let interfered = false
    const spy = vi.spyOn(env.DB, 'batch').mockImplementation(async (statements) => {
      // The delete's batch (after the in-use check): an editor tags an article just before it.
      if (!interfered && statements.length === 2) {
        interfered = true
        await call('/v1/admin/articles/tags-it', asEditor(editorToken, 'PUT', draft({ tags: ['contested-tag'] })))
      }
      return original(statements)
    })
    try {
      const res = await call('/v1/admin/tags/contested-tag', asEditor(ADMIN_TOKEN, 'DELETE'))
      expect(interfered).toBe(true)
      expect(res.status).toBe(409)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    } finally {
      spy.mockRestore()
    }
  })

  it('answers 503 with Retry-After only when D1 does not answer', async () => {
    const spy = vi.spyOn(env.DB, 'batch').mockRejectedValue(new Error('D1_ERROR: Network connection lost.'))
    try {
      const res = await call('/v1/admin/articles/unreachable', asEditor(editorToken, 'PUT', draft()))
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBeTruthy()
    } finally {
      spy.mockRestore()
    }
  })
})

describe('the data layer', () => {
  const now = new Date().toISOString()
  it.each([
    [
      'a taken slug',
      "INSERT INTO tags (slug, name, created_at, updated_at) VALUES ('diplomacy', 'Again', ?1, ?1)",
      'unique',
      ['tags.slug'],
    ],
    [
      'a missing section',
      "INSERT INTO articles (slug, headline, section_id, created_at, updated_at) VALUES ('x', 'X', NULL, ?1, ?1)",
      'not null',
      ['articles.section_id'],
    ],
    [
      'a reference to no row',
      "INSERT INTO articles (slug, headline, section_id, created_at, updated_at) VALUES ('z', 'Z', 999999, ?1, ?1)",
      'foreign key',
      [],
    ],
    [
      'a value a CHECK refuses',
      "INSERT INTO articles (slug, headline, section_id, status, created_at, updated_at) VALUES ('y', 'Y', 1, 'lost', ?1, ?1)",
      'check',
      [],
    ],
  ])('tells a refused write (%s) from an outage', async (_, sql, constraint, columns) => {
    const db = new Database(env.DB)
    const error = await db.run(db.prepare(sql).bind(now)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConstraintError)
    expect(error).not.toBeInstanceOf(StorageError)
    expect(error).toMatchObject({ constraint, columns })
  })
})
