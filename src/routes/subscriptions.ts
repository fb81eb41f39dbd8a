import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../context.ts'
import { confirmSubscriptions, eraseSubscriber, findToken, unsubscribe, type TokenRow } from '../db/subscribers.ts'
import { ApiError, describeErrors, fieldErrors, headerDocs, invalid, PROBLEM_JSON, Problem, problemResponse, validationHook, type FieldError } from '../errors.ts'
import { log } from '../lib/log.ts'
import { newsletterIds, newsletterNames, type Newsletters } from '../lib/newsletters.ts'
import { isAllowedUrl } from '../lib/origins.ts'
import { keyedHash, looksLikeToken, sha256Hex } from '../lib/tokens.ts'
import { actionPage, messagePage } from '../render/pages.ts'
import { signupAdvice } from '../render/signup-errors.ts'
import { SignupMessage, SubscriptionAccepted, SubscriptionBody, SubscriptionState, subscriptionRequest } from '../schemas/subscription.ts'

/** Larger sign-up bodies are refused unread: a form post is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024
const HONEYPOT = 'website'
const TURNSTILE_VERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify'

type Fields = Record<string, unknown>

const problemContent = { [PROBLEM_JSON]: { schema: Problem } }
const htmlContent = { 'text/html': { schema: z.string() } }

// The documented contract. The handlers below parse bodies themselves: a browser form that
// fails must get a page or a redirect, never a JSON problem in the reader's face.
const subscribeRoute = createRoute({
  operationId: 'subscribe',
  method: 'post',
  path: '/v1/subscriptions',
  tags: ['Newsletters'],
  summary: 'Sign up for newsletters (double opt-in)',
  description:
    'From an HTML form (urlencoded or multipart: answers 303 to `return_to` with `?subscription=pending`) or from an app (JSON: answers 202). ' +
    'The answer is the same whether or not the address is already subscribed. A confirmation e-mail follows.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': { schema: SubscriptionBody },
        'application/x-www-form-urlencoded': { schema: SubscriptionBody },
        'multipart/form-data': { schema: SubscriptionBody },
      },
    },
  },
  responses: {
    200: {
      description: 'Form posts without an allowed `return_to` (nor SUBSCRIBE_THANK_YOU_URL): a page asking the reader to check their inbox.',
      content: htmlContent,
    },
    202: { description: 'Accepted: the sign-up is queued.', content: { 'application/json': { schema: SubscriptionAccepted } } },
    303: {
      description: 'Form posts: back to `return_to` (or the thank-you page) with `?subscription=pending`, or `?subscription=error&status=…&fields=…` when it failed.',
      headers: z.object({ location: headerDocs.location }),
    },
    // Form posts that fail without an allowed `return_to` get a page saying what to fix; apps get a problem.
    400: { description: 'Invalid fields, named in `errors` (forms: a page naming them).', content: { ...problemContent, ...htmlContent } },
    403: { description: 'A form posted from an origin that is not allowed, or a failed Turnstile check.', content: { ...problemContent, ...htmlContent } },
    413: { description: 'Body over 16 KiB.', content: { ...problemContent, ...htmlContent } },
    415: { description: 'Not JSON, urlencoded or multipart.', content: { ...problemContent, ...htmlContent } },
    429: {
      description: 'Too many sign-ups from this address; see `Retry-After`.',
      headers: z.object({ 'retry-after': headerDocs['retry-after'] }),
      content: { ...problemContent, ...htmlContent },
    },
    503: {
      description: 'The queue is unavailable: nothing was stored; retry after `Retry-After`.',
      headers: z.object({ 'retry-after': headerDocs['retry-after'] }),
      content: { ...problemContent, ...htmlContent },
    },
  },
})

// The example has a token's shape, so the pages (which change nothing) show in "Test request".
const tokenQuery = z.object({
  token: z.string().openapi({ description: 'The token from the e-mail link.', example: 'Q2xpZW50LWV4YW1wbGUtdG9rZW4tZm9yLWRvY3MtMTI' }),
})

const confirmPageRoute = createRoute({
  operationId: 'confirmSubscriptionPage',
  method: 'get',
  path: '/v1/subscriptions/confirm',
  tags: ['Newsletters'],
  summary: 'The confirmation page (changes nothing)',
  description: 'Mail scanners open links, so a GET only shows a page whose button POSTs to the same URL.',
  request: { query: tokenQuery },
  responses: {
    200: { description: 'A page with a confirm button.', content: htmlContent },
    400: { description: 'The link is incomplete.', content: { ...htmlContent, ...problemContent } },
  },
})

const confirmRoute = createRoute({
  operationId: 'confirmSubscription',
  method: 'post',
  path: '/v1/subscriptions/confirm',
  tags: ['Newsletters'],
  summary: 'Confirm a subscription',
  description: 'HTML for browsers; JSON with `Accept: application/json`. Tokens are single use and expire after 7 days.',
  request: { query: tokenQuery },
  responses: {
    200: { description: 'Confirmed.', content: { 'application/json': { schema: SubscriptionState }, ...htmlContent } },
    400: { description: 'The link is incomplete.', content: { ...htmlContent, ...problemContent } },
    404: { description: 'No such token.', content: { ...htmlContent, ...problemContent } },
    410: { description: 'The token was used or has expired.', content: { ...htmlContent, ...problemContent } },
  },
})

const unsubscribePageRoute = createRoute({
  operationId: 'unsubscribePage',
  method: 'get',
  path: '/v1/subscriptions/unsubscribe',
  tags: ['Newsletters'],
  summary: 'The unsubscribe page (changes nothing)',
  description: 'Mail scanners open links, so a GET only shows a page whose button POSTs to the same URL.',
  request: { query: tokenQuery },
  responses: {
    200: { description: 'A page with an unsubscribe button.', content: htmlContent },
    400: { description: 'The link is incomplete.', content: { ...htmlContent, ...problemContent } },
  },
})

const unsubscribeRoute = createRoute({
  operationId: 'unsubscribe',
  method: 'post',
  path: '/v1/subscriptions/unsubscribe',
  tags: ['Newsletters'],
  summary: 'Unsubscribe in one click (RFC 8058)',
  description: 'What mail clients call for `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. Repeating it is harmless.',
  request: { query: tokenQuery },
  responses: {
    200: { description: 'Unsubscribed.', content: { 'application/json': { schema: SubscriptionState }, ...htmlContent } },
    400: { description: 'The link is incomplete.', content: { ...htmlContent, ...problemContent } },
    404: { description: 'No such token.', content: { ...htmlContent, ...problemContent } },
  },
})

const eraseRoute = createRoute({
  operationId: 'eraseSubscriber',
  method: 'delete',
  path: '/v1/subscriptions/{token}',
  tags: ['Newsletters'],
  summary: "Erase the subscriber's data (GDPR)",
  description:
    'With any token from their e-mails: deletes the address, the subscriptions, tokens and mail. Consent records stay, without the address.',
  request: { params: tokenQuery },
  responses: {
    204: { description: 'Erased.' },
    400: { description: 'Not a token.', content: problemContent },
    404: { description: 'No such token.', content: problemContent },
  },
})

export const subscriptions = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
for (const route of [subscribeRoute, confirmPageRoute, confirmRoute, unsubscribePageRoute, unsubscribeRoute, eraseRoute]) {
  subscriptions.openAPIRegistry.registerPath(route)
}

/**
 * Whether a form post proves that it comes from one of our pages: its Origin is allowed, or, when
 * the browser sent no Origin (older browsers, some privacy settings), its Referer is on an allowed
 * origin. Neither: refused, since nothing then tells a forged post from a real one.
 */
