/**
 * The layering rules `npm run lint:deps` checks (dependency-cruiser): imports point down, never in
 * a circle. Type-only imports count too: a type from above still ties the data layer to it.
 *
 * The layers, top to bottom: routes/ and middleware/ (HTTP), present/ (rows into the API's shapes:
 * links, localized names, rendered bodies), render/ (HTML, JSON-LD, feed and sitemap formats),
 * then db/ (SQL and rows) with lib/ and schemas/ beside it.
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other, directly or through others: neither can be understood, tested or moved alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'db-not-from-http',
      severity: 'error',
      comment: 'db/ returns rows: it knows nothing of routes, middleware, the request context or the app that mounts them.',
      from: { path: '^src/db/' },
      to: { path: '^src/(routes/|middleware/|app\\.ts$|index\\.ts$|context\\.ts$)' },
    },
    {
      name: 'db-not-from-presentation',
      severity: 'error',
      comment: 'db/ returns rows: HTML, JSON-LD and URLs belong to present/ and render/ above it.',
      from: { path: '^src/db/' },
      to: { path: '^src/(present|render)/' },
    },
    {
      name: 'db-builds-no-urls',
      severity: 'error',
      comment: 'db/ returns slugs; links on the website are built by present/ from the site settings.',
      from: { path: '^src/db/' },
      to: { path: '^src/(lib/site|settings)\\.ts$' },
    },
    {
      name: 'present-not-from-http',
      severity: 'error',
      comment: 'present/ turns rows into API shapes for any caller (routes, sync, webhooks): it knows nothing of HTTP.',
      from: { path: '^src/present/' },
      to: { path: '^src/(routes/|middleware/|app\\.ts$|index\\.ts$|context\\.ts$)' },
    },
    {
      name: 'render-not-from-above',
      severity: 'error',
      comment: 'render/ holds pure formats (HTML, JSON-LD, feeds, sitemaps): it reads API shapes, never rows or requests.',
      from: { path: '^src/render/' },
      to: { path: '^src/(db|present|routes|middleware)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import the checker cannot follow is one it cannot check: make it resolvable.',
      from: {},
      to: { couldNotResolve: true, pathNot: '^cloudflare:' },
    },
  ],
  options: {
    // TypeScript 7 has no JavaScript API for dependency-cruiser to parse with; swc parses .ts.
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
    // Package subpaths (hono/html, hono/cors…) resolve through their `exports` maps.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default'] },
  },
}
