import { log } from './log.ts'

/**
 * Cloudflare Turnstile, checked server-side: the token the widget put in the form goes to
 * Turnstile's siteverify endpoint with the secret (TURNSTILE_SECRET) and the client's address
 * (https://developers.cloudflare.com/turnstile/get-started/server-side-validation/).
 */

const VERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify'

/** Tokens are at most 2048 characters; anything longer is not one. */
const MAX_TOKEN_LENGTH = 2048

/**
 * Whether Turnstile vouches for this token. It fails closed: no token, something that cannot be
 * one, or no answer from Turnstile is a no.
 */
export async function turnstilePasses(secret: string, token: unknown, ip: string | undefined): Promise<boolean> {
  if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) return false
  const body = new URLSearchParams({ secret, response: token })
  if (ip !== undefined) body.set('remoteip', ip)
  try {
    const res = await fetch(VERIFY_URL, { method: 'POST', body })
    const outcome = (await res.json()) as { success?: boolean }
    return outcome.success === true
  } catch (error) {
    log('warn', 'turnstile verification unavailable', { error: String(error) })
    return false
  }
}
