import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../../context.ts'
import { ApiError, invalid } from '../../errors.ts'
import { newsletterIds, type Newsletters } from '../../lib/newsletters.ts'
import { subscriptionRequest } from '../../schemas/subscription.ts'

/**
 * A sign-up's body as fields, whatever its media type: JSON from apps, urlencoded or multipart
 * from forms, whose values take the JSON shape here (checkboxes to booleans, newsletters to a
 * list), so that one schema judges both.
 */

/** Larger sign-up bodies are refused unread: a form post is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024

/** The field people never see nor fill, and bots do. */
export const HONEYPOT = 'website'

export type Fields = Record<string, unknown>

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']
const MEDIA_TYPES = ['application/json', ...FORM_TYPES]

/** The body's media type, lower case and without parameters ('' when none is declared). */
function mediaTypeOf(c: Context<AppEnv>): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Whether the body is a form's (urlencoded or multipart), as browsers post them. */
export function isFormBody(c: Context<AppEnv>): boolean {
  return FORM_TYPES.includes(mediaTypeOf(c))
}

// Over MAX_BODY_BYTES: a 413, from Content-Length before any of the body is read, or, for a chunked
// body without one, as soon as the bytes read pass the limit, without reading the rest.
const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, `The body is over ${MAX_BODY_BYTES / 1024} KiB.`)
  },
})

/** The body as fields: 415 for another media type, 413 over MAX_BODY_BYTES, 400 when it cannot be read. */
export async function readFields(c: Context<AppEnv>): Promise<Fields> {
  const mediaType = mediaTypeOf(c)
  if (!MEDIA_TYPES.includes(mediaType)) {
    throw new ApiError(415, 'Send application/json, application/x-www-form-urlencoded or multipart/form-data.')
  }
  // The limit, applied here rather than as the route's middleware: the rate limiter, which runs
  // first, reads a form's fields too (to send it back to its page).
  await limitBody(c, async () => {})
  const bytes = await c.req.arrayBuffer()
  if (mediaType === 'application/json') {
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
  if (mediaType === 'multipart/form-data') {
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

/** Form values as the JSON shape: checkboxes to booleans, repeated or comma-separated newsletters to a list. */
function formFields(form: FormData | URLSearchParams): Fields {
  const fields: Fields = {}
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue // files have no place in a sign-up
    if (key === 'newsletters' || key === 'newsletters[]') {
      const list = (fields.newsletters as string[] | undefined) ?? []
      list.push(
        ...value
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
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

const schemas = new WeakMap<Newsletters, ReturnType<typeof subscriptionRequest>>()

/** The sign-up schema for these newsletters (the deployment's NEWSLETTERS), built once per parsed setting. */
export function schemaFor(newsletters: Newsletters) {
  let schema = schemas.get(newsletters)
  if (!schema) {
    schema = subscriptionRequest(newsletterIds(newsletters))
    schemas.set(newsletters, schema)
  }
  return schema
}
