/**
 * The OpenAPI document against the real Worker: every operation is called, and each answer's
 * status, media type, headers and body must be what the document says (bodies validated with
 * ajv, JSON Schema 2020-12, against the document's own schemas). Then the documented examples
 * are called as "Test request" in /docs would call them, and must answer 200.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, startWorker, type RunningWorker } from './worker.ts'

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

/** A plain HTTP request: node:http sends conditional requests as written (fetch adds no-cache). */
function request(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, base).toString(),
      { method, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

let worker: RunningWorker
let doc: any
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false })
addFormats.default(ajv)
const validators = new Map<string, ValidateFunction>()
const DOC_ID = 'https://contract.test/openapi.json'

/** The validator of one response schema, by its JSON pointer in the document. */
function validatorFor(pointer: string[]): ValidateFunction {
  const ref = `${DOC_ID}#/${pointer.map((part) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')}`
  let validate = validators.get(ref)
  if (!validate) {
    validate = ajv.compile({ $ref: ref })
    validators.set(ref, validate)
  }
  return validate
}

const JSON_TYPES = new Set(['application/json', 'application/problem+json', 'application/feed+json'])
/** Headers whose presence the document must announce. */
const ANNOUNCED = ['etag', 'last-modified', 'retry-after', 'www-authenticate', 'location']

/** Which operations were called, and which answered 2xx. */
const called = new Set<string>()
const succeeded = new Set<string>()

/**
 * Checks an answer against the document: its status is documented for the operation, its media
 * type too, announced headers are declared, and a JSON body is valid against the schema.
 */
