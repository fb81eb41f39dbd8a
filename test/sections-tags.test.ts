import { beforeAll, describe, expect, it } from 'vitest'
import { article, d1Queries, get, getJson, seed, uncached } from './helpers.ts'

beforeAll(async () => {
  await seed({
    sections: [
      { slug: 'world', name: 'World', description: 'Beyond Europe.', position: 2 },
      { slug: 'europe', name: 'Europe', description: 'The continent.', position: 1 },
    ],
    tags: [
      { slug: 'energy', name: 'Energy' },
      { slug: 'nato', name: 'NATO' },
    ],
    authors: [{ slug: 'test-author', name: 'Test Author' }],
    articles: [
      article({ slug: 'gas-deal', section: 'europe', tags: ['energy'] }),
      article({ slug: 'summit', section: 'world', tags: ['nato', 'energy', 'brand-new-tag'] }),
    ],
  })
})

describe('sections', () => {
  it("lists sections in the newspaper's order", async () => {
    const { status, body } = await getJson('/v1/sections')
    expect(status).toBe(200)
    expect(body.data).toEqual([
      {
        slug: 'europe',
        name: 'Europe',
        description: 'The continent.',
        language: 'en',
        url: 'https://www.example-daily.eu/sections/europe',
      },
      { slug: 'world', name: 'World', description: 'Beyond Europe.', language: 'en', url: 'https://www.example-daily.eu/sections/world' },
    ])
  })

  it('serves a section with its latest articles in one round trip', async () => {
    const res = await get('/v1/sections/world', uncached)
    expect(d1Queries(res)).toBe(1)
    const body: any = await res.json()
    expect(body).toMatchObject({ slug: 'world', name: 'World' })
    expect(body.articles.data.map((a: any) => a.slug)).toEqual(['summit'])
  })

  it('answers 404 for an unknown section', async () => {
    expect((await get('/v1/sections/atlantis')).status).toBe(404)
  })
})

describe('tags', () => {
  it('lists tags alphabetically, including tags first seen on an article', async () => {
    const { body } = await getJson('/v1/tags')
    expect(body.data.map((t: any) => t.slug)).toEqual(['brand-new-tag', 'energy', 'nato'])
  })

  it('serves a tag with its latest articles', async () => {
    const { status, body } = await getJson('/v1/tags/energy')
    expect(status).toBe(200)
    expect(body).toMatchObject({ slug: 'energy', name: 'Energy', url: 'https://www.example-daily.eu/tags/energy' })
    expect(body.articles.data.map((a: any) => a.slug).sort()).toEqual(['gas-deal', 'summit'])
  })

  it('answers 404 for an unknown tag', async () => {
    expect((await get('/v1/tags/unknown')).status).toBe(404)
  })
})
