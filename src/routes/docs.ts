import { Scalar } from '@scalar/hono-api-reference'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { notFound } from '../errors.ts'

/**
 * The API reference at /docs, served entirely by this Worker: Scalar's browser build comes from
 * the installed @scalar/api-reference package (wrangler.toml's [assets] points at its
 * dist/browser folder, so the deployed files are always the installed version), and the page asks
 * for no fonts, scripts or telemetry from any other host. Offline it still works, and no
 * visitor's address reaches a third party.
 */

/** Where the Worker serves Scalar's files from. */
export const DOCS_ASSETS = '/docs/assets'

// The ESM entry and its lazily imported chunks; the source maps stay unserved.
const ASSET = /^\/docs\/assets\/((?:chunks\/)?[\w.@-]+\.js)$/

export const docs = new Hono<AppEnv>()
  .get(
    '/docs',
    Scalar({
      url: '/openapi.json',
      pageTitle: 'Content API reference',
      // The code-split ESM build, from this Worker instead of jsDelivr.
      bundle: `${DOCS_ASSETS}/standalone.esm.js`,
      // The default Inter and JetBrains Mono come from fonts.scalar.com: use the system's fonts.
      withDefaultFonts: false,
      telemetry: false,
      // "Test request" calls this API directly (CORS allows it), never through proxy.scalar.com.
      proxyUrl: '',
      showDeveloperTools: 'never',
      agent: { disabled: true },
      // No icon to fetch (a browser would otherwise ask this API for /favicon.ico).
      favicon: 'data:,',
    }),
  )
  .get(`${DOCS_ASSETS}/*`, async (c) => {
    const match = ASSET.exec(new URL(c.req.url).pathname)
    if (!match) throw notFound(`No documentation asset at ${new URL(c.req.url).pathname}.`)
    // The assets binding answers from the uploaded folder, with its own ETag and conditional requests.
    const res = await c.env.ASSETS.fetch(new URL(`/${match[1]}`, c.req.url), { headers: c.req.raw.headers })
    if (res.status === 404) throw notFound(`No documentation asset at ${new URL(c.req.url).pathname}.`)
    // A fresh Response: the binding's headers are immutable, and the middleware adds its own.
    return new Response(res.body, res)
  })
