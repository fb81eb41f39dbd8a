import type { ContentCache } from './cache.ts'
import type { Database } from './db/client.ts'
import type { Site } from './lib/site.ts'

/** What every request carries through the middleware chain. */
export interface AppEnv {
  Bindings: Env
  Variables: {
    requestId: string
    db: Database
    cache: ContentCache
    site: Site
    /** The request's clock, as an ISO string: what "published and not embargoed" is judged against. */
    now: string
  }
}
