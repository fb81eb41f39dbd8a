/**
 * The partner rate limit, stated to partners in the IETF RateLimit header fields
 * (draft-ietf-httpapi-ratelimit-headers-10/-11: `RateLimit-Policy: "name";q=<quota>;w=<window>`
 * and `RateLimit: "name";r=<remaining>;t=<seconds until the quota resets>`, Structured Fields).
 *
 * The quota is enforced by the PARTNER_LIMITER binding (wrangler.toml; keep these two numbers in
 * step with it), which answers only "allowed or not". The remaining count is therefore this
 * isolate's own tally of the key's requests in the current fixed window: an estimate, never
 * lower than the truth seen from here. A 429 states r=0 and the limiter's whole window.
 */

export const PARTNER_QUOTA = 120
export const PARTNER_WINDOW_SECONDS = 60

const POLICY = `"partner";q=${PARTNER_QUOTA};w=${PARTNER_WINDOW_SECONDS}`

// Requests per key in the current window, in this isolate; bounded, old windows are dropped.
const tallies = new Map<string, { window: number; count: number }>()
const MAX_KEYS = 1_000

/** The RateLimit-Policy and RateLimit headers for a request by this key that was (not) allowed. */
export function partnerRateLimitHeaders(key: string, allowed: boolean, nowMs = Date.now()): Record<string, string> {
  if (!allowed) return { 'ratelimit-policy': POLICY, ratelimit: `"partner";r=0;t=${PARTNER_WINDOW_SECONDS}` }
  const seconds = nowMs / 1000
  const window = Math.floor(seconds / PARTNER_WINDOW_SECONDS)
  let tally = tallies.get(key)
  if (!tally || tally.window !== window) {
    if (tallies.size >= MAX_KEYS) tallies.clear()
    tally = { window, count: 0 }
    tallies.set(key, tally)
  }
  tally.count += 1
  const reset = Math.max(1, Math.ceil((window + 1) * PARTNER_WINDOW_SECONDS - seconds))
  return { 'ratelimit-policy': POLICY, ratelimit: `"partner";r=${Math.max(0, PARTNER_QUOTA - tally.count)};t=${reset}` }
}
