import { env } from 'cloudflare:workers'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { withdrawnNinjs } from '../src/render/ninjs.ts'
import { Ninjs } from '../src/schemas/ninjs.ts'
import { ADMIN_TOKEN, asEditor, call, demo, seedDemo } from './helpers.ts'

/**
 * Every demo article's ninjs, as partners get it, against the IPTC's own ninjs 3.x JSON Schema
 * (ajv, draft 2020-12) and against our zod schema of the subset we emit. The IPTC schema is not
 * on npm: set NINJS_SCHEMA to a copy of it (https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json,
 * or a later 3.x) to run that part, e.g. `NINJS_SCHEMA=~/ninjs-schema_3.1.json npx vitest run test/ninjs-schema.test.ts`.
 */

const schemaText = env.NINJS_SCHEMA
const items: unknown[] = []

beforeAll(async () => {
  await seedDemo()
  const partner: any = await (
    await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Schema partner', embargo: true }))
  ).json()
  let cursor: string | null = null
  do {
    const page: any = await (
      await call(`/v1/partner/ninjs?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${partner.key}` } })
    ).json()
    items.push(...page.data)
    cursor = page.next_cursor
  } while (cursor)
  items.push(withdrawnNinjs({ id: 1, version: 3, slug: 'a-withdrawn-story', at: new Date().toISOString() }, 'https://www.example-daily.eu'))
})

describe('ninjs output', () => {
  it('covers every published demo article, embargoed ones included for a partner who may see them', () => {
    const published = demo.articles.filter((a) => a.status === 'published')
    expect(items.length).toBe(published.length + 1)
  })

  it('matches the zod schema of the subset we emit (strict: no field beyond it)', () => {
    for (const item of items) {
      const result = Ninjs.safeParse(item)
      expect(result.success, `${(item as any).slugline}: ${JSON.stringify(result.error?.issues)}`).toBe(true)
    }
  })

  it.skipIf(!schemaText)(
    `validates against the IPTC ninjs 3.x JSON Schema${schemaText ? '' : ' (skipped: set NINJS_SCHEMA to the path of ninjs-schema_3.x.json)'}`,
    () => {
      const ajv = new Ajv2020({ strict: false, allErrors: true })
      addFormats(ajv)
      // places[].geoJSON refers to the GeoJSON schema on the web; we never emit it, so a permissive stand-in will do.
      ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json' })
      const validate = ajv.compile(JSON.parse(schemaText))
      for (const item of items) {
        const valid = validate(item)
        expect(valid, `${(item as any).slugline}: ${ajv.errorsText(validate.errors)}`).toBe(true)
      }
    },
  )
})
