import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../../context.ts'
import { confirmSubscriptions, eraseSubscriber, findToken, unsubscribe, type TokenRow } from '../../db/subscribers.ts'
import { ApiError, problemResponse, validationHook } from '../../errors.ts'
import { log } from '../../lib/log.ts'
import { newsletterNames } from '../../lib/newsletters.ts'
import { looksLikeToken, sha256Hex } from '../../lib/tokens.ts'
import { actionPage, messagePage } from '../../render/pages.ts'
import { SubscriptionState } from '../../schemas/subscription.ts'
import { htmlContent, problemContent, wantsJson } from './common.ts'

/**
 * What the links in our e-mails do, with the token they carry: confirm a subscription,
 * unsubscribe (in one click, RFC 8058), or erase the subscriber. People get pages, programs
 * (`Accept: application/json`) JSON. A GET only shows a page whose button POSTs: mail scanners open
 * links, and must change nothing.
 */

// The example has a token's shape, so the pages (which change nothing) show in "Test request".
const tokenQuery = z.object({
  token: z
    .string()
    .refine(looksLikeToken, 'is not a token from our e-mails')
    .openapi({ description: 'The token from the e-mail link.', example: 'Q2xpZW50LWV4YW1wbGUtdG9rZW4tZm9yLWRvY3MtMTI' }),
})

const confirmSubscriptionPageRoute = createRoute({
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

const confirmSubscriptionRoute = createRoute({
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

const eraseSubscriberRoute = createRoute({
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

/** A bad, used or expired link: a page for people, a problem for programs. */
async function linkProblem(c: Context<AppEnv>, status: ContentfulStatusCode, detail: string): Promise<Response> {
  if (wantsJson(c)) return problemResponse(c, status, detail)
  return c.html(messagePage(status === 410 ? 'This link no longer works' : 'This link does not work', detail), status)
}

/** The links' validation hook: a link without a token of ours is incomplete, which `detail` says. */
function incompleteLink(result: { success: boolean }, c: Context<AppEnv>, detail: string) {
  return result.success ? undefined : linkProblem(c, 400, detail)
}

/** The token of a link for `purpose`, or the 404 that answers a token that is not one of ours. */
async function loadToken(
  c: Context<AppEnv>,
  token: string,
  purpose: TokenRow['purpose'],
): Promise<{ hash: string; row: TokenRow } | Response> {
  const hash = await sha256Hex(token)
  const row = await findToken(c.get('db'), hash)
  if (!row || row.purpose !== purpose) return linkProblem(c, 404, 'This link is not one of ours, or the subscription was erased.')
  return { hash, row }
}

const INCOMPLETE = 'This link is incomplete. Copy the whole link from the e-mail.'

export const subscriberLinks = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    confirmSubscriptionPageRoute,
    (c) =>
      c.html(
        actionPage({
          title: 'Confirm your subscription',
          text: 'One more step: confirm that you want to receive our newsletters.',
          action: `/v1/subscriptions/confirm?token=${encodeURIComponent(c.req.valid('query').token)}`,
          button: 'Confirm my subscription',
          autoSubmit: true,
        }),
      ),
    (result, c) => incompleteLink(result, c, 'This confirmation link is incomplete. Copy the whole link from the e-mail.'),
  )
  .openapi(
    confirmSubscriptionRoute,
    async (c) => {
      const found = await loadToken(c, c.req.valid('query').token, 'confirm')
      if (found instanceof Response) return found
      const { hash, row } = found
      if (row.used_at) return linkProblem(c, 410, 'This confirmation link has already been used.')
      if (row.expires_at && row.expires_at <= c.get('now')) {
        return linkProblem(c, 410, 'This confirmation link has expired. Sign up again to get a new one.')
      }
      await confirmSubscriptions(c.get('db'), hash, row, c.get('now'))
      const newsletters: string[] = JSON.parse(row.newsletters)
      if (wantsJson(c)) return c.json({ status: 'confirmed' as const, newsletters }, 200)
      return c.html(
        messagePage('You are subscribed', `Thank you. You will receive: ${newsletterNames(c.get('settings').newsletters, newsletters)}.`),
      )
    },
    (result, c) => incompleteLink(result, c, INCOMPLETE),
  )
  .openapi(
    unsubscribePageRoute,
    (c) =>
      c.html(
        actionPage({
          title: 'Unsubscribe',
          text: 'Stop receiving these newsletters?',
          action: `/v1/subscriptions/unsubscribe?token=${encodeURIComponent(c.req.valid('query').token)}`,
          button: 'Unsubscribe',
        }),
      ),
    (result, c) => incompleteLink(result, c, 'This unsubscribe link is incomplete. Copy the whole link from the e-mail.'),
  )
  .openapi(
    unsubscribeRoute,
    async (c) => {
      const found = await loadToken(c, c.req.valid('query').token, 'unsubscribe')
      if (found instanceof Response) return found
      await unsubscribe(c.get('db'), found.hash, found.row, c.get('now'))
      const newsletters: string[] = JSON.parse(found.row.newsletters)
      if (wantsJson(c)) return c.json({ status: 'unsubscribed' as const, newsletters }, 200)
      return c.html(
        messagePage('You are unsubscribed', `You will no longer receive: ${newsletterNames(c.get('settings').newsletters, newsletters)}.`),
      )
    },
    (result, c) => incompleteLink(result, c, INCOMPLETE),
  )
  // A token that is not one of ours is a 400 naming `token` (the default validation hook): this
  // route is for programs.
  .openapi(eraseSubscriberRoute, async (c) => {
    const row = await findToken(c.get('db'), await sha256Hex(c.req.valid('param').token))
    if (!row) throw new ApiError(404, 'No subscriber has this token.')
    await eraseSubscriber(c.get('db'), row.subscriber_id)
    log('info', 'subscriber erased', { request_id: c.get('requestId') })
    return c.body(null, 204)
  })
