/**
 * The layering rules `npm run lint:deps` checks (dependency-cruiser): imports point down, never in
 * a circle. Type-only imports count too: a type from above still ties the data layer to it.
 *
 * The layers, top to bottom: routes/ and middleware/ (HTTP), render/ (HTML, JSON-LD, feed and
 * sitemap formats), then db/ (SQL and rows) with lib/ and schemas/ beside it.
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
      comment: 'db/ returns rows: it knows nothing of routes, middleware or the app that mounts them.',
      from: { path: '^src/db/' },
      to: { path: '^src/(routes/|middleware/|app\\.ts$|index\\.ts$)' },
    },
    {
      name: 'db-not-from-render',
      severity: 'error',
      comment: 'db/ returns rows: HTML, JSON-LD and URLs belong to the presentation layer above it.',
      from: { path: '^src/db/', pathNot: '^src/db/articles\\.ts$' },
      to: { path: '^src/render/' },
    },
    {
      // TEMPORARY, KNOWN EXCEPTION (issue 14): src/db/articles.ts still shapes articles for the API
      // (toArticle renders the body to HTML and builds the JSON-LD), so it imports these two
      // modules. Moving toArticle, toAuthorSummary, toSection and toTag out of db/ removes it:
      // then delete this rule and the pathNot above.
      name: 'db-articles-render-known',
      severity: 'error',
      comment: 'The only render/ modules db/articles.ts may import until toArticle leaves db/.',
      from: { path: '^src/db/articles\\.ts$' },
      to: { path: '^src/render/', pathNot: '^src/render/(blocks|jsonld)\\.ts$' },
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