function postedFromAllowedPage(allowedOrigins: ReadonlySet<string>, origin: string | undefined, referer: string | undefined): boolean {
  if (origin !== undefined) return origin !== 'null' && allowedOrigins.has(origin)
  return isAllowedUrl(allowedOrigins, referer)
}

subscriptions.post('/v1/subscriptions', async (c) => {
  const settings = c.get('settings')
  const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  const formBody = contentType === 'application/x-www-form-urlencoded' || contentType === 'multipart/form-data'
  // A browser's form post gets pages and redirects; an app (JSON, or asking for JSON) gets JSON.
  const isForm = formBody && !wantsJson(c)
  const fail = (status: ContentfulStatusCode, detail: string, errors?: FieldError[], fields?: Fields) =>
    isForm ? formFailure(c, status, errors, fields) : problemResponse(c, status, detail, { errors })

  // Any form body counts here, whatever it asks to get back: a cross-site page can post one
  // without a preflight. JSON cannot be posted cross-site without CORS, so apps need neither header.
  if (formBody && !postedFromAllowedPage(settings.allowedOrigins, c.req.header('origin'), c.req.header('referer'))) {
    return fail(403, 'This form may not be posted from another site.')
  }

  const ip = c.req.header('cf-connecting-ip') ?? 'unknown'
  const { success } = await c.env.SUBSCRIBE_LIMITER.limit({ key: ip })
  if (!success) {
    // A form goes back to its page all the same, saying why (the body is small: reading it is cheap).
    const sent = isForm ? await readFields(c, contentType).catch(() => undefined) : undefined
    return withHeader(fail(429, 'Too many sign-ups from this address. Try again in a minute.', undefined, sent), 'retry-after', '60')
  }

  let fields: Fields
  try {
    fields = await readFields(c, contentType)
  } catch (error) {
    if (error instanceof ApiError) return fail(error.status, error.message, error.extra.errors)
    throw error
  }

  const returnTo = typeof fields.return_to === 'string' ? fields.return_to : undefined
  // Bots fill every field; people never see this one. Answer as if it worked, and keep nothing.
  if (typeof fields[HONEYPOT] === 'string' && fields[HONEYPOT] !== '') {
    log('info', 'subscription honeypot filled', { request_id: c.get('requestId') })
    return accepted(c, isForm, returnTo)
  }

  const turnstileToken = fields['cf-turnstile-response']
  delete fields[HONEYPOT]
  delete fields['cf-turnstile-response']
  if (!isForm) delete fields.return_to
  const parsed = schemaFor(settings.newsletters).safeParse(fields)
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, 'body')
    return fail(400, describeErrors(errors), errors, fields)
  }

  if (settings.turnstileSecret && !(await turnstilePasses(settings.turnstileSecret, turnstileToken, ip))) {
    return fail(403, 'The anti-bot check failed. Reload the page and try again.', [
      { field: 'cf-turnstile-response', in: 'body', detail: 'did not pass verification' },
    ], fields)
  }

  const request = parsed.data
  const now = new Date().toISOString()
  const message: SignupMessage = {
    v: 1,
    email: request.email,
    name: request.name || null,
    newsletters: request.newsletters ?? [newsletterIds(settings.newsletters)[0]],
    consent: { wording_version: settings.consentWordingVersion, at: now },
    source: request.source || null,
    received_at: now,
    request_id: c.get('requestId'),
    ip_hash: ip === 'unknown' ? null : await keyedHash(settings.ipHashKey, ip),
  }
  try {
    await c.env.SUBSCRIPTIONS.send(message, { contentType: 'json' })
  } catch (error) {
    // A 202 or 303 promises the sign-up is on the queue: without the queue, promise nothing.
    log('error', 'subscription queue send failed', { request_id: c.get('requestId'), error: String(error) })
    return withHeader(fail(503, 'Sign-ups are briefly unavailable. Nothing was stored; please try again.', undefined, fields), 'retry-after', '30')
  }
  return accepted(c, isForm, returnTo)
})

