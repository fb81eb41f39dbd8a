import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'))
  // The IPTC's ninjs 3.x JSON Schema, when NINJS_SCHEMA names a copy of it (it is not on npm):
  // test/ninjs-schema.test.ts validates our output against it, and says it skipped otherwise.
  const ninjsSchema = process.env.NINJS_SCHEMA ? readFileSync(process.env.NINJS_SCHEMA, 'utf8') : ''
  return {
    test: {
      // CI also writes a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
      reporters: process.env.CI ? ['default', 'json'] : ['default'],
      outputFile: { json: 'test-results/vitest.json' },
      projects: [
        {
          // The Worker itself, in workerd, with real local D1, KV and Queues.
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                // Test-only: lets tests dispatch queue events to the Worker's own entry point
                // (`exports.default.queue()`, test/queues.test.ts). An experimental flag that
                // production cannot have, which is why it is here and not in wrangler.toml.
                compatibilityFlags: ['service_binding_extra_handlers'],
                // Test-only: the migrations, applied by test/setup.ts into each test file's own D1.
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ADMIN_TOKEN: 'bootstrap-admin-token-for-tests',
                  // A fixed test key for the webhook secrets' encryption (32 bytes of 0x2a, base64).
                  WEBHOOK_ENCRYPTION_KEY: 'KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=',
                  NINJS_SCHEMA: ninjsSchema,
                },
              },
            }),
          ],
          test: {
            name: 'worker',
            include: ['test/**/*.test.ts'],
            exclude: ['test/node/**'],
            setupFiles: ['./test/setup.ts'],
            // Some tests seed a thousand articles or send hundreds of requests: seconds on a busy
            // machine. Speed is the benchmark's business, not the tests'.
            testTimeout: 30_000,
          },
        },
        {
          // Tooling that runs in Node: the OpenAPI linter, the scripts.
          test: { name: 'node', include: ['test/node/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
        },
      ],
    },
  }
})
