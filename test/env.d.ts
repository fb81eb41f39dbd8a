import type { D1Migration } from 'cloudflare:test'

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[]
      /** The text of the ninjs 3.x JSON Schema (from the file NINJS_SCHEMA names), or '' */
      NINJS_SCHEMA: string
    }
  }
}
