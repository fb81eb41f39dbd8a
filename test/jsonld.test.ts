import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, article, asEditor, basics, call, seed } from './helpers.ts'

const HOSTILE = 'Talks end </script><script>alert(document.cookie)</script> & <!-- \u2028 more \u2029 -->'

let partnerKey = ''

beforeAll(async () => {
  await seed({ ...basics, articles: [article({ slug: 'hostile', headline: HOSTILE, standfirst: '</SCRIPT >& <b>' })] })
  partnerKey = ((await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Wire' }))).json()) as any).key
})

/** The script elements of a page as an HTML parser (the runtime's HTMLRewriter) sees them. */
async function scriptsIn(html: string): Promise<string[]> {
  const scripts: string[] = []
  await new HTMLRewriter()
    .on('script', {
      element() {
        scripts.push('')
      },
      text(chunk) {
        scripts[scripts.length - 1] += chunk.text
      },
    })
    .transform(new Response(html))
    .text()
  return scripts
}

describe('jsonld_script', () => {
  it.each([
    ['the public', () => ({})],
    ['a partner', () => ({ headers: { authorization: `Bearer ${partnerKey}` } })],
  ])('embeds as is for %s: a headline containing </script><script> stays inside one script element', async (_, init) => {
    const res = await call('/v1/articles/hostile', init())
    expect(res.status).toBe(200)
    const body = (await res.json()) as any
    expect(body.jsonld.headline).toBe(HOSTILE)
    expect(body.jsonld_script).not.toMatch(/[<>&\u2028\u2029]/)
    const page = `<!doctype html><html><head><script type="application/ld+json">${body.jsonld_script}</script></head><body></body></html>`
    const scripts = await scriptsIn(page)
    expect(scripts).toHaveLength(1)
    expect(JSON.parse(scripts[0]!)).toEqual(body.jsonld)
  })
})
