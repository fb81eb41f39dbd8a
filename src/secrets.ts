/**
 * Optional secrets (`wrangler secret put NAME`; `.dev.vars` locally). `wrangler types` only sees
 * secrets that are in a local .dev.vars, which CI and fresh clones do not have, so their names
 * are declared here instead.
 */
export interface Secrets {
  /** The bootstrap admin token: what issues the first editor tokens. */
  ADMIN_TOKEN?: string
  /** Turnstile's secret key: when set, sign-ups must pass a Turnstile check. */
  TURNSTILE_SECRET?: string
  /** The key of the HMAC that turns client IPs into the hashes kept with consents. */
  IP_HASH_SECRET?: string
  /** 32 random bytes in base64: the AES-GCM key that webhook signing secrets are stored under. */
  WEBHOOK_ENCRYPTION_KEY?: string
  /** "true" in local development only: partner endpoints may then be http://localhost. */
  WEBHOOK_DEV?: string
}

// The secrets are part of the Worker's environment: declared into its type here, so that code
// reads `env.ADMIN_TOKEN` as it reads any binding, with no cast. (Settings are read through
// src/settings.ts, which parses them.)
declare global {
  interface Env extends Secrets {}
  namespace Cloudflare {
    interface Env extends Secrets {}
  }
}