subscriptions.get('/v1/subscriptions/confirm', (c) => {
  const token = c.req.query('token')
  if (!looksLikeToken(token)) return linkProblem(c, 400, 'This confirmation link is incomplete. Copy the whole link from the e-mail.')
  return c.html(
    actionPage({
      title: 'Confirm your subscription',
      text: 'One more step: confirm that you want to receive our newsletters.',
      action: `/v1/subscriptions/confirm?token=${encodeURIComponent(token)}`,
      button: 'Confirm my subscription',
      autoSubmit: true,
    }),
  )
})

subscriptions.post('/v1/subscriptions/confirm', async (c) => {
  const found = await loadToken(c, 'confirm')
  if (found instanceof Response) return found
  const { hash, token } = found
  if (token.used_at) return linkProblem(c, 410, 'This confirmation link has already been used.')
  if (token.expires_at && token.expires_at <= new Date().toISOString()) {
    return linkProblem(c, 410, 'This confirmation link has expired. Sign up again to get a new one.')
  }
  await confirmSubscriptions(c.get('db'), hash, token, new Date().toISOString())
  const newsletters: string[] = JSON.parse(token.newsletters)
  if (wantsJson(c)) return c.json({ status: 'confirmed' as const, newsletters }, 200)
  return c.html(messagePage('You are subscribed', `Thank you. You will receive: ${newsletterNames(c.get('settings').newsletters, newsletters)}.`))
})

