import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, article, asEditor, basics, call, seed } from './helpers.ts'

/** An article body as editors PUT it (no slug: it is in the path). */
function draft(overrides: Record<string, unknown> = {}) {
  const { slug: _slug, ...body } = article(overrides)
  return body
}

let editorToken = ''

beforeAll(async () => {
  await seed(basics)
  const res = await call('/v1/admin/tokens', asEditor(ADMIN_TOKEN, 'POST', { name: 'Desk editor', role: 'editor' }))
  editorToken = ((await res.json()) as any).token
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
    const first = (await (await call('/v1/admin/articles/dated', asEditor(editorToken, 'PUT', draft({ status: 'published', published_at: null })))).json()) as any
    const again = await call('/v1/admin/articles/dated', asEditor(editorToken, 'PUT', draft({ status: 'published', published_at: null, headline: 'Edited' }), { 'if-match': '"v1"' }))
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
    const issued = (await (await call('/v1/admin/tokens', asEditor(ADMIN_TOKEN, 'POST', { name: 'bootstrap', role: 'editor' }))).json()) as any
    await call('/v1/admin/articles/by-impostor', asEditor(issued.token, 'PUT', draft()))
    await call('/v1/admin/articles/by-secret', asEditor(ADMIN_TOKEN, 'PUT', draft()))
    const rows = await env.DB.prepare(
      "SELECT target_slug, actor, actor_token_id FROM audit_log WHERE target_slug IN ('by-impostor', 'by-secret') ORDER BY id",
    ).all()
    expect(rows.results).toEqual([
      { target_slug: 'by-impostor', actor: 'bootstrap', actor_token_id: issued.id },
      { target_slug: 'by-secret', actor: 'bootstrap', actor_token_id: null },
    ])
    const created = await env.DB.prepare("SELECT actor_token_id FROM audit_log WHERE action = 'token.create' AND target_slug = ?1").bind(String(issued.id)).first()
    expect(created).toEqual({ actor_token_id: null })
  })
})
