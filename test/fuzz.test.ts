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
  '/{slug}',
]
const KNOWN_KEYS = ['limit', 'cursor', 'q', 'section', 'tag', 'author']

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
  fc.tuple(fc.constantFrom('accept', 'accept-encoding', 'if-none-match', 'if-modified-since', 'origin', 'range', 'x-anything'), headerValue),
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
