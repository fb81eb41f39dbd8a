import type { ContentCache } from './cache.ts'
import type { Database } from './db/client.ts'
import type { Site } from './lib/site.ts'
import type { Settings } from './settings.ts'

export type Role = 'editor' | 'admin'

/** Who is calling the admin API. */
export interface Editor {
  /** The editor_tokens row, or null for the bootstrap token. */
  tokenId: number | null
  name: string
  role: Role
}

/** What every request carries through the middleware chain. */
export interface AppEnv {
  Bindings: Env
  Variables: {
    requestId: string
    db: Database
    cache: ContentCache
    /** The environment's settings, parsed (src/settings.ts). */
    settings: Settings
    site: Site
    /** A fingerprint of the settings that shape answers, which cache entries record. */
    config: string
    /** The request's clock, as an ISO string: what "published and not embargoed" is judged against. */
    now: string
    /** Set on /v1/admin routes by the auth middleware. */
    editor: Editor
    /** Set on feeds and articles by the partner middleware: null for the public. */
    partner: { id: number; name: string /** may see embargoed copy */; embargo: boolean } | null
  }
}