subscriptions.get('/v1/subscriptions/unsubscribe', (c) => {
  const token = c.req.query('token')
  if (!looksLikeToken(token)) return linkProblem(c, 400, 'This unsubscribe link is incomplete. Copy the whole link from the e-mail.')
  return c.html(
    actionPage({
      title: 'Unsubscribe',
      text: 'Stop receiving these newsletters?',
      action: `/v1/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`,
      button: 'Unsubscribe',
    }),
  )
})

subscriptions.post('/v1/subscriptions/unsubscribe', async (c) => {
  const found = await loadToken(c, 'unsubscribe')
  if (found instanceof Response) return found
  await unsubscribe(c.get('db'), found.hash, found.token, new Date().toISOString())
  const newsletters: string[] = JSON.parse(found.token.newsletters)
  if (wantsJson(c)) return c.json({ status: 'unsubscribed' as const, newsletters }, 200)
  return c.html(messagePage('You are unsubscribed', `You will no longer receive: ${newsletterNames(c.get('settings').newsletters, newsletters)}.`))
})

subscriptions.delete('/v1/subscriptions/:token', async (c) => {
  const token = c.req.param('token')
  if (!looksLikeToken(token)) throw invalid([{ field: 'token', in: 'path', detail: 'is not a token from our e-mails' }])
  const row = await findToken(c.get('db'), await sha256Hex(token))
  if (!row) throw new ApiError(404, 'No subscriber has this token.')
  await eraseSubscriber(c.get('db'), row.subscriber_id)
  log('info', 'subscriber erased', { request_id: c.get('requestId') })
  return c.body(null, 204)
})

// ---------------------------------------------------------------------------------------------

const schemas = new WeakMap<Newsletters, ReturnType<typeof subscriptionRequest>>()

/** The sign-up schema for these newsletters, built once per parsed setting. */
function schemaFor(newsletters: Newsletters) {
  let schema = schemas.get(newsletters)
  if (!schema) schemas.set(newsletters, (schema = subscriptionRequest(newsletterIds(newsletters))))
  return schema
}

/** The body as fields, whatever its type; at most MAX_BODY_BYTES are read. */
async function readFields(c: Context<AppEnv>, contentType: string): Promise<Fields> {
  const declared = Number(c.req.header('content-length') ?? 0)
  if (declared > MAX_BODY_BYTES) throw new ApiError(413, `The body is over ${MAX_BODY_BYTES / 1024} KiB.`)
  if (!['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'].includes(contentType)) {
    throw new ApiError(415, 'Send application/json, application/x-www-form-urlencoded or multipart/form-data.')
  }
  const bytes = await readLimited(c.req.raw)
  if (contentType === 'application/json') {
    let value: unknown
    try {
      value = JSON.parse(new TextDecoder().decode(bytes))
    } catch {
      throw invalid([{ field: '(body)', in: 'body', detail: 'is not valid JSON' }])
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalid([{ field: '(body)', in: 'body', detail: 'must be a JSON object' }])
    }
    return value as Fields
  }
  let form: FormData | URLSearchParams
  if (contentType === 'multipart/form-data') {
    try {
      form = await new Response(bytes, { headers: { 'content-type': c.req.header('content-type')! } }).formData()
    } catch {
      throw invalid([{ field: '(body)', in: 'body', detail: 'is not valid multipart/form-data (is the boundary missing?)' }])
    }
  } else {
    form = new URLSearchParams(new TextDecoder().decode(bytes))
  }
  return formFields(form)
}

async function readLimited(request: Request): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_BODY_BYTES) {
      await reader.cancel()
      throw new ApiError(413, `The body is over ${MAX_BODY_BYTES / 1024} KiB.`)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** Form values as the JSON shape: checkboxes to booleans, repeated or comma-separated newsletters to a list. */
function formFields(form: FormData | URLSearchParams): Fields {
  const fields: Fields = {}
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue // files have no place in a sign-up
    if (key === 'newsletters' || key === 'newsletters[]') {
      const list = (fields.newsletters as string[] | undefined) ?? []
      list.push(...value.split(',').map((id) => id.trim()).filter(Boolean))
      fields.newsletters = list
    } else if (key === 'consent') {
      fields.consent = ['on', 'true', 'yes', '1'].includes(value.trim().toLowerCase())
    } else if (value !== '' || key === HONEYPOT) {
      fields[key] = value
    }
  }
  if (fields.consent === undefined) fields.consent = false
  return fields
}

