import { z } from 'zod'
import { newslettersOf } from './lib/newsletters.ts'
import type { Site } from './lib/site.ts'

/**
 * The Worker's settings: wrangler.toml's [vars] and the optional secrets (src/secrets.ts), parsed
 * by one zod schema once per environment object (settings change only with a deploy, which starts
 * new isolates). Code reads settings from here, not from `env`: each one's form, default and
 * meaning are said once, below, and a setting that cannot be right (an API_URL that is not a URL,
 * an unknown MAIL_TRANSPORT) fails every request loudly, naming it, instead of quietly shaping
 * answers. (`configFingerprint` in src/cache.ts still hashes the raw values: it only detects change.)
 */

/** An optional secret: absent and empty are the same. */
const secret = z
  .string()
  .optional()
  .transform((value) => value || undefined)

const EnvSettings = z
  .object({
    /** The newspaper's website: `url` fields and feed links point there. */
    SITE_URL: z.url(),
    PUBLICATION_NAME: z.string().min(1),
    /** This API's public origin: every absolute link to the API itself (e-mails, feeds, WebSub topics). */
    API_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
    /** Comma-separated origins that may call from browsers, post sign-up forms and be returned to. */
    ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform(
        (list): ReadonlySet<string> =>
          new Set(
            list
              .split(',')
              .map((origin) => origin.trim())
              .filter(Boolean),
          ),
      ),
    /** `id:Display name` pairs, the first the default (src/lib/newsletters.ts). */
    NEWSLETTERS: z.string().default('').transform(newslettersOf),
    CONSENT_WORDING_VERSION: z.string().min(1),
    /** Where form sign-ups go without an allowed return_to; "" for the built-in page. */
    SUBSCRIBE_THANK_YOU_URL: z.string().default(''),
    MAIL_FROM: z.string().min(1),
    MAIL_TRANSPORT: z.enum(['outbox', 'send_email']),
    /** "" for none. */
    WEBSUB_HUB_URL: z
      .union([z.literal(''), z.url()])
      .default('')
      .transform((url) => url || null),
    ADMIN_TOKEN: secret,
    TURNSTILE_SECRET: secret,
    IP_HASH_SECRET: secret,
    WEBHOOK_DEV: z
      .string()
      .optional()
      .transform((value) => value === 'true'),
  })
  .transform((env) => ({
    site: { url: env.SITE_URL, name: env.PUBLICATION_NAME, apiUrl: env.API_URL } satisfies Site,
    allowedOrigins: env.ALLOWED_ORIGINS,
    newsletters: env.NEWSLETTERS,
    consentWordingVersion: env.CONSENT_WORDING_VERSION,
    thankYouUrl: env.SUBSCRIBE_THANK_YOU_URL || null,
    mailFrom: env.MAIL_FROM,
    mailTransport: env.MAIL_TRANSPORT,
    websubHub: env.WEBSUB_HUB_URL,
    /** The bootstrap admin token, when set. */
    adminToken: env.ADMIN_TOKEN,
    /** When set, sign-ups must pass a Turnstile check. */
    turnstileSecret: env.TURNSTILE_SECRET,
    /** The HMAC key for client IPs kept with consents (the site URL when unset). */
    ipHashKey: env.IP_HASH_SECRET ?? env.SITE_URL,
    /** Local development only: partner endpoints may be http://localhost. */
    webhookDev: env.WEBHOOK_DEV,
  }))

export type Settings = z.output<typeof EnvSettings>

/** Settings that cannot be right. The message names them and what is wrong, never their values. */
export class SettingsError extends Error {
  constructor(error: z.ZodError) {
    super(`Invalid settings: ${error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`)
    this.name = 'SettingsError'
  }
}

const parsed = new WeakMap<object, Settings>()

/** The settings of this environment, parsed on first use. Throws SettingsError when they cannot be right. */
export function settingsOf(env: Env): Settings {
  let settings = parsed.get(env)
  if (settings === undefined) {
    const result = EnvSettings.safeParse(env)
    if (!result.success) throw new SettingsError(result.error)
    settings = result.data
    parsed.set(env, settings)
  }
  return settings
}
