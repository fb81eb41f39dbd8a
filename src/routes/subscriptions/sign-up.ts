import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context, ErrorHandler, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../context.ts'
import { ApiError, fieldErrors, headerDocs, invalid, onError, validationHook } from '../../errors.ts'
import { log } from '../../lib/log.ts'
import { newsletterIds, newsletterNames } from '../../lib/newsletters.ts'
import { isAllowedUrl } from '../../lib/origins.ts'
import { keyedHash } from '../../lib/tokens.ts'
import { turnstilePasses } from '../../lib/turnstile.ts'
import { messagePage } from '../../render/pages.ts'
import { signupAdvice } from '../../render/signup-errors.ts'
import { type SignupMessage, SubscriptionAccepted, SubscriptionBody } from '../../schemas/subscription.ts'
import { htmlContent, problemContent, wantsJson } from './common.ts'
import { HONEYPOT, isFormBody, readFields, schemaFor, type Fields } from './sign-up-fields.ts'

/**
 * Newsletter sign-ups (double opt-in), from a browser's form or from an app. A form that fails
 * goes back to its page, or to a page saying what to fix, never to a JSON problem in the reader's
 * face: the route's own error handler (`signUpFailure`) answers every failure, for forms, so that
 * the handler and its middleware throw ApiErrors like any other route.
 */

/** The sign-up's context: the body's fields once read, which a failed form's answer goes back with. */
type SignUpEnv = AppEnv & { Variables: { fields?: Fields } }

// The body is documented here and read by the handler (./sign-up-fields.ts), not by zod-openapi's
// validators: a form's values need reshaping to the JSON shape first, the newsletters to choose
// from are the deployment's (NEWSLETTERS), and zod-openapi runs a required body's validator for
// every declared media type on every request (the JSON one would judge a form's body as `{}`).
const body = { schema: { $ref: '#/components/schemas/SubscriptionRequest' } }

const subscribeRoute = createRoute({
  operationId: 'subscribe',
  method: 'post',
  path: '/v1/subscriptions',
  tags: ['Newsletters'],
  summary: 'Sign up for newsletters (double opt-in)',
  description:
    'From an HTML form (urlencoded or multipart: answers 303 to `return_to` with `?subscription=pending`) or from an app (JSON: answers 202). ' +
    'The answer is the same whether or not the address is already subscribed. A confirmation e-mail follows.',
  middleware: [formsFromOurPages(), signUpRateLimit()] as const,
  request: {
    body: {
      required: true,
      content: { 'application/json': body, 'application/x-www-form-urlencoded': body, 'multipart/form-data': body },
    },
  },
  responses: {
    200: {
      description:
        'Form posts without an allowed `return_to` (nor SUBSCRIBE_THANK_YOU_URL): a page asking the reader to check their inbox.',
      content: htmlContent,
    },
    202: { description: 'Accepted: the sign-up is queued.', content: { 'application/json': { schema: SubscriptionAccepted } } },
    303: {
      description:
        'Form posts: back to `return_to` (or the thank-you page) with `?subscription=pending`, or `?subscription=error&status=…&fields=…` when it failed.',
      headers: z.object({ location: headerDocs.location }),
    },
    // Form posts that fail without an allowed `return_to` get a page saying what to fix; apps get a problem.
    400: { description: 'Invalid fields, named in `errors` (forms: a page naming them).', content: { ...problemContent, ...htmlContent } },
    403: {
      description: 'A form posted from an origin that is not allowed, or a failed Turnstile check.',
      content: { ...problemContent, ...htmlContent },
    },
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

/** A browser's form post, which gets pages and redirects; an app (JSON, or asking for JSON) gets JSON. */
function isBrowserForm(c: Context<AppEnv>): boolean {
  return isFormBody(c) && !wantsJson(c)
}

/** The body's fields, read once and kept on the context for the failure's answer. */
async function readSignUp(c: Context<SignUpEnv>): Promise<Fields> {
  const fields = await readFields(c)
  c.set('fields', fields)
  return fields
}

/**
 * Refuses a form post that does not prove it comes from one of our pages: its Origin is allowed,
 * or, when the browser sent no Origin (older browsers, some privacy settings), its Referer is on an
 * allowed origin. Neither: refused, since nothing then tells a forged post from a real one. Any form
 * body counts here, whatever it asks to get back: a cross-site page can post one without a
 * preflight. JSON cannot be posted cross-site without CORS, so apps need neither header.
 */
function formsFromOurPages(): MiddlewareHandler<SignUpEnv> {
  return async function formsFromOurPages(c, next) {
    if (isFormBody(c) && !postedFromAllowedPage(c.get('settings').allowedOrigins, c.req.header('origin'), c.req.header('referer'))) {
      throw new ApiError(403, 'This form may not be posted from another site.')
    }
    await next()
  }
}

function postedFromAllowedPage(allowedOrigins: ReadonlySet<string>, origin: string | undefined, referer: string | undefined): boolean {
  if (origin !== undefined) return origin !== 'null' && allowedOrigins.has(origin)
  return isAllowedUrl(allowedOrigins, referer)
}

/** A few sign-ups a minute from one address (the SUBSCRIBE_LIMITER binding), before the body is read. */
function signUpRateLimit(): MiddlewareHandler<SignUpEnv> {
  return async function signUpRateLimit(c, next) {
    const { success } = await c.env.SUBSCRIBE_LIMITER.limit({ key: c.req.header('cf-connecting-ip') ?? 'unknown' })
    if (!success) {
      // A form goes back to its page all the same, saying why: its fields say where (the body is
      // small, reading it is cheap; one that cannot be read gets the error page).
      if (isBrowserForm(c)) await readSignUp(c).catch(() => undefined)
      throw new ApiError(429, 'Too many sign-ups from this address. Try again in a minute.', { headers: { 'retry-after': '60' } })
    }
    await next()
  }
}

/**
 * The sign-up's own error handler. A browser's form that failed goes back to the page it came
 * from, saying what to fix, or gets a page saying so in plain words; apps, and failures that are
 * not the request's fault (a 500), get the API's problem, as from any route.
 */
const signUpFailure: ErrorHandler<SignUpEnv> = (error, c) => {
  if (!(error instanceof ApiError) || !isBrowserForm(c)) return onError(error, c)
  return formFailure(c, error, c.get('fields'))
}

/** A form that failed: back to an allowed `return_to` with `?subscription=error`, or a page. */
async function formFailure(c: Context<SignUpEnv>, error: ApiError, fields: Fields | undefined): Promise<Response> {
  const { status, extra } = error
  const { allowedOrigins, newsletters, site } = c.get('settings')
  const returnTo = typeof fields?.return_to === 'string' ? fields.return_to : undefined
  let res: Response
  if (status !== 403 && isAllowedUrl(allowedOrigins, returnTo)) {
    const query: Record<string, string> = { subscription: 'error', status: String(status) }
    if (extra.errors?.length) query.fields = [...new Set(extra.errors.map((e) => e.field))].join(',')
    res = c.redirect(withQuery(returnTo, query), 303)
  } else {
    // The page a form came from, to go back to: the allowed return_to (only refused with a 403),
    // the Referer when it is one of ours, or else the newspaper's home page.
    const referer = c.req.header('referer')
    const back = isAllowedUrl(allowedOrigins, returnTo) ? returnTo : isAllowedUrl(allowedOrigins, referer) ? referer : site.url
    const advice = signupAdvice(status, extra.errors, newsletterNames(newsletters, newsletterIds(newsletters)))
    res = await c.html(messagePage('We could not sign you up', advice.join(' '), { href: back, label: 'Back to the form' }), status)
  }
  for (const [name, value] of Object.entries(extra.headers ?? {})) res.headers.set(name, value)
  return res
}

/** A sign-up that went through (or a bot's, which is answered alike): 202 for apps, a redirect or a page for forms. */
async function accepted(c: Context<SignUpEnv>, isForm: boolean, returnTo: string | undefined): Promise<Response> {
  const { allowedOrigins, thankYouUrl } = c.get('settings')
  if (!isForm) return c.json({ status: 'pending' as const }, 202)
  const target = isAllowedUrl(allowedOrigins, returnTo) ? returnTo : isAllowedUrl(allowedOrigins, thankYouUrl) ? thankYouUrl : null
  if (!target) {
    return c.html(
      messagePage('Check your inbox', 'Thank you. We have sent you an e-mail: follow its link to confirm your subscription.'),
      200,
    )
  }
  return c.redirect(withQuery(target, { subscription: 'pending' }), 303)
}

function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url)
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value)
  return target.toString()
}

