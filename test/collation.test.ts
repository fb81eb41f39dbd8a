import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { sortKey } from '../src/lib/collation.ts'
import { article, seed, walkSlugs } from './helpers.ts'

// Listed in stored order, these would read "EU Council, EU enlargement, Elections, ..., Łukasz".
const TAGS = [
  ['eu-council', 'EU Council'],
  ['eu-enlargement', 'EU enlargement'],
  ['elections', 'Elections'],
  ['ecb', 'écb watch'],
  ['oresund', 'Øresund bridge'],
  ['lodz', 'Łódź'],
  ['lisbon', 'Lisbon'],
  ['zagreb', 'zagreb'],
  ['strasse', 'Straße'],
  ['strasbourg', 'Strasbourg'],
] as const
const AUTHORS = [
  ['lukasz-wrobel', 'Łukasz Wróbel'],
  ['anna-berg', 'anna Berg'],
  ['elena-varga', 'Elena Varga'],
  ['emile-durand', 'Émile Durand'],
  ['mark-lee', 'Mark Lee'],
  ['zoe-adams', 'Zoë Adams'],
  ['lars-olsen', 'Lars Olsen'],
] as const

beforeAll(async () => {
  await seed({
    sections: [{ slug: 'europe', name: 'Europe' }],
    tags: TAGS.map(([slug, name]) => ({ slug, name })),
    authors: AUTHORS.map(([slug, name]) => ({ slug, name })),
    // A tag first seen on an article gets its placeholder name and its key with it. A tag is
    // public only while a public article uses it: one article uses all of them.
    articles: [article({ authors: ['mark-lee'], tags: ['ukraine'] }), article({ authors: ['mark-lee'], tags: TAGS.map(([slug]) => slug) })],
  })
})

describe('tags and authors A–Z', () => {
  it('lists tags as people read them, across pages', async () => {
    expect(await walkSlugs('/v1/tags', { limit: 2 })).toEqual([
      'ecb',
      'elections',
      'eu-council',
      'eu-enlargement',
      'lisbon',
      'lodz',
      'oresund',
      'strasbourg',
      'strasse',
      'ukraine',
      'zagreb',
    ])
  })

  it('lists authors as people read them, Łukasz with the L', async () => {
    expect(await walkSlugs('/v1/authors', { limit: 3 })).toEqual([
      'anna-berg',
      'elena-varga',
      'emile-durand',
      'lars-olsen',
      'lukasz-wrobel',
      'mark-lee',
      'zoe-adams',
    ])
  })

  it('keeps the order when a name changes', async () => {
    await seed({ authors: [{ slug: 'anna-berg', name: 'Zuzana Berg' }], tags: [{ slug: 'lisbon', name: 'Ączka' }] })
    const authors = await walkSlugs('/v1/authors', { limit: 100 })
    expect(authors.at(-1)).toBe('anna-berg')
    expect((await walkSlugs('/v1/tags', { limit: 100 }))[0]).toBe('lisbon')
  })
})

describe('the sort key', () => {
  it('folds case, accents and letters without a decomposition', () => {
    expect(sortKey('Łukasz Wróbel')).toBe('lukasz wrobel')
    expect(sortKey('ÉMILE')).toBe('emile')
    expect(sortKey('Straße')).toBe('strasse')
    expect(sortKey('Øresund')).toBe('oresund')
    expect(sortKey('Đorđe')).toBe('dorde')
  })

  it('is what migration 0008 computes for names stored before it, character by character', async () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0008_'))!
    const step = (text: string) => migration.queries.find((q) => q.includes(text))!
    // Every character of the blocks the migration folds, and a few it leaves to lower().
    const blocks = [
      [0x20, 0x7e],
      [0xa0, 0x24f],
      [0x370, 0x52f],
      [0x1e00, 0x1fff],
      [0xfb00, 0xfb06],
    ]
    const names = blocks.map(([a, b]) =>
      Array.from({ length: b! - a! + 1 }, (_, i) => String.fromCodePoint(a! + i))
        .filter((ch) => !/\p{Cn}|\p{Cc}/u.test(ch))
        .join(''),
    )
    await env.DB.batch(
      names.map((name, i) =>
        env.DB.prepare("INSERT INTO tags (slug, name, created_at, updated_at) VALUES (?1, ?2, '', '')").bind(`block-${i}`, name),
      ),
    )
    await env.DB.batch(
      [
        step('CREATE TABLE collation_folds'),
        step('INSERT INTO collation_folds'),
        step('UPDATE tags SET sort_key'),
        step('DROP TABLE collation_folds'),
      ].map((q) => env.DB.prepare(q)),
    )
    const rows = await env.DB.prepare("SELECT name, sort_key FROM tags WHERE slug LIKE 'block-%' ORDER BY slug").all<{
      name: string
      sort_key: string
    }>()
    expect(rows.results).toHaveLength(names.length)
    for (const row of rows.results) expect(row.sort_key).toBe(sortKey(row.name))
  })
})