async function turnstilePasses(secret: string, token: unknown, ip: string): Promise<boolean> {
  if (typeof token !== 'string' || token === '' || token.length > 2048) return false
  const body = new URLSearchParams({ secret, response: token })
  if (ip !== 'unknown') body.set('remoteip', ip)
  try {
    const res = await fetch(TURNSTILE_VERIFY_URL, { method: 'POST', body })
    const outcome = (await res.json()) as { success?: boolean }
    return outcome.success === true
  } catch (error) {
    log('warn', 'turnstile verification unavailable', { error: String(error) })
    return false
  }
}

async function accepted(c: Context<AppEnv>, isForm: boolean, returnTo: string | undefined): Promise<Response> {
  const { allowedOrigins, thankYouUrl } = c.get('settings')
  if (!isForm) return c.json({ status: 'pending' as const }, 202)
  const target = isAllowedUrl(allowedOrigins, returnTo) ? returnTo : isAllowedUrl(allowedOrigins, thankYouUrl) ? thankYouUrl : null
  if (!target) {
    return c.html(messagePage('Check your inbox', 'Thank you. We have sent you an e-mail: follow its link to confirm your subscription.'), 200)
  }
  return c.redirect(withQuery(target, { subscription: 'pending' }), 303)
}

/** A form that failed: back to the page it came from, saying what to fix, or a page saying so in plain words. */
async function formFailure(c: Context<AppEnv>, status: ContentfulStatusCode, errors?: FieldError[], fields?: Fields): Promise<Response> {
  const { allowedOrigins, newsletters, site } = c.get('settings')
  const returnTo = typeof fields?.return_to === 'string' ? fields.return_to : undefined
  if (status !== 403 && isAllowedUrl(allowedOrigins, returnTo)) {
    const query: Record<string, string> = { subscription: 'error', status: String(status) }
    if (errors?.length) query.fields = [...new Set(errors.map((e) => e.field))].join(',')
    return c.redirect(withQuery(returnTo, query), 303)
  }
  // The page a form came from, to go back to: the allowed return_to (only refused with a 403), the
  // Referer when it is one of ours, or else the newspaper's home page.
  const referer = c.req.header('referer')
  const back = isAllowedUrl(allowedOrigins, returnTo) ? returnTo : isAllowedUrl(allowedOrigins, referer) ? referer : site.url
  const advice = signupAdvice(status, errors, newsletterNames(newsletters, newsletterIds(newsletters)))
  return c.html(messagePage('We could not sign you up', advice.join(' '), { href: back, label: 'Back to the form' }), status)
}

function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url)
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value)
  return target.toString()
}

async function withHeader(pending: Response | Promise<Response>, name: string, value: string): Promise<Response> {
  const res = await pending
  res.headers.set(name, value)
  return res
}

function wantsJson(c: Context<AppEnv>): boolean {
  return /application\/(problem\+)?json/.test(c.req.header('accept') ?? '')
}

/** A bad, used or expired link: a page for people, a problem for programs. */
async function linkProblem(c: Context<AppEnv>, status: ContentfulStatusCode, detail: string): Promise<Response> {
  if (wantsJson(c)) return problemResponse(c, status, detail)
  return c.html(messagePage(status === 410 ? 'This link no longer works' : 'This link does not work', detail), status)
}

async function loadToken(c: Context<AppEnv>, purpose: TokenRow['purpose']): Promise<{ hash: string; token: TokenRow } | Response> {
  const text = c.req.query('token')
  if (!looksLikeToken(text)) return linkProblem(c, 400, 'This link is incomplete. Copy the whole link from the e-mail.')
  const hash = await sha256Hex(text)
  const token = await findToken(c.get('db'), hash)
  if (!token || token.purpose !== purpose) return linkProblem(c, 404, 'This link is not one of ours, or the subscription was erased.')
  return { hash, token }
}
