import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../src/app.ts'
import { ADMIN_TOKEN, asEditor, basics, call, issueEditorToken, seed } from './helpers.ts'

/**
 * Who may call what: every credentialed operation (the admin API and the partner API) against
 * every kind of caller, in the style of unkey's `*.security.test.ts`. The table below is the
 * contract; the first test fails when a route is added under /v1/admin or /v1/partner (or given a
 * security scheme) without a row here, so no new operation goes unchecked.
 *
 * Each row says the least role it needs and what an allowed caller gets for a harmless request
 * (unknown ids and slugs, empty bodies): so the matrix changes nothing it later depends on, and an
 * allowed answer is one exact status, not merely "not 401".
 */

type Needs = 'editor' | 'admin' | 'partner'
interface Operation {
  needs: Needs
  /** The path with its parameters filled in. */
  url: string
  body?: unknown
  /** What a caller with the role gets for this request. */
  allowed: number
}

const NO_SLUG = 'no-such-slug'
const NO_ID = 999_999
const NO_EVENT = `evt_${'0'.repeat(32)}`

const OPERATIONS: Record<string, Operation> = {
  'GET /v1/admin/articles': { needs: 'editor', url: '/v1/admin/articles', allowed: 200 },
  'GET /v1/admin/articles/{slug}': { needs: 'editor', url: `/v1/admin/articles/${NO_SLUG}`, allowed: 404 },
  'PUT /v1/admin/articles/{slug}': { needs: 'editor', url: `/v1/admin/articles/${NO_SLUG}`, body: {}, allowed: 400 },
  'PATCH /v1/admin/articles/{slug}': { needs: 'editor', url: `/v1/admin/articles/${NO_SLUG}`, body: {}, allowed: 400 },
  'DELETE /v1/admin/articles/{slug}': { needs: 'editor', url: `/v1/admin/articles/${NO_SLUG}`, allowed: 404 },
  'GET /v1/admin/articles/{slug}/rights': { needs: 'editor', url: `/v1/admin/articles/${NO_SLUG}/rights`, allowed: 404 },
  'PUT /v1/admin/articles/{slug}/rights': {
    needs: 'editor',
    url: `/v1/admin/articles/${NO_SLUG}/rights`,
    body: { republish: true },
    allowed: 404,
  },
  'PUT /v1/admin/authors/{slug}': { needs: 'admin', url: `/v1/admin/authors/${NO_SLUG}`, body: {}, allowed: 400 },
  'DELETE /v1/admin/authors/{slug}': { needs: 'admin', url: `/v1/admin/authors/${NO_SLUG}`, allowed: 404 },
  'PUT /v1/admin/sections/{slug}': { needs: 'admin', url: `/v1/admin/sections/${NO_SLUG}`, body: {}, allowed: 400 },
  'DELETE /v1/admin/sections/{slug}': { needs: 'admin', url: `/v1/admin/sections/${NO_SLUG}`, allowed: 404 },
  'PUT /v1/admin/tags/{slug}': { needs: 'admin', url: `/v1/admin/tags/${NO_SLUG}`, body: {}, allowed: 400 },
  'DELETE /v1/admin/tags/{slug}': { needs: 'admin', url: `/v1/admin/tags/${NO_SLUG}`, allowed: 404 },
  'PUT /v1/admin/publication': { needs: 'admin', url: '/v1/admin/publication', body: {}, allowed: 400 },
  'POST /v1/admin/tokens': { needs: 'admin', url: '/v1/admin/tokens', body: {}, allowed: 400 },
  'GET /v1/admin/tokens': { needs: 'admin', url: '/v1/admin/tokens', allowed: 200 },
  'DELETE /v1/admin/tokens/{id}': { needs: 'admin', url: `/v1/admin/tokens/${NO_ID}`, allowed: 404 },
  'POST /v1/admin/partners': { needs: 'admin', url: '/v1/admin/partners', body: {}, allowed: 400 },
  'GET /v1/admin/partners': { needs: 'admin', url: '/v1/admin/partners', allowed: 200 },
  'PATCH /v1/admin/partners/{id}': { needs: 'admin', url: `/v1/admin/partners/${NO_ID}`, body: { embargo: true }, allowed: 404 },
  'DELETE /v1/admin/partners/{id}': { needs: 'admin', url: `/v1/admin/partners/${NO_ID}`, allowed: 404 },
  'POST /v1/admin/partners/{id}/endpoints': { needs: 'admin', url: `/v1/admin/partners/${NO_ID}/endpoints`, body: {}, allowed: 400 },
  'GET /v1/admin/partners/{id}/endpoints': { needs: 'admin', url: `/v1/admin/partners/${NO_ID}/endpoints`, allowed: 404 },
  'PATCH /v1/admin/partners/{id}/endpoints/{endpoint}': {
    needs: 'admin',
    url: `/v1/admin/partners/${NO_ID}/endpoints/1`,
    body: {},
    allowed: 404,
  },
  'POST /v1/admin/partners/{id}/endpoints/{endpoint}/secret': {
    needs: 'admin',
    url: `/v1/admin/partners/${NO_ID}/endpoints/1/secret`,
    allowed: 404,
  },
  'GET /v1/admin/partners/{id}/deliveries': { needs: 'admin', url: `/v1/admin/partners/${NO_ID}/deliveries`, allowed: 404 },
  'POST /v1/admin/partners/{id}/deliveries/{event}/retry': {
    needs: 'admin',
    url: `/v1/admin/partners/${NO_ID}/deliveries/${NO_EVENT}/retry`,
    allowed: 404,
  },
  'GET /v1/partner/ninjs': { needs: 'partner', url: '/v1/partner/ninjs', allowed: 200 },
  'GET /v1/partner/ninjs/{slug}': { needs: 'partner', url: `/v1/partner/ninjs/${NO_SLUG}`, allowed: 404 },
  'GET /v1/partner/events': { needs: 'partner', url: '/v1/partner/events', allowed: 200 },
}

