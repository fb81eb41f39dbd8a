import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { get, seedDemo } from './helpers.ts'

// Every public route, with {slug} standing for a path segment the fuzzer fills in.
const ROUTES = [
  '/v1/articles',
  '/v1/articles/{slug}',
  '/v1/authors',
  '/v1/authors/{slug}',
  '/v1/authors/{slug}/articles',
  '/v1/sections',
  '/v1/sections/{slug}',
  '/v1/tags',
  '/v1/tags/{slug}',
  '/v1/publication',
  '/health',
  '/openapi.json',
  '/v1/sync',
  '/v1/admin/articles',
  '/v1/admin/articles/{slug}',
  '/{slug}',
]
const KNOWN_KEYS = ['limit', 'cursor', 'q', 'section', 'tag', 'author', 'status']

const segment = fc.oneof(
  fc.constantFrom('geneva-talks-resume', 'europe', 'diplomacy', 'a', '', '..', '%00', '%ZZ', '-', 'x'.repeat(300)),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent),
)
const value = fc.oneof(
  fc.constantFrom('0', '-1', '1', '100', '101', '1e3', 'NaN', '', '"', '*', 'NEAR(a b)', 'AND', 'eyJrIjoidCJ9', '%FF'),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
)
const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string({ maxLength: 10 })), value), {
  maxLength: 5,
})
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 })
const headers = fc.array(
  fc.tuple(
    fc.constantFrom('accept', 'accept-encoding', 'authorization', 'if-none-match', 'if-modified-since', 'origin', 'range', 'x-anything'),
    headerValue,
  ),
  { maxLength: 4 },
)

beforeAll(seedDemo)

describe('any request', () => {
  it('never gets a 5xx, and every 4xx is a problem document', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), segment, query, headers, async (route, slug, pairs, hdrs) => {
        const search = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
        const path = route.replace('{slug}', slug) + (search ? `?${search}` : '')
        const res = await get(path, { headers: hdrs })
        expect(res.status, path).toBeLessThan(500)
        if (res.status >= 400) {
          expect(res.headers.get('content-type'), path).toBe('application/problem+json')
          const body: any = await res.json()
          expect(body.status, path).toBe(res.status)
          expect(body.title, path).toEqual(expect.any(String))
        } else {
          await res.arrayBuffer()
        }
      }),
      { numRuns: 400 },
    )
  })
})

const contentType = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'text/plain',
  'application/json; charset=utf-8',
  '',
)
const field = fc.constantFrom('email', 'name', 'newsletters', 'consent', 'source', 'return_to', 'website', 'cf-turnstile-response', 'x')
const body = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .dictionary(
      field,
      fc.oneof(fc.string({ maxLength: 40 }), fc.boolean(), fc.integer(), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })),
      { maxKeys: 6 },
    )
    .map((o) => JSON.stringify(o)),
  fc.array(fc.tuple(field, fc.string({ maxLength: 30 })), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()),
)

describe('any sign-up or link request', () => {
  it('never gets a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/subscriptions', '/v1/subscriptions/confirm', '/v1/subscriptions/unsubscribe', '/v1/subscriptions/x'),
        fc.constantFrom('POST', 'GET', 'DELETE'),
        contentType,
        body,
        fc.option(fc.constantFrom('https://evil.example', 'http://localhost:3000', 'null'), { nil: undefined }),
        fc.ipV4(),
        async (path, method, type, text, origin, ip) => {
          const headers: Record<string, string> = { 'cf-connecting-ip': ip }
          if (type) headers['content-type'] = type
          if (origin) headers.origin = origin
          const res = await get(path, { method, headers, body: method === 'GET' ? undefined : text })
          expect(res.status, `${method} ${path} ${type} ${text}`).toBeLessThan(500)
          await res.arrayBuffer()
        },
      ),
      { numRuns: 300 },
    )
  })
})
