import { beforeAll, describe, expect, it } from 'vitest'
import { article, basics, getJson, seed } from './helpers.ts'

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()

beforeAll(async () => {
  await seed({
    ...basics,
    articles: [
      article({
        slug: 'body-mention',
        headline: 'Parliament returns from recess',
        body: [{ type: 'paragraph', content: [{ text: 'Members also discussed Moldova briefly.' }] }],
        published_at: hoursAgo(1),
      }),
      article({ slug: 'headline-mention', headline: 'Moldova votes on accession', published_at: hoursAgo(5) }),
      article({ slug: 'standfirst-mention', standfirst: 'What the Moldova result means.', published_at: hoursAgo(3) }),
      article({ slug: 'accented', headline: 'Ćosić meets Łukasz in Zürich', published_at: hoursAgo(4) }),
    ],
  })
})

describe('full-text search', () => {
  it('ranks headline matches above standfirst matches above body matches, whatever their age', async () => {
    const { body } = await getJson('/v1/articles?q=moldova')
    expect(body.data.map((a: any) => a.slug)).toEqual(['headline-mention', 'standfirst-mention', 'body-mention'])
  })

  it('matches words without their accents, in either direction', async () => {
    // (Letters with a stroke, such as Ł, are letters of their own in Unicode and are not folded.)
    for (const q of ['cosic', 'Ćosić', 'zurich', 'ZÜRICH']) {
      const { body } = await getJson(`/v1/articles?q=${encodeURIComponent(q)}`)
      expect(
        body.data.map((a: any) => a.slug),
        q,
      ).toEqual(['accented'])
    }
  })

  it('requires every word', async () => {
    const { body } = await getJson('/v1/articles?q=moldova%20accession')
    expect(body.data.map((a: any) => a.slug)).toEqual(['headline-mention'])
  })
})