/** Who calls: the Authorization header each kind of caller sends (none: no header at all). */
type Caller =
  | 'no token'
  | 'another scheme'
  | 'an empty bearer'
  | 'a malformed token'
  | 'an unknown token'
  | 'a revoked token'
  | 'a revoked partner key'
  | 'a partner key'
  | 'an editor'
  | 'an admin'
  | 'the bootstrap admin'
const callers: Record<Caller, string | undefined> = {
  'no token': undefined,
  'another scheme': `Basic ${btoa('editor:secret')}`,
  'an empty bearer': 'Bearer ',
  'a malformed token': 'Bearer short',
  'an unknown token': 'Bearer this-token-was-never-issued-0123456789',
  // Set in beforeAll, through the admin API. Tokens and keys never expire on their own: revocation
  // is how one stops working.
  'a revoked token': '',
  'a revoked partner key': '',
  'a partner key': '',
  'an editor': '',
  'an admin': '',
  'the bootstrap admin': `Bearer ${ADMIN_TOKEN}`,
}

/** What each caller gets from an operation that needs `needs`: the allowed status, 401 or 403. */
function expected(caller: Caller, operation: Operation): number {
  const role =
    caller === 'an editor'
      ? 'editor'
      : caller === 'an admin' || caller === 'the bootstrap admin'
        ? 'admin'
        : caller === 'a partner key'
          ? 'partner'
          : null
  if (operation.needs === 'partner') return role === 'partner' ? operation.allowed : 401
  if (role === 'admin' || (role === 'editor' && operation.needs === 'editor')) return operation.allowed
  // A valid editor token without the role is forbidden; anything else (a partner's key included,
  // which is no credential for the admin API) is unauthenticated.
  return role === 'editor' ? 403 : 401
}

async function issue(path: string, body: unknown): Promise<{ id: number; secret: string }> {
  const res = await call(path, asEditor(ADMIN_TOKEN, 'POST', body))
  expect(res.status, `POST ${path}`).toBe(201)
  const issued = (await res.json()) as { id: number; token?: string; key?: string }
  return { id: issued.id, secret: (issued.token ?? issued.key)! }
}

beforeAll(async () => {
  await seed(basics)
  callers['an editor'] = `Bearer ${await issueEditorToken()}`
  callers['an admin'] = `Bearer ${(await issue('/v1/admin/tokens', { name: 'Managing editor', role: 'admin' })).secret}`
  const revoked = await issue('/v1/admin/tokens', { name: 'Left the paper', role: 'admin' })
  expect((await call(`/v1/admin/tokens/${revoked.id}`, asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(204)
  callers['a revoked token'] = `Bearer ${revoked.secret}`
  callers['a partner key'] = `Bearer ${(await issue('/v1/admin/partners', { name: 'Wire service' })).secret}`
  const former = await issue('/v1/admin/partners', { name: 'Former partner' })
  expect((await call(`/v1/admin/partners/${former.id}`, asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(204)
  callers['a revoked partner key'] = `Bearer ${former.secret}`
})

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const

describe('the authorization matrix', () => {
  it('covers every credentialed operation the Worker routes and documents', async () => {
    // Routed: every method and path under the admin and partner APIs (Hono's `:param` as `{param}`).
    const routed = new Set(
      app.routes
        .filter((route) => route.method !== 'ALL' && /^\/v1\/(admin|partner)\//.test(route.path))
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    )
    // Documented: the same, plus anything else whose security requirement cannot be met without a
    // credential (public reads list `{}` among theirs: a key is optional there).
    const doc = (await (await call('/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: object[] }>> }
    const needsCredential = (security: object[] = []) =>
      security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0)
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        METHODS.filter((method) => item[method] && (/^\/v1\/(admin|partner)\//.test(path) || needsCredential(item[method]!.security))).map(
          (method) => `${method.toUpperCase()} ${path}`,
        ),
      ),
    )
    const table = Object.keys(OPERATIONS).sort()
    expect([...routed].sort(), 'routed operations missing from the matrix, or rows for routes that do not exist').toEqual(table)
    expect([...documented].sort(), 'documented credentialed operations missing from the matrix').toEqual(table)
  })

  describe.each(Object.keys(callers) as Caller[])('for %s', (caller) => {
    it.each(Object.entries(OPERATIONS))('%s', async (name, operation) => {
      const method = name.split(' ')[0]!
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      const authorization = callers[caller]
      if (authorization !== undefined) headers.authorization = authorization
      const res = await call(operation.url, {
        method,
        headers,
        body: operation.body === undefined ? undefined : JSON.stringify(operation.body),
      })
      const want = expected(caller, operation)
      expect(res.status, `${name} for ${caller}`).toBe(want)
      if (want === 401 || want === 403) {
        expect(res.headers.get('content-type'), `${name} for ${caller}`).toBe('application/problem+json')
        const problem = (await res.json()) as { type: string; status: number }
        expect(problem.status).toBe(want)
        expect(problem.type).toMatch(want === 401 ? /\/problems\/unauthorized$/ : /\/problems\/forbidden$/)
        if (want === 401) expect(res.headers.get('www-authenticate'), `${name} for ${caller}`).toMatch(/^Bearer realm="(admin|partners)"$/)
      }
      // Answers to a credential are never for a shared cache.
      if (authorization !== undefined && want !== 401 && want !== 403)
        expect(res.headers.get('cache-control'), `${name} for ${caller}`).toBe('private, no-store')
    })
  })
})
