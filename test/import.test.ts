import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { importContent } from '../src/content/import.ts'
import { Database } from '../src/db/client.ts'
import { article, basics, getJson, seed } from './helpers.ts'

describe('importing content', () => {
  it('reports bad records in the middle and writes all the others', async () => {
    await seed(basics)
    const report = await importContent(
      new Database(env.DB),
      {
        articles: [
          article({ slug: 'import-first' }),
          { ...article({ slug: 'import-invalid' }), headline: '' },
          article({ slug: 'import-unknown-author', authors: ['nobody-at-all'] }),
          article({ slug: 'import-unknown-section', section: 'atlantis' }),
          article({ slug: 'import-last' }),
        ],
      },
      { batchSize: 10, cache: env.CACHE },
    )
    expect(report.written.articles).toBe(2)
    expect(report.errors).toEqual([
      { part: 'articles', index: 1, slug: 'import-invalid', errors: [expect.objectContaining({ field: 'headline' })] },
      {
        part: 'articles',
        index: 2,
        slug: 'import-unknown-author',
        errors: [expect.objectContaining({ detail: 'names an author that does not exist' })],
      },
      {
        part: 'articles',
        index: 3,
        slug: 'import-unknown-section',
        errors: [expect.objectContaining({ detail: 'names a section that does not exist' })],
      },
    ])
    expect((await getJson('/v1/articles/import-first')).status).toBe(200)
    expect((await getJson('/v1/articles/import-last')).status).toBe(200)
    expect((await getJson('/v1/articles/import-unknown-author')).status).toBe(404)
  })

  it('replaces an article in place, bylines and tags included', async () => {
    await seed(basics)
    await seed({ articles: [article({ slug: 'replace-me', authors: ['test-author', 'second-author'], tags: ['diplomacy'] })] })
    await seed({
      articles: [article({ slug: 'replace-me', headline: 'Replaced', authors: ['second-author'], tags: ['new-tag', 'diplomacy'] })],
    })
    const { body } = await getJson('/v1/articles/replace-me')
    expect(body.headline).toBe('Replaced')
    expect(body.authors.map((a: any) => a.slug)).toEqual(['second-author'])
    expect(body.tags.map((t: any) => t.slug)).toEqual(['new-tag', 'diplomacy'])
    const search = await getJson('/v1/articles?q=replaced')
    expect(search.body.data.map((a: any) => a.slug)).toEqual(['replace-me'])
  })
})
