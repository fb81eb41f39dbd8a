import { beforeAll, describe, expect, it } from 'vitest'
import { article, basics, d1Queries, get, getJson, seed, uncached } from './helpers.ts'

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()

beforeAll(async () => {
  await seed({
    ...basics,
    authors: [
      ...basics.authors!,
      {
        slug: 'elena-varga',
        name: 'Elena Varga',
        job_title: 'Diplomatic editor',
        bio: 'A former diplomat.\n\nNow a political reporter.',
        photo: { url: 'https://cdn.example.org/elena.jpg', alt: 'Elena Varga' },
        links: [{ label: 'Mastodon', url: 'https://mastodon.social/@elena' }],
      },
      { slug: 'andrzej-nowak', name: 'Andrzej Nowak' },
    ],
    articles: [
      article({ slug: 'one', authors: ['elena-varga'], published_at: hoursAgo(1) }),
      article({ slug: 'two', authors: ['test-author', 'elena-varga'], published_at: hoursAgo(2) }),
      article({ slug: 'three', authors: ['elena-varga'], published_at: hoursAgo(3) }),
      article({ slug: 'draft', authors: ['elena-varga'], status: 'draft', published_at: hoursAgo(4) }),
      article({ slug: 'future', authors: ['elena-varga'], published_at: new Date(Date.now() + 3_600_000).toISOString() }),
    ],
  })
})

describe('authors', () => {
  it('lists authors alphabetically, paginated', async () => {
    const first = await getJson('/v1/authors?limit=2')
    expect(first.status).toBe(200)
    expect(first.body.data.map((a: any) => a.name)).toEqual(['Andrzej Nowak', 'Elena Varga'])
    const second = await getJson(`/v1/authors?limit=2&cursor=${first.body.next_cursor}`)
    expect(second.body.data.map((a: any) => a.name)).toEqual(['Second Author', 'Test Author'])
    expect(second.body.next_cursor).toBeNull()
  })

  it('serves a profile with bio, links, the count of published articles and the latest of them', async () => {
    const res = await get('/v1/authors/elena-varga?limit=2', uncached)
    expect(res.status).toBe(200)
    expect(d1Queries(res)).toBe(1)
    const body: any = await res.json()
    expect(body).toMatchObject({
      slug: 'elena-varga',
      name: 'Elena Varga',
      job_title: 'Diplomatic editor',
      url: 'https://www.example-daily.eu/authors/elena-varga',
      bio: 'A former diplomat.\n\nNow a political reporter.',
      photo: { url: 'https://cdn.example.org/elena.jpg', alt: 'Elena Varga' },
      links: [{ label: 'Mastodon', url: 'https://mastodon.social/@elena' }],
      article_count: 3,
    })
    expect(body.articles.data.map((a: any) => a.slug)).toEqual(['one', 'two'])
    const rest = await getJson(`/v1/authors/elena-varga/articles?limit=2&cursor=${body.articles.next_cursor}`)
    expect(rest.body.data.map((a: any) => a.slug)).toEqual(['three'])
    expect(rest.body.next_cursor).toBeNull()
  })

  it('never exposes anything but public profile fields', async () => {
    const { body } = await getJson('/v1/authors/elena-varga')
    expect(Object.keys(body).sort()).toEqual(
      ['article_count', 'articles', 'bio', 'job_title', 'links', 'name', 'photo', 'slug', 'updated_at', 'url'].sort(),
    )
  })

  it('answers 404 for an unknown author, on the profile and the article list', async () => {
    for (const path of ['/v1/authors/nobody', '/v1/authors/nobody/articles']) {
      const { status, headers } = await getJson(path)
      expect(status, path).toBe(404)
      expect(headers.get('content-type')).toBe('application/problem+json')
    }
  })

  it('gives an author without articles an empty first page', async () => {
    const { body } = await getJson('/v1/authors/andrzej-nowak')
    expect(body).toMatchObject({ article_count: 0, articles: { data: [], next_cursor: null }, photo: null })
  })
})

// Last: it changes bylines and states.
describe("an author's article count", () => {
  it('follows bylines, publication, unpublication and embargoes as they change', async () => {
    const count = async () => (await getJson('/v1/authors/elena-varga', { headers: { 'cache-control': 'no-cache' } })).body.article_count
    expect(await count()).toBe(3)
    await seed({
      articles: [
        article({ slug: 'one', authors: ['test-author'], published_at: hoursAgo(1) }),
        article({ slug: 'three', authors: ['elena-varga'], status: 'unpublished', published_at: hoursAgo(3) }),
        article({ slug: 'draft', authors: ['elena-varga', 'andrzej-nowak'], status: 'published', published_at: hoursAgo(4) }),
        article({ slug: 'four', authors: ['andrzej-nowak', 'elena-varga'], published_at: hoursAgo(5) }),
      ],
    })
    // two, draft (now published), four; not one (byline changed), three (unpublished), future (embargoed)
    expect(await count()).toBe(3)
    await seed({ articles: [article({ slug: 'future', authors: ['elena-varga'], published_at: hoursAgo(1) })] })
    expect(await count()).toBe(4)
  })
})
