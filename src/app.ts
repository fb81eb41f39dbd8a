import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './context.ts'
import { onError, onNotFound, validationHook } from './errors.ts'
import { adminBodyLimit } from './middleware/admin-body-limit.ts'
import { cors } from './middleware/cors.ts'
import { credentials } from './middleware/credentials.ts'
import { personalLinks } from './middleware/personal-links.ts'
import { readThrough } from './middleware/read-through.ts'
import { requestContext } from './middleware/request-context.ts'
import { articles } from './routes/articles.ts'
import { docs } from './routes/docs.ts'
import { problems } from './routes/problems.ts'
import { describeMiddleware } from './openapi.ts'
import { authors } from './routes/authors.ts'
import { health } from './routes/health.ts'
import { publication } from './routes/publication.ts'
import { sections } from './routes/sections.ts'
import { signUp } from './routes/subscriptions/sign-up.ts'
import { subscriberLinks } from './routes/subscriptions/links.ts'
import { sync } from './routes/sync.ts'
import { adminArticles } from './routes/admin/articles.ts'
import { adminTaxonomy } from './routes/admin/taxonomy.ts'
import { adminTokens } from './routes/admin/tokens.ts'
import { adminPartners } from './routes/admin/partners.ts'
import { adminRights } from './routes/admin/rights.ts'
import { adminWebhooks } from './routes/admin/webhooks.ts'
import { partner } from './routes/partner.ts'
import { registerWebhooks } from './routes/webhooks-doc.ts'
import { feeds } from './routes/feeds.ts'
import { sitemaps } from './routes/sitemaps.ts'
import { tags } from './routes/tags.ts'

// Path patterns of the cached public reads (`/x/*` matches `/x` too), and whether partners' keys
// are recognised there.
const PUBLIC_READS: [string, boolean][] = [
  ['/v1/articles/*', true],
  ['/feeds/*', true],
  ['/v1/authors/*', false],
  ['/v1/sections/*', false],
  ['/v1/tags/*', false],
  ['/v1/publication', false],
  ['/sitemap.xml', false],
  ['/sitemaps/*', false],
]

function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.use('*', cors())
  app.use('*', requestContext())
  // The public reads, and only they, go through the cache. Credentials are checked first: a
  // partner's or an editor's answer never comes from, nor goes to, it. Nothing else is cached
  // (the sync log, the subscription pages whose links carry personal tokens, the admin API).
  for (const [path, partners] of PUBLIC_READS) app.use(path, credentials({ partners }), readThrough())
  app.use('/v1/admin/*', adminBodyLimit())
  app.use('/v1/subscriptions/*', personalLinks())
  // The syndication API: partner keys only, never cached.
  app.use('/v1/partner/*', credentials({ partners: true }))
  app.onError(onError)
  app.notFound(onNotFound)

  const routes = app
    .route('/', articles)
    .route('/', authors)
    .route('/', sections)
    .route('/', tags)
    .route('/', publication)
    .route('/', health)
    .route('/', signUp)
    .route('/', subscriberLinks)
    .route('/', sync)
    .route('/', adminArticles)
    .route('/', adminTaxonomy)
    .route('/', adminTokens)
    .route('/', adminPartners)
    .route('/', adminWebhooks)
    .route('/', adminRights)
    .route('/', partner)
    .route('/', feeds)
    .route('/', sitemaps)
    .route('/', problems)

  describeMiddleware(app, PUBLIC_READS)

  app.openAPIRegistry.registerComponent('securitySchemes', 'partnerKey', {
    type: 'http',
    scheme: 'bearer',
    description: "A syndication partner's key (POST /v1/admin/partners); or send it as `?key=`.",
  })
  registerWebhooks(app.openAPIRegistry)

  const documented = routes.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: `${c.get('site').name} content API`,
      version: '1.0.0',
      description:
        'Published articles, authors, sections and tags of a daily online newspaper, as JSON. ' +
        'Every error is an RFC 9457 problem (`application/problem+json`) whose `type` names its kind ' +
        '(`/problems/{kind}`: validation, not-found, unauthorized, rate-limited, unavailable…).',
      contact: { name: `${c.get('site').name} developers`, url: `${c.get('site').apiUrl}/docs` },
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: c.get('site').apiUrl, description: 'This deployment (API_URL)' }],
    // Public reads need no credentials.
    security: [],
    tags: [
      { name: 'Articles', description: 'Published news articles.' },
      { name: 'Authors', description: 'Author profiles and their articles.' },
      { name: 'Sections and tags', description: 'How articles are grouped.' },
      { name: 'Publication', description: 'The newspaper itself.' },
      { name: 'Newsletters', description: 'Sign-ups with double opt-in, confirmation, one-click unsubscribe, erasure.' },
      { name: 'Sync', description: 'The delta feed for apps and partners.' },
      { name: 'Syndication', description: 'RSS, Atom and JSON Feed; sitemaps; full text for partners with a key.' },
      { name: 'Editorial', description: 'Authenticated writes for editors (bearer tokens).' },
      { name: 'Operations', description: 'Health and documentation.' },
    ],
  }))
  // The document and the docs page (which the document does not describe) end the chain, so that
  // AppType has every route.
  return documented.route('/', docs)
}

export const app = createApp()

/** The API's type, for typed clients: `hc<AppType>(baseUrl)` from `hono/client`. */
export type AppType = typeof app
