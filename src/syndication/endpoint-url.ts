import type { FieldError } from '../errors.ts'

/**
 * Where partners' endpoints may point. Deliveries are requests our Worker makes to a URL an admin
 * typed: they must not be turned against our own or anyone's private network (SSRF). So: https
 * only (plain http only for localhost, and only in local development, WEBHOOK_DEV=true), no
 * credentials in the URL, and in production no host that is, or resolves to, a loopback, private,
 * link-local or otherwise non-public address. Redirects are never followed at delivery
 * (`redirect: 'manual'`), so a public URL cannot bounce a delivery to a private one.
 */

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa|localdomain)$/i

/** Whether an IPv4 address (dotted quad) is outside the public unicast space. */
export function isPrivateIPv4(address: string): boolean {
  const parts = address.split('.').map(Number)
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return true
  const [a, b] = parts as [number, number, number, number]
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (cloud metadata services live here)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && parts[2] === 0) ||
    (a === 198 && (b === 18 || b === 19))
  )
}

/** Whether an IPv6 address (as URL.hostname writes it, without brackets) is not public unicast. */
export function isPrivateIPv6(address: string): boolean {
  const a = address.toLowerCase()
  if (a === '::' || a === '::1') return true
  const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)
  if (mapped) return isPrivateIPv4(mapped[1]!)
  if (/^::ffff:/.test(a)) return true
  return /^(fc|fd|fe[89ab]|ff)/.test(a) // unique local, link-local, multicast
}

const isIPv4 = (host: string) => /^\d+\.\d+\.\d+\.\d+$/.test(host)

export function isPrivateAddress(address: string): boolean {
  return isIPv4(address) ? isPrivateIPv4(address) : address.includes(':') ? isPrivateIPv6(address) : true
}

/** The field error for an endpoint URL that breaks the static rules, or null. */
export function endpointUrlError(text: string, dev: boolean): FieldError | null {
  const fail = (detail: string): FieldError => ({ field: 'url', in: 'body', detail })
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return fail('is not a URL')
  }
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const loopbackHost = host === 'localhost' || host === '127.0.0.1' || host === '::1'
  if (url.username || url.password) return fail('must not carry a user name or password')
  if (url.protocol === 'http:') {
    if (!(dev && loopbackHost)) return fail('must be https (plain http is accepted only for localhost in local development)')
    return null
  }
  if (url.protocol !== 'https:') return fail('must be https')
  if (dev && loopbackHost) return null
  if (LOCAL_NAMES.test(host) || (!host.includes('.') && !host.includes(':'))) return fail('must be a public host name')
  if ((isIPv4(host) || host.includes(':')) && isPrivateAddress(host)) return fail('must not be a loopback, private or link-local address')
  return null
}

/** DNS over HTTPS (JSON API), for the addresses a host name resolves to. */
const DOH = 'https://cloudflare-dns.com/dns-query'

/**
 * The non-public addresses `host` resolves to (A and AAAA), by DNS over HTTPS. Throws when the
 * resolver does not answer: a check that could not be made is not a pass.
 */
export async function privateAddressesOf(host: string, fetcher: typeof fetch = fetch): Promise<string[]> {
  if (isIPv4(host) || host.includes(':')) return isPrivateAddress(host) ? [host] : []
  const answers = await Promise.all(
    ['A', 'AAAA'].map(async (type) => {
      const res = await fetcher(`${DOH}?name=${encodeURIComponent(host)}&type=${type}`, {
        headers: { accept: 'application/dns-json' },
        signal: AbortSignal.timeout(5_000),
      })
      if (!res.ok) throw new Error(`DNS lookup failed: status ${res.status}`)
      const body = (await res.json()) as { Answer?: { type: number; data: string }[] }
      return (body.Answer ?? []).filter((answer) => answer.type === 1 || answer.type === 28).map((answer) => answer.data)
    }),
  )
  return answers.flat().filter(isPrivateAddress)
}
