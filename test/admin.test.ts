import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ADMIN_TOKEN, asEditor, basics, call, editorDraft, hoursAgo, issueEditorToken, seed } from './helpers.ts'

const draft = (overrides: Record<string, unknown> = {}) => editorDraft({ status: 'published', published_at: hoursAgo(1), ...overrides })

let editorToken = ''

beforeAll(async () => {
  await seed(basics)
  editorToken = await issueEditorToken()
})

describe('authentication', () => {
  it.each([
    ['no token', {}],
    ['a malformed header', { authorization: 'Token abc' }],
    ['an unknown token', { authorization: 'Bearer this-token-was-never-issued-1234' }],
  ])('answers 401 with a Bearer challenge for %s', async (_, headers) => {
    const res = await call('/v1/admin/articles', { headers })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('answers 403 when an editor token asks for an admin route', async () => {
    const res = await call('/v1/admin/tokens', { headers: { authorization: `Bearer ${editorToken}` } })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('issues a token once, keeps only its hash, and stops accepting it when revoked', async () => {
    const issued = await call('/v1/admin/tokens', asEditor(ADMIN_TOKEN, 'POST', { name: 'Night desk', role: 'editor' }))
    expect(issued.status).toBe(201)
    const { id, token } = (await issued.json()) as any
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const stored = await env.DB.prepare('SELECT token_hash FROM editor_tokens WHERE id = ?1').bind(id).first<{ token_hash: string }>()
    expect(stored!.token_hash).not.toBe(token)
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/)
    const list = (await (await call('/v1/admin/tokens', asEditor(ADMIN_TOKEN, 'GET'))).json()) as any
    expect(JSON.stringify(list)).not.toContain(token)

    expect((await call('/v1/admin/articles', asEditor(token, 'GET'))).status).toBe(200)
    expect((await call(`/v1/admin/tokens/${id}`, asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(204)
    expect((await call('/v1/admin/articles', asEditor(token, 'GET'))).status).toBe(401)
    const audit = await env.DB.prepare("SELECT actor, action FROM audit_log WHERE target_type = 'token' AND target_slug = ?1 ORDER BY id")
      .bind(String(id))
      .all()
    expect(audit.results).toEqual([
      { actor: 'bootstrap', action: 'token.create' },
      { actor: 'bootstrap', action: 'token.revoke' },
    ])
  })
})

describe('tokens and partner keys, written with their audit entries', () => {
  /** Makes every audit insert fail inside D1 (its table is not there), as a failing write would. */
  function breakAuditInserts() {
    const prepare = env.DB.prepare.bind(env.DB)
    return vi
      .spyOn(env.DB, 'prepare')
      .mockImplementation((sql: string) => prepare(sql.replace(/INSERT INTO audit_log\b/, 'INSERT INTO audit_log_unwritable')))
  }
  const auditOf = (type: string, id: number) =>
    env.DB.prepare('SELECT actor, action FROM audit_log WHERE target_type = ?1 AND target_slug = ?2 ORDER BY id')
      .bind(type, String(id))
      .all()

  it('records who issued, changed and revoked a partner key, under its id', async () => {
    const created = (await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Audited wire' }))).json()) as {
      id: number
    }
    expect((await call(`/v1/admin/partners/${created.id}`, asEditor(ADMIN_TOKEN, 'PATCH', { embargo: true }))).status).toBe(200)
    expect((await call(`/v1/admin/partners/${created.id}`, asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(204)
    expect((await call(`/v1/admin/partners/${created.id}`, asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(404)
    expect((await auditOf('partner', created.id)).results).toEqual([
      { actor: 'bootstrap', action: 'partner.create' },
      { actor: 'bootstrap', action: 'partner.change' },
      { actor: 'bootstrap', action: 'partner.revoke' },
    ])
  })

  it('creates no token when its audit entry cannot be written', async () => {
    const spy = breakAuditInserts()
    const res = await call('/v1/admin/tokens', asEditor(ADMIN_TOKEN, 'POST', { name: 'Unaudited token', role: 'admin' }))
    spy.mockRestore()
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await env.DB.prepare("SELECT id FROM editor_tokens WHERE name = 'Unaudited token'").first()).toBeNull()
  })

  it('creates no partner key when its audit entry cannot be written', async () => {
    const spy = breakAuditInserts()
    const res = await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Unaudited partner' }))
    spy.mockRestore()
    expect(res.status).toBe(503)
    expect(await env.DB.prepare("SELECT id FROM partner_keys WHERE name = 'Unaudited partner'").first()).toBeNull()
  })

  it('leaves a token working, and a partner key unchanged and working, when the audit entry of a revocation or change cannot be written', async () => {
    const token = await issueEditorToken('Revoked without trace?')
    const partner = (await (
      await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Changed without trace?' }))
    ).json()) as { id: number; key: string }
    const tokenId = (await env.DB.prepare("SELECT id FROM editor_tokens WHERE name = 'Revoked without trace?'").first<{ id: number }>())!.id

    const spy = breakAuditInserts()
    const revoked = await call(`/v1/admin/tokens/${tokenId}`, asEditor(ADMIN_TOKEN, 'DELETE'))
    const changed = await call(`/v1/admin/partners/${partner.id}`, asEditor(ADMIN_TOKEN, 'PATCH', { embargo: true }))
    const unkeyed = await call(`/v1/admin/partners/${partner.id}`, asEditor(ADMIN_TOKEN, 'DELETE'))
    spy.mockRestore()

    expect([revoked.status, changed.status, unkeyed.status]).toEqual([503, 503, 503])
    expect((await call('/v1/admin/articles', asEditor(token, 'GET'))).status).toBe(200)
    expect((await call('/v1/partner/events', { headers: { authorization: `Bearer ${partner.key}` } })).status).toBe(200)
    const listed = (await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'GET'))).json()) as {
      data: { id: number; embargo: boolean; revoked_at: string | null }[]
    }
    expect(listed.data.find((row) => row.id === partner.id)).toMatchObject({ embargo: false, revoked_at: null })
    expect((await auditOf('token', tokenId)).results).toEqual([{ actor: 'bootstrap', action: 'token.create' }])
  })
})

describe('PUT /v1/admin/articles/{slug}', () => {
  it('creates an article, returns it with an ETag, and the next public read shows it', async () => {
    const before = (await (await call('/v1/articles')).json()) as any
    const res = await call('/v1/admin/articles/new-story', asEditor(editorToken, 'PUT', draft({ headline: 'A new story' })))
    expect(res.status).toBe(201)
    expect(res.headers.get('etag')).toBe('"v1"')
    expect(await res.json()).toMatchObject({ slug: 'new-story', headline: 'A new story', status: 'published', version: 1 })
    const after = (await (await call('/v1/articles')).json()) as any
    expect(after.data.map((a: any) => a.slug)).toContain('new-story')
    expect(before.data.map((a: any) => a.slug)).not.toContain('new-story')
  })

  it('requires If-Match to replace (428), refuses a stale one (412), and accepts the current one', async () => {
    await call('/v1/admin/articles/contested', asEditor(editorToken, 'PUT', draft()))
    expect((await call('/v1/admin/articles/contested', asEditor(editorToken, 'PUT', draft()))).status).toBe(428)
    expect((await call('/v1/admin/articles/contested', asEditor(editorToken, 'PUT', draft(), { 'if-match': '"v7"' }))).status).toBe(412)
    const ok = await call(
      '/v1/admin/articles/contested',
      asEditor(editorToken, 'PUT', draft({ headline: 'Edited' }), { 'if-match': '"v1"' }),
    )
    expect(ok.status).toBe(200)
    expect(ok.headers.get('etag')).toBe('"v2"')
  })

  it('lets one of two editors who read the same version win, and gives the other 412', async () => {
    await call('/v1/admin/articles/race', asEditor(editorToken, 'PUT', draft()))
    const etag = (await call('/v1/admin/articles/race', asEditor(editorToken, 'GET'))).headers.get('etag')!
    const [a, b] = await Promise.all([
      call('/v1/admin/articles/race', asEditor(editorToken, 'PUT', draft({ headline: 'Editor A' }), { 'if-match': etag })),
      call('/v1/admin/articles/race', asEditor(ADMIN_TOKEN, 'PUT', draft({ headline: 'Editor B' }), { 'if-match': etag })),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 412])
    const winner = a.status === 200 ? 'Editor A' : 'Editor B'
    expect(((await (await call('/v1/articles/race')).json()) as any).headline).toBe(winner)
  })

  it('refuses a write when another editor saved between its check and its write (the version guard)', async () => {
    await call('/v1/admin/articles/guarded', asEditor(editorToken, 'PUT', draft()))
    const original = env.DB.batch.bind(env.DB)
    let interfered = false
    const spy = vi.spyOn(env.DB, 'batch').mockImplementation(async (statements) => {
      // The write batch is the long one: let a competing save land just before it.
      if (!interfered && statements.length > 5) {
        interfered = true
        await env.DB.prepare("UPDATE articles SET version = version + 1, headline = 'Competing save' WHERE slug = 'guarded'").run()
      }
      return original(statements)
    })
    try {
      const res = await call(
        '/v1/admin/articles/guarded',
        asEditor(editorToken, 'PUT', draft({ headline: 'Lost update' }), { 'if-match': '"v1"' }),
      )
      expect(res.status).toBe(412)
    } finally {
      spy.mockRestore()
    }
    expect(((await (await call('/v1/admin/articles/guarded', asEditor(editorToken, 'GET'))).json()) as any).headline).toBe('Competing save')
  })

  it('appends a correction, with its time, to the public article and its JSON-LD; routine edits add none', async () => {
    await call('/v1/admin/articles/corrected', asEditor(editorToken, 'PUT', draft()))
    const first = (await (await call('/v1/articles/corrected')).json()) as any
    await new Promise((resolve) => setTimeout(resolve, 5))
    await call('/v1/admin/articles/corrected', asEditor(editorToken, 'PUT', draft({ headline: 'Fixed' }), { 'if-match': '"v1"' }))
    await call(
      '/v1/admin/articles/corrected',
      asEditor(
        editorToken,
        'PUT',
        { ...draft({ headline: 'Fixed' }), correction: 'An earlier version misstated the date of the summit.' },
        { 'if-match': '"v2"' },
      ),
    )
    const body = (await (await call('/v1/articles/corrected')).json()) as any
    expect(body.corrections).toEqual([{ text: 'An earlier version misstated the date of the summit.', at: expect.any(String) }])
    expect(body.jsonld.correction).toEqual([
      { '@type': 'CorrectionComment', text: 'An earlier version misstated the date of the summit.', datePublished: body.corrections[0].at },
    ])
    expect(body.updated_at > first.updated_at).toBe(true)
    expect(first.corrections).toEqual([])
  })

  it('answers 400 naming each bad field, unknown authors and sections included; unknown tags are created', async () => {
    const bad = await call(
      '/v1/admin/articles/bad',
      asEditor(editorToken, 'PUT', { ...draft(), headline: '', body: [{ type: 'video', url: 'x' }] }),
    )
    expect(bad.status).toBe(400)
    const fields = ((await bad.json()) as any).errors.map((e: any) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['headline', 'body.0.type']))

    const refs = await call(
      '/v1/admin/articles/bad',
      asEditor(editorToken, 'PUT', draft({ section: 'atlantis', authors: ['test-author', 'nobody'] })),
    )
    expect(refs.status).toBe(400)
    expect(((await refs.json()) as any).errors.map((e: any) => e.field)).toEqual(['section', 'authors.1'])

    const tagged = await call('/v1/admin/articles/tagged', asEditor(editorToken, 'PUT', draft({ tags: ['brand-new-tag'] })))
    expect(tagged.status).toBe(201)
    expect((await call('/v1/tags/brand-new-tag')).status).toBe(200)
  })
})

describe('GET /v1/admin/articles', () => {
  it('pages through every article, most recently updated first, with its own cursors', async () => {
    for (const slug of ['paged-one', 'paged-two', 'paged-three'])
      await call(`/v1/admin/articles/${slug}`, asEditor(editorToken, 'PUT', draft()))
    const seen: { slug: string }[] = []
    let cursor: string | null = null
    do {
      const res = await call(`/v1/admin/articles?limit=2${cursor ? `&cursor=${cursor}` : ''}`, asEditor(editorToken, 'GET'))
      expect(res.status).toBe(200)
      const page = (await res.json()) as { data: { slug: string }[]; next_cursor: string | null }
      seen.push(...page.data)
      cursor = page.next_cursor
    } while (cursor)
    const stored = await env.DB.prepare('SELECT slug FROM articles ORDER BY updated_at DESC, id DESC').all<{ slug: string }>()
    expect(seen.map((row) => row.slug)).toEqual(stored.results.map((row) => row.slug))
    expect(seen.map((row) => row.slug).slice(0, 3)).toEqual(['paged-three', 'paged-two', 'paged-one'])
  })

  it("answers 400 naming cursor for a cursor from another list (an authors' page)", async () => {
    const authors = (await (await call('/v1/authors?limit=1')).json()) as { next_cursor: string | null }
    expect(authors.next_cursor).toEqual(expect.any(String))
    const res = await call(`/v1/admin/articles?cursor=${authors.next_cursor}`, asEditor(editorToken, 'GET'))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([
      { field: 'cursor', in: 'query', detail: expect.stringContaining('not a cursor from this list') },
    ])
  })
})

describe('status changes', () => {
  it('schedules, publishes now and unpublishes, visible in the next public read each time', async () => {
    await call('/v1/admin/articles/lifecycle', asEditor(editorToken, 'PUT', draft({ status: 'draft', published_at: null })))
    expect((await call('/v1/articles/lifecycle')).status).toBe(404)
    const drafts = (await (await call('/v1/admin/articles?status=draft', asEditor(editorToken, 'GET'))).json()) as any
    expect(drafts.data.map((a: any) => a.slug)).toContain('lifecycle')
    expect((await call('/v1/admin/articles/lifecycle', asEditor(editorToken, 'GET'))).status).toBe(200)

    const future = new Date(Date.now() + 3_600_000).toISOString()
    const scheduled = await call(
      '/v1/admin/articles/lifecycle',
      asEditor(editorToken, 'PATCH', { status: 'scheduled', published_at: future }),
    )
    expect(scheduled.status).toBe(200)
    expect(await scheduled.json()).toMatchObject({ status: 'scheduled', published_at: future })
    expect((await call('/v1/articles/lifecycle')).status).toBe(404)

    const published = await call('/v1/admin/articles/lifecycle', asEditor(editorToken, 'PATCH', { status: 'published' }))
    expect(((await published.json()) as any).status).toBe('published')
    expect((await call('/v1/articles/lifecycle')).status).toBe(200)

    await call('/v1/admin/articles/lifecycle', asEditor(editorToken, 'PATCH', { status: 'unpublished' }))
    expect((await call('/v1/articles/lifecycle')).status).toBe(404)
    const list = (await (await call('/v1/articles?limit=100')).json()) as any
    expect(list.data.map((a: any) => a.slug)).not.toContain('lifecycle')
  })

  it('refuses to schedule without a future time', async () => {
    await call('/v1/admin/articles/unscheduled', asEditor(editorToken, 'PUT', draft()))
    const res = await call(
      '/v1/admin/articles/unscheduled',
      asEditor(editorToken, 'PATCH', { status: 'scheduled', published_at: hoursAgo(1) }),
    )
    expect(res.status).toBe(400)
    expect(((await res.json()) as any).errors[0].field).toBe('published_at')
  })

  it('DELETE unpublishes (404 publicly) and records who did what in the audit log', async () => {
    await call('/v1/admin/articles/doomed', asEditor(editorToken, 'PUT', draft()))
    expect((await call('/v1/articles/doomed')).status).toBe(200)
    expect((await call('/v1/admin/articles/doomed', asEditor(editorToken, 'DELETE'))).status).toBe(204)
    expect((await call('/v1/articles/doomed')).status).toBe(404)
    const audit = await env.DB.prepare(
      "SELECT actor, action, version_before, version_after FROM audit_log WHERE target_slug = 'doomed' ORDER BY id",
    ).all()
    expect(audit.results).toEqual([
      { actor: 'Desk editor', action: 'article.create', version_before: null, version_after: 1 },
      { actor: 'Desk editor', action: 'article.delete', version_before: 1, version_after: 2 },
    ])
  })
})

describe('authors, sections and tags', () => {
  it('renames an author, and the next public read of their articles shows the new name', async () => {
    await call('/v1/admin/articles/bylined', asEditor(editorToken, 'PUT', draft({ authors: ['second-author'] })))
    await call('/v1/articles/bylined')
    const res = await call(
      '/v1/admin/authors/second-author',
      asEditor(ADMIN_TOKEN, 'PUT', { name: 'Renamed Reporter', job_title: 'Correspondent' }),
    )
    expect(res.status).toBe(200)
    const body = (await (await call('/v1/articles/bylined')).json()) as any
    expect(body.authors[0]).toMatchObject({ name: 'Renamed Reporter', job_title: 'Correspondent' })
  })

  it('replaces the publication, and the next public read shows it', async () => {
    const about = {
      name: 'The European Daily',
      url: 'https://www.example-daily.eu',
      description: 'News.',
      about: 'A daily online newspaper.',
      language: 'en',
    }
    const res = await call('/v1/admin/publication', asEditor(ADMIN_TOKEN, 'PUT', about))
    expect(res.status).toBe(200)
    expect(((await (await call('/v1/publication')).json()) as any).about).toBe('A daily online newspaper.')
    const changed = await call('/v1/admin/publication', asEditor(ADMIN_TOKEN, 'PUT', { ...about, about: 'Now with corrections.' }))
    expect(changed.status).toBe(200)
    expect(((await (await call('/v1/publication')).json()) as any).about).toBe('Now with corrections.')
    expect((await call('/v1/admin/publication', asEditor(editorToken, 'PUT', about))).status).toBe(403)
    expect((await call('/v1/admin/publication', asEditor(ADMIN_TOKEN, 'PUT', { ...about, url: 'javascript:alert(1)' }))).status).toBe(400)
  })

  it('needs an admin token to change them', async () => {
    expect((await call('/v1/admin/authors/someone', asEditor(editorToken, 'PUT', { name: 'X' }))).status).toBe(403)
  })

  it('refuses to delete an author, section or tag still in use (409) and deletes unused ones', async () => {
    await call('/v1/admin/articles/in-use', asEditor(editorToken, 'PUT', draft({ tags: ['diplomacy'] })))
    expect((await call('/v1/admin/authors/test-author', asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(409)
    expect((await call('/v1/admin/sections/europe', asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(409)
    expect((await call('/v1/admin/tags/diplomacy', asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(409)

    expect((await call('/v1/admin/authors/guest', asEditor(ADMIN_TOKEN, 'PUT', { name: 'Guest Writer' }))).status).toBe(201)
    expect((await call('/v1/admin/sections/sport', asEditor(ADMIN_TOKEN, 'PUT', { name: 'Sport' }))).status).toBe(201)
    expect((await call('/v1/admin/tags/football', asEditor(ADMIN_TOKEN, 'PUT', { name: 'Football' }))).status).toBe(201)
    expect((await call('/v1/authors/guest')).status).toBe(200)
    for (const path of ['/v1/admin/authors/guest', '/v1/admin/sections/sport', '/v1/admin/tags/football']) {
      expect((await call(path, asEditor(ADMIN_TOKEN, 'DELETE'))).status, path).toBe(204)
    }
    expect((await call('/v1/authors/guest')).status).toBe(404)
    expect((await call('/v1/admin/tags/football', asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(404)
  })
})
