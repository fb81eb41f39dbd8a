import { Webhook } from 'standardwebhooks'
import { ApiError } from '../errors.ts'
import type { Secrets } from '../secrets.ts'

/**
 * Webhook signing secrets. Unlike API keys, which we only ever compare and so keep as hashes,
 * a signing secret must be used as an HMAC key on every delivery: we need the secret itself. It is
 * stored encrypted (AES-256-GCM, a random IV per secret) under the WEBHOOK_ENCRYPTION_KEY Worker
 * secret, so a copy of the database (an export, a backup, a leaked query result) does not let
 * anyone forge our signatures. The clear secret exists only in the admin's creation or rotation
 * response and in memory while a delivery is signed; it is never logged.
 */

const AAD = new TextEncoder().encode('newsroom webhook secret v1')

/** A new secret in the Standard Webhooks format: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0))

async function keyFrom(env: Secrets): Promise<CryptoKey> {
  const raw = env.WEBHOOK_ENCRYPTION_KEY
  let bytes: Uint8Array | null = null
  try {
    bytes = raw ? fromBase64(raw) : null
  } catch {
    bytes = null
  }
  if (bytes?.length !== 32) {
    throw new ApiError(500, 'Webhook secrets cannot be stored or used: WEBHOOK_ENCRYPTION_KEY must be 32 random bytes in base64.')
  }
  return crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt'])
}

export async function encryptSecret(env: Secrets, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: AAD },
    await keyFrom(env),
    new TextEncoder().encode(secret),
  )
  return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`
}

export async function decryptSecret(env: Secrets, stored: string): Promise<string> {
  const [version, iv, sealed] = stored.split('.')
  if (version !== 'v1' || !iv || !sealed) throw new Error('unknown webhook secret format')
  const clear = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(iv), additionalData: AAD },
    await keyFrom(env),
    fromBase64(sealed),
  )
  return new TextDecoder().decode(clear)
}

/**
 * The `webhook-signature` header value: one `v1,<base64>` signature per secret, space-separated
 * (Standard Webhooks), so that during a rotation's overlap a receiver holding either secret can
 * verify. Signed by the standardwebhooks library itself.
 */
export function signatures(secrets: string[], id: string, at: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' ')
}
