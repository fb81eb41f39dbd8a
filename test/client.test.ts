import { exports } from 'cloudflare:workers'
import { hc } from 'hono/client'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AppType } from '../src/index.ts'
import { BASE, seedDemo } from './helpers.ts'

beforeAll(seedDemo)

describe('typed client', () => {
  const client = hc<AppType>(BASE, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init)),
  })

  it('reads a typed article list and article', async () => {
    const res = await client.v1.articles.$get({ query: { limit: '3' } })
    expect(res.status).toBe(200)
    const page = await res.json()
    if (!('data' in page)) throw new Error('expected a page')
    expect(page.data).toHaveLength(3)
    const slug: string = page.data[0]!.slug
    const one = await client.v1.articles[':slug'].$get({ param: { slug }, query: {} })
    const article = await one.json()
    if (!('body_html' in article)) throw new Error('expected an article')
    expect(article.slug).toBe(slug)
    expect(article.reading_time_minutes).toBeGreaterThan(0)
  })

  it('sees problems as typed errors', async () => {
    const res = await client.v1.sections[':slug'].$get({ param: { slug: 'atlantis' }, query: {} })
    expect(res.status).toBe(404)
  })
})
