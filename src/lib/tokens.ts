/** Secrets handed to people (confirmation and unsubscribe links) and the hashes we keep of them. */

/** Bytes as base64url without padding (RFC 4648 §5): safe in URLs, paths and KV keys. */
export const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/** 32 random bytes, base64url: 43 characters. */
export function newToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)))
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** A keyed hash (HMAC-SHA-256): for IP addresses, whose few billion values a plain hash would not hide. */
export async function keyedHash(key: string, text: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(text))
  return base64url(new Uint8Array(mac))
}

/** A token is what a link carries: 43 base64url characters. Anything else is not worth a lookup. */
export function looksLikeToken(text: string | undefined): text is string {
  return typeof text === 'string' && /^[A-Za-z0-9_-]{43}$/.test(text)
}

/** Addresses compare without case or surrounding space; this is the form that is hashed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}