function conforms(operation: { path: string; method: string }, answer: Answer) {
  const op = doc.paths[operation.path]?.[operation.method]
  const where = `${operation.method.toUpperCase()} ${operation.path} → ${answer.status}`
  expect.soft(op, `${operation.method} ${operation.path} is not in the document`).toBeDefined()
  if (!op) return
  called.add(`${operation.method} ${operation.path}`)
  if (answer.status < 300) succeeded.add(`${operation.method} ${operation.path}`)
  const response = op.responses[String(answer.status)]
  expect.soft(response, `${where}: status not documented (${answer.text.slice(0, 200)})`).toBeDefined()
  if (!response) return
  for (const name of ANNOUNCED) {
    if (answer.headers[name] !== undefined)
      expect.soft(Object.keys(response.headers ?? {}), `${where}: header ${name} not documented`).toContain(name)
  }
  for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
    if (header.required) expect.soft(answer.headers[name], `${where}: documented header ${name} missing`).toBeDefined()
  }
  if (answer.text === '') {
    return
  }
  const mediaType = String(answer.headers['content-type']).split(';')[0]!.trim()
  expect.soft(Object.keys(response.content ?? {}), `${where}: media type ${mediaType} not documented`).toContain(mediaType)
  if (!JSON_TYPES.has(mediaType) || !response.content?.[mediaType]) return
  const validate = validatorFor([
    'paths',
    operation.path,
    operation.method,
    'responses',
    String(answer.status),
    'content',
    mediaType,
    'schema',
  ])
  const body = JSON.parse(answer.text)
  const valid = validate(body)
  expect
    .soft(
      valid ? [] : validate.errors!.slice(0, 5).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`),
      `${where}: body does not match its schema`,
    )
    .toEqual([])
}

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
const adminJson = { ...admin, 'content-type': 'application/json' }
const ip = (n: number) => ({ 'cf-connecting-ip': `198.51.100.${n}` })

async function call(path: string, method: string, url: string, headers: Record<string, string> = {}, body?: unknown) {
  const answer = await request(
    worker.url,
    method.toUpperCase(),
    url,
    headers,
    body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  )
  conforms({ path, method }, answer)
  return answer
}

beforeAll(async () => {
  worker = await startWorker()
  doc = JSON.parse((await request(worker.url, 'GET', '/openapi.json')).text)
  ajv.addSchema(doc, DOC_ID)
}, 180_000)

afterAll(() => worker?.stop())

describe('the OpenAPI document against the real Worker', () => {
  it('describes every answer of the public reads, their 304s and their errors', { timeout: 120_000 }, async () => {
    const article = 'eu-and-russian-envoys-resume-talks-in-geneva'
    const list = await call('/v1/articles', 'get', '/v1/articles?limit=2')
    await call('/v1/articles', 'get', `/v1/articles?limit=2&cursor=${JSON.parse(list.text).next_cursor}`)
    await call('/v1/articles', 'get', '/v1/articles?q=geneva&section=europe')
    await call('/v1/articles', 'get', '/v1/articles?section=atlantis')
    await call('/v1/articles', 'get', '/v1/articles?sort=oldest')
    const one = await call('/v1/articles/{slug}', 'get', `/v1/articles/${article}`)
    await call('/v1/articles/{slug}', 'get', `/v1/articles/${article}`, { 'if-none-match': String(one.headers.etag) })
    await call('/v1/articles/{slug}', 'get', '/v1/articles/atlantis')
    await call('/v1/articles/{slug}', 'get', `/v1/articles/${article}`, { authorization: 'Bearer not-a-key' })
    for (const path of ['/v1/authors', '/v1/sections', '/v1/tags', '/v1/publication', '/health']) await call(path, 'get', path)
    await call('/v1/authors/{slug}', 'get', '/v1/authors/elena-varga')
    await call('/v1/authors/{slug}', 'get', '/v1/authors/nobody')
    await call('/v1/authors/{slug}/articles', 'get', '/v1/authors/elena-varga/articles?limit=3')
    await call('/v1/sections/{slug}', 'get', '/v1/sections/europe')
    await call('/v1/tags/{slug}', 'get', '/v1/tags/diplomacy')
    const sync = await call('/v1/sync', 'get', '/v1/sync?limit=200')
    expect(JSON.parse(sync.text).changes.length).toBeGreaterThan(0)
    await call('/v1/sync', 'get', '/v1/sync?cursor=nonsense')
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
      await call('/feeds/{file}', 'get', `/feeds/${file}`)
      await call('/feeds/{scope}/{slug}/{file}', 'get', `/feeds/sections/europe/${file}`)
      await call('/feeds/{lang}/{file}', 'get', `/feeds/fr/${file}`)
      await call('/feeds/{lang}/{scope}/{slug}/{file}', 'get', `/feeds/fr/sections/europe/${file}`)
    }
    await call('/feeds/{lang}/{file}', 'get', '/feeds/es/rss.xml')
    const feed = await call('/feeds/{file}', 'get', '/feeds/feed.json')
    await call('/feeds/{file}', 'get', '/feeds/feed.json', { 'if-none-match': String(feed.headers.etag) })
    await call('/feeds/{file}', 'get', '/feeds/feed.json?key=not-a-key')
    await call('/feeds/{scope}/{slug}/{file}', 'get', '/feeds/tags/nothing/rss.xml')
    await call('/sitemap.xml', 'get', '/sitemap.xml')
    await call('/sitemaps/news.xml', 'get', '/sitemaps/news.xml')
    await call('/sitemaps/articles-{n}.xml', 'get', '/sitemaps/articles-1.xml')
    await call('/problems/{kind}', 'get', '/problems/not-found')
    await call('/problems/{kind}', 'get', '/problems/nonsense')
  })

  it('describes every answer of the admin API and of partners', { timeout: 120_000 }, async () => {
    const draft = {
      headline: 'Contract test draft',
      standfirst: 'A draft.',
      dateline: 'Brussels',
      section: 'europe',
      tags: ['diplomacy'],
      authors: ['elena-varga'],
      image: { url: 'https://www.example-daily.eu/images/x.jpg', alt: 'An image', syndication_allowed: true, width: 1200, height: 800 },
      body: [{ type: 'quote', text: 'A quote.' }],
      status: 'draft',
    }
    const created = await call('/v1/admin/articles/{slug}', 'put', '/v1/admin/articles/contract-draft', adminJson, draft)
    expect(created.status).toBe(201)
    const read = await call('/v1/admin/articles/{slug}', 'get', '/v1/admin/articles/contract-draft', admin)
    expect(JSON.parse(read.text).published_at).toBeNull()
    await call('/v1/admin/articles/{slug}', 'put', '/v1/admin/articles/contract-draft', adminJson, draft) // 428
    await call('/v1/admin/articles/{slug}', 'put', '/v1/admin/articles/contract-draft', { ...adminJson, 'if-match': '"v999"' }, draft) // 412
    await call('/v1/admin/articles/{slug}', 'put', '/v1/admin/articles/contract-draft', { ...admin, 'content-type': 'text/plain' }, 'hello') // 415
    await call(
      '/v1/admin/articles/{slug}',
      'put',
      '/v1/admin/articles/contract-draft',
      { ...adminJson, 'if-match': String(read.headers.etag) },
      { ...draft, headline: 'Edited' },
    )
    const published = await call(
      '/v1/admin/articles/{slug}',
      'patch',
      '/v1/admin/articles/contract-draft',
      { ...adminJson, 'if-match': '*' },
      { status: 'published' },
    )
    await call('/v1/admin/articles', 'get', '/v1/admin/articles?limit=5', admin)
    await call('/v1/admin/articles', 'get', '/v1/admin/articles?status=draft', admin)
    await call('/v1/admin/articles', 'get', '/v1/admin/articles')
    await call('/v1/admin/articles', 'get', '/v1/admin/articles', { authorization: 'Bearer wrong' })
    await call('/v1/admin/articles/{slug}', 'delete', '/v1/admin/articles/contract-draft', {
      ...admin,
      'if-match': String(published.headers.etag),
    })
    await call('/v1/admin/articles/{slug}', 'delete', '/v1/admin/articles/contract-draft', { ...admin, 'if-match': '"v1"' })

    await call('/v1/admin/authors/{slug}', 'put', '/v1/admin/authors/contract-author', adminJson, { name: 'Contract Author' })
    await call('/v1/admin/authors/{slug}', 'delete', '/v1/admin/authors/contract-author', admin)
    await call('/v1/admin/authors/{slug}', 'delete', '/v1/admin/authors/elena-varga', admin) // 409
    await call('/v1/admin/sections/{slug}', 'put', '/v1/admin/sections/contract-section', adminJson, { name: 'Contract' })
    await call('/v1/admin/sections/{slug}', 'delete', '/v1/admin/sections/contract-section', admin)
    await call('/v1/admin/tags/{slug}', 'put', '/v1/admin/tags/contract-tag', adminJson, { name: 'Contract' })
    await call('/v1/admin/tags/{slug}', 'put', '/v1/admin/tags/contract-tag', adminJson, { name: 'Contract', extra: 1 })
    await call('/v1/admin/tags/{slug}', 'delete', '/v1/admin/tags/contract-tag', admin)
    const publication = JSON.parse((await request(worker.url, 'GET', '/v1/publication')).text)
    delete publication.updated_at
    await call('/v1/admin/publication', 'put', '/v1/admin/publication', adminJson, publication)

    const token = JSON.parse(
      (await call('/v1/admin/tokens', 'post', '/v1/admin/tokens', adminJson, { name: 'Contract editor', role: 'editor' })).text,
    )
    await call('/v1/admin/tokens', 'get', '/v1/admin/tokens', admin)
    await call('/v1/admin/tokens', 'get', '/v1/admin/tokens', { authorization: `Bearer ${token.token}` }) // 403
    await call('/v1/admin/tokens/{id}', 'delete', `/v1/admin/tokens/${token.id}`, admin)

    const partner = JSON.parse(
      (await call('/v1/admin/partners', 'post', '/v1/admin/partners', adminJson, { name: 'Contract partner' })).text,
    )
    await call('/v1/admin/partners', 'get', '/v1/admin/partners', admin)
    await call('/v1/articles/{slug}', 'get', '/v1/articles/eu-and-russian-envoys-resume-talks-in-geneva', {
      authorization: `Bearer ${partner.key}`,
    })
    await call('/feeds/{file}', 'get', `/feeds/rss.xml?key=${partner.key}`)
    await call('/v1/admin/partners/{id}', 'delete', `/v1/admin/partners/${partner.id}`, admin)
    await call('/v1/admin/partners/{id}', 'delete', '/v1/admin/partners/99999', admin)
  })

  it('describes every answer of syndication: partners, their endpoints and deliveries, rights, ninjs and events', {
    timeout: 120_000,
  }, async () => {
    // A partner's webhook receiver on this machine (http://localhost: the test Worker runs with WEBHOOK_DEV=true).
    const received: string[] = []
    const receiver = http.createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        received.push(String(req.headers['webhook-id']))
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    try {
      const hook = `http://localhost:${(receiver.address() as { port: number }).port}/hooks/newsroom`
      const partner = JSON.parse(
        (await call('/v1/admin/partners', 'post', '/v1/admin/partners', adminJson, { name: 'Contract syndication partner' })).text,
      )
      const key = { authorization: `Bearer ${partner.key}` }
      const changed = await call('/v1/admin/partners/{id}', 'patch', `/v1/admin/partners/${partner.id}`, adminJson, { embargo: true })
      expect(JSON.parse(changed.text).embargo).toBe(true)
      await call('/v1/admin/partners/{id}', 'patch', `/v1/admin/partners/${partner.id}`, adminJson, { embargo: 'yes' }) // 400
      await call('/v1/admin/partners/{id}', 'patch', '/v1/admin/partners/99999', adminJson, { embargo: false }) // 404
      await call(
        '/v1/admin/partners/{id}',
        'patch',
        `/v1/admin/partners/${partner.id}`,
        { 'content-type': 'application/json' },
        { embargo: false },
      ) // 401

      const events = ['article.published', 'article.updated', 'article.corrected', 'article.withdrawn']
      const endpoint = await call('/v1/admin/partners/{id}/endpoints', 'post', `/v1/admin/partners/${partner.id}/endpoints`, adminJson, {
        url: hook,
        events,
      })
      expect(endpoint.status, endpoint.text).toBe(201)
      const endpointId = JSON.parse(endpoint.text).id
      await call('/v1/admin/partners/{id}/endpoints', 'post', `/v1/admin/partners/${partner.id}/endpoints`, adminJson, {
        url: 'https://10.0.0.1/hooks',
        events,
      }) // 400
      await call('/v1/admin/partners/{id}/endpoints', 'post', '/v1/admin/partners/99999/endpoints', adminJson, { url: hook, events }) // 404
      const endpoints = await call('/v1/admin/partners/{id}/endpoints', 'get', `/v1/admin/partners/${partner.id}/endpoints`, admin)
      expect(JSON.parse(endpoints.text).data).toHaveLength(1)
      const endpointPath = `/v1/admin/partners/${partner.id}/endpoints/${endpointId}`
      await call('/v1/admin/partners/{id}/endpoints/{endpoint}', 'patch', endpointPath, adminJson, { state: 'disabled' })
      const enabled = await call('/v1/admin/partners/{id}/endpoints/{endpoint}', 'patch', endpointPath, adminJson, {
        state: 'active',
        sections: [],
      })
      expect(JSON.parse(enabled.text).state).toBe('active')
      await call('/v1/admin/partners/{id}/endpoints/{endpoint}', 'patch', `/v1/admin/partners/${partner.id}/endpoints/99999`, adminJson, {
        state: 'active',
      }) // 404
      const rotated = await call('/v1/admin/partners/{id}/endpoints/{endpoint}/secret', 'post', `${endpointPath}/secret`, adminJson, {
        overlap_seconds: 3600,
      })
      expect(JSON.parse(rotated.text).secret).toMatch(/^whsec_/)
      await call('/v1/admin/partners/{id}/endpoints/{endpoint}/secret', 'post', `${endpointPath}/secret`, adminJson, '{') // 400

      const article = 'eu-and-russian-envoys-resume-talks-in-geneva'
      const rights = await call('/v1/admin/articles/{slug}/rights', 'get', `/v1/admin/articles/${article}/rights`, admin)
      expect(JSON.parse(rights.text).republish).toBe(true)
      await call('/v1/admin/articles/{slug}/rights', 'get', '/v1/admin/articles/atlantis/rights', admin) // 404
      // Withdrawing the article from partners and giving it back announces it: a delivery to the endpoint.
      await call('/v1/admin/articles/{slug}/rights', 'put', `/v1/admin/articles/${article}/rights`, adminJson, { republish: false })
      await call('/v1/partner/ninjs/{slug}', 'get', `/v1/partner/ninjs/${article}`, key) // 404 while withdrawn
      const restored = await call('/v1/admin/articles/{slug}/rights', 'put', `/v1/admin/articles/${article}/rights`, adminJson, {
        copyright_holder: 'The European Daily',
        republish: true,
      })
      expect(restored.status, restored.text).toBe(200)
      await call('/v1/admin/articles/{slug}/rights', 'put', `/v1/admin/articles/${article}/rights`, adminJson, { republish: 'yes' }) // 400

      const ninjs = await call('/v1/partner/ninjs/{slug}', 'get', `/v1/partner/ninjs/${article}`, key)
      expect(JSON.parse(ninjs.text).pubStatus).toBe('usable')
      await call('/v1/partner/ninjs/{slug}', 'get', `/v1/partner/ninjs/${article}?key=${partner.key}`)
      await call('/v1/partner/ninjs/{slug}', 'get', `/v1/partner/ninjs/${article}`) // 401
      await call('/v1/partner/ninjs/{slug}', 'get', `/v1/partner/ninjs/${article}`, admin) // 401: an editor's token is no partner key
      const list = await call('/v1/partner/ninjs', 'get', '/v1/partner/ninjs?limit=2', key)
      await call('/v1/partner/ninjs', 'get', `/v1/partner/ninjs?limit=2&cursor=${JSON.parse(list.text).next_cursor}`, key)
      await call('/v1/partner/ninjs', 'get', '/v1/partner/ninjs?limit=0', key) // 400
      const feed = await call('/v1/partner/events', 'get', '/v1/partner/events?limit=10', key)
      expect(JSON.parse(feed.text).events.length).toBeGreaterThan(0)
      await call('/v1/partner/events', 'get', '/v1/partner/events?cursor=nonsense', key) // 400

      // The queue delivers in the background: wait for the first attempt, then send its event again.
      let attempts: any[] = []
      for (let i = 0; i < 120 && attempts.length === 0; i++) {
        const page = await call('/v1/admin/partners/{id}/deliveries', 'get', `/v1/admin/partners/${partner.id}/deliveries?limit=5`, admin)
        attempts = JSON.parse(page.text).data
        if (attempts.length === 0) await new Promise((resolve) => setTimeout(resolve, 500))
      }
      expect(attempts.length).toBeGreaterThan(0)
      expect(received).toContain(attempts[0].event_id)
      await call('/v1/admin/partners/{id}/deliveries', 'get', `/v1/admin/partners/${partner.id}/deliveries?cursor=nonsense`, admin) // 400
      const retried = await call(
        '/v1/admin/partners/{id}/deliveries/{event}/retry',
        'post',
        `/v1/admin/partners/${partner.id}/deliveries/${attempts[0].event_id}/retry`,
        admin,
      )
      expect(retried.status, retried.text).toBe(202)
      await call(
        '/v1/admin/partners/{id}/deliveries/{event}/retry',
        'post',
        `/v1/admin/partners/${partner.id}/deliveries/evt_${'0'.repeat(32)}/retry`,
        admin,
      ) // 404
      await call(
        '/v1/admin/partners/{id}/deliveries/{event}/retry',
        'post',
        `/v1/admin/partners/${partner.id}/deliveries/nonsense/retry`,
        admin,
      ) // 400
      await call('/v1/admin/partners/{id}', 'delete', `/v1/admin/partners/${partner.id}`, admin)
    } finally {
      await new Promise((resolve) => receiver.close(resolve))
    }
  })

  it('describes every answer of the sign-ups, for apps and for forms', { timeout: 120_000 }, async () => {
    // Form posts come from an allowed page (ALLOWED_ORIGINS in wrangler.toml): by Origin, or by Referer when no Origin.
    const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' }
    await call(
      '/v1/subscriptions',
      'post',
      '/v1/subscriptions',
      { 'content-type': 'application/json', ...ip(1) },
      { email: 'reader@example.org', consent: true },
    )
    await call('/v1/subscriptions', 'post', '/v1/subscriptions', { 'content-type': 'application/json', ...ip(1) }, { email: 'nope' })
    await call('/v1/subscriptions', 'post', '/v1/subscriptions', { 'content-type': 'text/plain', ...ip(1) }, 'hello')
    await call('/v1/subscriptions', 'post', '/v1/subscriptions', { ...form, ...ip(2) }, 'email=reader%40example.org&consent=true')
    await call(
      '/v1/subscriptions',
      'post',
      '/v1/subscriptions',
      { ...form, ...ip(2) },
      'email=reader%40example.org&consent=true&return_to=http%3A%2F%2Flocalhost%3A3000%2Fthanks',
    )
    await call('/v1/subscriptions', 'post', '/v1/subscriptions', { ...form, ...ip(2) }, 'email=nope')
    await call(
      '/v1/subscriptions',
      'post',
      '/v1/subscriptions',
      { ...form, ...ip(2), origin: 'https://elsewhere.example' },
      'email=reader%40example.org&consent=true',
    )
    const { origin: _, ...noOrigin } = form
    const referred = await call(
      '/v1/subscriptions',
      'post',
      '/v1/subscriptions',
      { ...noOrigin, ...ip(4), referer: 'http://localhost:3000/newsletter' },
      'email=reader%40example.org&consent=true',
    )
    expect(referred.status, referred.text).toBeLessThan(400)
    const unknown = await call(
      '/v1/subscriptions',
      'post',
      '/v1/subscriptions',
      { ...noOrigin, ...ip(4) },
      'email=reader%40example.org&consent=true',
    )
    expect(unknown.status).toBe(403)
    let limited: Answer | undefined
    for (let i = 0; i < 8 && limited?.status !== 429; i++) {
      limited = await call(
        '/v1/subscriptions',
        'post',
        '/v1/subscriptions',
        { ...form, ...ip(3) },
        'email=reader%40example.org&consent=true',
      )
    }
    expect(limited?.status).toBe(429)
    const token = 'a'.repeat(43)
    await call('/v1/subscriptions/confirm', 'get', `/v1/subscriptions/confirm?token=${token}`)
    await call('/v1/subscriptions/confirm', 'get', '/v1/subscriptions/confirm?token=short')
    await call('/v1/subscriptions/confirm', 'post', `/v1/subscriptions/confirm?token=${token}`, { accept: 'application/json' })
    await call('/v1/subscriptions/confirm', 'post', `/v1/subscriptions/confirm?token=${token}`)
    await call('/v1/subscriptions/unsubscribe', 'get', `/v1/subscriptions/unsubscribe?token=${token}`)
    await call('/v1/subscriptions/unsubscribe', 'post', `/v1/subscriptions/unsubscribe?token=${token}`, { accept: 'application/json' })
    await call('/v1/subscriptions/{token}', 'delete', `/v1/subscriptions/${token}`)
    await call('/v1/subscriptions/{token}', 'delete', '/v1/subscriptions/short')
  })

  it('called every operation of the document', () => {
    const operations = Object.entries<any>(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
    expect(operations.filter((operation) => !called.has(operation))).toEqual([])
  })

  it("answers 200 to every public read called with the document's examples, as the docs page's Test request does", {
    timeout: 60_000,
  }, async () => {
    const failures: string[] = []
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      const op = item.get
      if (!op || (op.security && !op.security.some((requirement: object) => Object.keys(requirement).length === 0))) continue
      const params: any[] = op.parameters ?? []
      let url = path
      const query = new URLSearchParams()
      for (const param of params) {
        const example = param.example ?? param.schema?.example
        if (param.in === 'path') url = url.replace(`{${param.name}}`, encodeURIComponent(String(example)))
        else if (param.in === 'query' && example !== undefined) query.set(param.name, String(example))
      }
      const target = query.size ? `${url}?${query}` : url
      const answer = await request(worker.url, 'GET', target)
      if (answer.status !== 200) failures.push(`${target} → ${answer.status}: ${answer.text.slice(0, 200)}`)
    }
    expect(failures).toEqual([])
  })

  it("accepts the request bodies' examples as they are", { timeout: 60_000 }, async () => {
    const example = (name: string) => doc.components.schemas[name].example
    const signup = await call(
      '/v1/subscriptions',
      'post',
      '/v1/subscriptions',
      { 'content-type': 'application/json', ...ip(9) },
      example('SubscriptionRequest'),
    )
    expect(signup.status).toBe(202)
    const put = await call('/v1/admin/articles/{slug}', 'put', '/v1/admin/articles/example-article', adminJson, example('ArticleWrite'))
    expect(put.status, put.text).toBe(201)
    const patch = await call(
      '/v1/admin/articles/{slug}',
      'patch',
      '/v1/admin/articles/example-article',
      { ...adminJson, 'if-match': String(put.headers.etag) },
      example('StatusChange'),
    )
    expect(patch.status, patch.text).toBe(200)
    const token = await call('/v1/admin/tokens', 'post', '/v1/admin/tokens', adminJson, example('TokenCreate'))
    expect(token.status, token.text).toBe(201)
  })
})