export const signUp = new OpenAPIHono<SignUpEnv>({ defaultHook: validationHook })
  .openapi(subscribeRoute, async (c) => {
    const settings = c.get('settings')
    const isForm = isBrowserForm(c)
    const fields = await readSignUp(c)
    const returnTo = typeof fields.return_to === 'string' ? fields.return_to : undefined
    // Bots fill every field; people never see this one. Answer as if it worked, and keep nothing.
    if (typeof fields[HONEYPOT] === 'string' && fields[HONEYPOT] !== '') {
      log('info', 'subscription honeypot filled', { request_id: c.get('requestId') })
      return accepted(c, isForm, returnTo)
    }
    // What the schema judges: neither the honeypot nor the Turnstile token, nor an app's `return_to`.
    const { [HONEYPOT]: _honeypot, 'cf-turnstile-response': turnstileToken, ...submitted } = fields
    if (!isForm) delete submitted.return_to
    const parsed = schemaFor(settings.newsletters).safeParse(submitted)
    if (!parsed.success) throw invalid(fieldErrors(parsed.error, 'body'))

    const ip = c.req.header('cf-connecting-ip')
    if (settings.turnstileSecret && !(await turnstilePasses(settings.turnstileSecret, turnstileToken, ip))) {
      throw new ApiError(403, 'The anti-bot check failed. Reload the page and try again.', {
        errors: [{ field: 'cf-turnstile-response', in: 'body', detail: 'did not pass verification' }],
      })
    }

    const request = parsed.data
    const now = c.get('now')
    const message: SignupMessage = {
      v: 1,
      email: request.email,
      name: request.name || null,
      newsletters: request.newsletters ?? [newsletterIds(settings.newsletters)[0]],
      consent: { wording_version: settings.consentWordingVersion, at: now },
      source: request.source || null,
      received_at: now,
      request_id: c.get('requestId'),
      ip_hash: ip === undefined ? null : await keyedHash(settings.ipHashKey, ip),
    }
    try {
      await c.env.SUBSCRIPTIONS.send(message, { contentType: 'json' })
    } catch (error) {
      // A 202 or 303 promises the sign-up is on the queue: without the queue, promise nothing.
      log('error', 'subscription queue send failed', { request_id: c.get('requestId'), error: String(error) })
      throw new ApiError(503, 'Sign-ups are briefly unavailable. Nothing was stored; please try again.', {
        headers: { 'retry-after': '30' },
      })
    }
    return accepted(c, isForm, returnTo)
  })
  .onError(signUpFailure)

// The body's schema, which the route refers to rather than validates with (see `body` above).
signUp.openAPIRegistry.register('SubscriptionRequest', SubscriptionBody)
