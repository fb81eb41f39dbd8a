import { z } from '@hono/zod-openapi'
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import type { AppEnv } from './context.ts'
import { ConstraintError, StorageError } from './db/client.ts'
import { log } from './lib/log.ts'

/**
 * Every error leaves the API as an RFC 9457 problem (application/problem+json), shaped here and
 * nowhere else. Routes throw ApiError; validation failures and unexpected exceptions are turned
 * into problems by the hook and the error handler below.
 */

export const PROBLEM_JSON = 'application/problem+json'

export const FieldError = z
  .object({
    field: z.string().openapi({ example: 'limit', description: 'The parameter or body field at fault, dotted for nested fields.' }),
    in: z.enum(['query', 'path', 'header', 'body', 'cookie']),
    detail: z.string().openapi({ example: 'Too big: expected number to be <=100' }),
  })
  .openapi('FieldError')

/**
 * The kinds of problem, one per status this API answers with. Each has a `type` URI,
 * `{API_URL}/problems/{kind}`, whose page (GET /problems/{kind}) says what it means and what to
 * do: clients branch on `type`, not on `status`.
 */
export const PROBLEM_KINDS = {
  validation: {
    status: 400,
    title: 'Bad Request',
    explanation:
      'A parameter, header or body field is invalid. `errors` names each one, with where it is (`in`) and what is wrong (`detail`).',
    advice: 'Fix the fields named in `errors`; do not retry unchanged.',
  },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    explanation:
      'The request needs credentials and has none, or a token or partner key that is not valid or was revoked. `WWW-Authenticate` says which scheme.',
    advice: 'Send a valid token (`Authorization: Bearer …`) or partner key.',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    explanation:
      'The credentials are valid but not allowed to do this (an editor token on an admin-only route), or a form was posted from an origin that is not allowed, or a Turnstile check failed.',
    advice: 'Use credentials with the needed role, or post from an allowed origin.',
  },
  'not-found': {
    status: 404,
    title: 'Not Found',
    explanation: 'Nothing is published at this address: no such slug, id or token, or an article not yet published.',
    advice: 'Check the slug; lists and the sync feed give the ones that exist.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method Not Allowed',
    explanation: 'This address does not answer this method.',
    advice: 'See the API reference for the methods each path takes.',
  },
  'not-acceptable': {
    status: 406,
    title: 'Not Acceptable',
    explanation: 'No representation matches the `Accept` header.',
    advice: 'Accept one of the media types the API reference lists.',
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    explanation: 'The resource is still in use (a section, tag or author that articles point at).',
    advice: 'Move or delete what uses it first.',
  },
  gone: {
    status: 410,
    title: 'Gone',
    explanation: 'The link was used already or has expired.',
    advice: 'Start again (sign up again for a new confirmation link).',
  },
  'precondition-failed': {
    status: 412,
    title: 'Precondition Failed',
    explanation: '`If-Match` does not match the current version: someone else changed the resource since you read it.',
    advice: 'Read it again, re-apply your change, and send the new ETag.',
  },
  'too-large': {
    status: 413,
    title: 'Content Too Large',
    explanation: 'The request body is larger than this route accepts.',
    advice: 'Send a smaller body.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported Media Type',
    explanation: 'The body is not in a media type this route reads (`Content-Type`).',
    advice: 'Send `application/json` (or, for sign-up forms, urlencoded or multipart).',
  },
  'precondition-required': {
    status: 428,
    title: 'Precondition Required',
    explanation: 'Replacing this resource needs `If-Match` with the ETag of the version you edited.',
    advice: 'Read the resource, then send its ETag as `If-Match`.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too Many Requests',
    explanation: 'Too many requests from this address or partner key in a short time.',
    advice: 'Wait `Retry-After` seconds, then try again.',
  },
  internal: {
    status: 500,
    title: 'Internal Server Error',
    explanation: 'An unexpected error. It was logged with the `request_id`.',
    advice: 'Retry later; if it persists, report the `request_id`.',
  },
  unavailable: {
    status: 503,
    title: 'Service Unavailable',
    explanation: 'A storage or queue dependency did not answer. Nothing was changed.',
    advice: 'Retry after `Retry-After` seconds.',
  },
} as const satisfies Record<string, { status: number; title: string; explanation: string; advice: string }>

export type ProblemKind = keyof typeof PROBLEM_KINDS

const KIND_OF_STATUS = new Map<number, ProblemKind>(
  Object.entries(PROBLEM_KINDS).map(([kind, { status }]) => [status, kind as ProblemKind]),
)

/** The `type` URI of a kind of problem, under this deployment's API_URL. */
export const problemType = (apiUrl: string, kind: ProblemKind) => `${apiUrl}/problems/${kind}`

const KIND_LIST = Object.keys(PROBLEM_KINDS)
  .map((kind) => `\`${kind}\``)
  .join(', ')

export const Problem = z
  .object({
    type: z.url().openapi({
      example: 'http://localhost:8787/problems/not-found',
      description: `What kind of problem: \`{API_URL}/problems/{kind}\`, where kind is one of ${KIND_LIST}. The URL serves a page that explains it.`,
    }),
    title: z.string().openapi({ example: 'Not Found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().optional().openapi({ example: "No published article has the slug 'atlantis'." }),
    instance: z.string().optional().openapi({ example: '/v1/articles/atlantis' }),
    request_id: z.string().openapi({ description: 'Quote it when reporting a problem.', example: '0b6c1c55-3b0e-4d8a-9d47-6c3f3f7a2a10' }),
    errors: z.array(FieldError).optional(),
  })
  .openapi('Problem')

export type FieldError = z.infer<typeof FieldError>
export type Problem = z.infer<typeof Problem>

export class ApiError extends Error {
  readonly status: ContentfulStatusCode
  readonly extra: { errors?: FieldError[]; headers?: Record<string, string> }

  constructor(status: ContentfulStatusCode, detail: string, extra: ApiError['extra'] = {}) {
    super(detail)
    this.name = 'ApiError'
    this.status = status
    this.extra = extra
  }
}

export const notFound = (detail: string) => new ApiError(404, detail)

/** Field errors in one line, for `detail`. */
export const describeErrors = (errors: FieldError[]) => errors.map((e) => `${e.field}: ${e.detail}`).join('; ')

export const invalid = (errors: FieldError[]) => new ApiError(400, describeErrors(errors), { errors })

export function problemResponse(c: Context<AppEnv>, status: ContentfulStatusCode, detail: string, extra: ApiError['extra'] = {}): Response {
  const kind = KIND_OF_STATUS.get(status)
  const apiUrl = c.get('site')?.apiUrl ?? new URL(c.req.url).origin
  const body: Problem = {
    type: kind ? problemType(apiUrl, kind) : 'about:blank',
    title: kind ? PROBLEM_KINDS[kind].title : 'Error',
    status,
    detail,
    instance: new URL(c.req.url).pathname,
    request_id: c.get('requestId'),
    ...(extra.errors ? { errors: extra.errors } : {}),
  }
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': PROBLEM_JSON, 'cache-control': 'no-store', ...extra.headers },
  })
}

const TARGETS: Record<string, FieldError['in']> = {
  query: 'query',
  param: 'path',
  header: 'header',
  json: 'body',
  form: 'body',
  cookie: 'cookie',
}

/** Zod issues as field errors. Unknown keys name themselves, so a typo'd parameter is obvious. */
export function fieldErrors(error: ZodError, location: FieldError['in']): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String)
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...path, key].join('.'),
        in: location,
        detail: 'is not a known parameter',
      }))
    }
    return [{ field: path.join('.') || '(root)', in: location, detail: issue.message }]
  })
}

/** The defaultHook of every OpenAPIHono: a failed validation becomes a 400 problem. */
export function validationHook(result: { success: true } | { success: false; error: ZodError; target: string }, c: Context<AppEnv>) {
  if (!result.success) {
    const errors = fieldErrors(result.error, TARGETS[result.target] ?? 'query')
    return problemResponse(c, 400, describeErrors(errors), { errors })
  }
}

/** What a 503 asks clients to wait before retrying. */
export const RETRY_AFTER_SECONDS = 5

// The request field a stored column comes from, where its name differs (a reference by slug is
// stored as an id). Other columns are named after their own column.
const COLUMN_FIELDS: Record<string, string> = {
  'articles.section_id': 'section',
  'article_authors.author_id': 'authors',
  'article_authors.article_id': 'authors',
  'article_tags.tag_id': 'tags',
  'article_tags.article_id': 'tags',
}

const CONSTRAINT_ANSWERS: Record<ConstraintError['constraint'], { status: ContentfulStatusCode; detail: string }> = {
  unique: { status: 409, detail: 'is already taken' },
  'foreign key': { status: 409, detail: 'refers to something that does not exist, or is still referred to by something else' },
  'not null': { status: 400, detail: 'is missing, or names something that does not exist' },
  check: { status: 400, detail: 'is not an allowed value' },
  'too big': { status: 413, detail: 'is too large to store' },
}

/** A write D1 refused, as the 4xx it is, naming the fields at fault (an outage is a StorageError). */
function constraintProblem(c: Context<AppEnv>, err: ConstraintError): Response {
  const { status, detail } = CONSTRAINT_ANSWERS[err.constraint]
  const fields = err.columns.length ? [...new Set(err.columns.map((column) => COLUMN_FIELDS[column] ?? column.split('.')[1]!))] : ['(body)']
  const errors: FieldError[] = fields.map((field) => ({ field, in: 'body', detail }))
  log('warn', 'write refused by a constraint', { request_id: c.get('requestId'), constraint: err.constraint, columns: err.columns })
  return problemResponse(c, status, describeErrors(errors), { errors })
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) return problemResponse(c, err.status, err.message, err.extra)
  if (err instanceof ConstraintError) return constraintProblem(c, err)
  if (err instanceof StorageError) {
    log('error', 'storage unavailable', { request_id: c.get('requestId'), error_message: err.message })
    return problemResponse(c, 503, 'The content store is not answering. Try again shortly.', {
      headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    })
  }
  if (err instanceof HTTPException) {
    // Hono's own 4xx (e.g. a malformed body the validator could not parse)
    return problemResponse(c, err.status as ContentfulStatusCode, err.message || 'Error')
  }
  log('error', 'unhandled error', {
    request_id: c.get('requestId'),
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    error: err instanceof Error ? err.name : typeof err,
    error_message: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  })
  return problemResponse(c, 500, 'An unexpected error occurred. It has been logged with this request id.')
}

export const onNotFound: NotFoundHandler<AppEnv> = (c) => problemResponse(c, 404, `No resource at ${new URL(c.req.url).pathname}.`)

const problemContent = { [PROBLEM_JSON]: { schema: Problem } }

/** The response headers the API sends, as the document describes them. */
export const headerDocs = {
  etag: z.string().openapi({
    description: 'The version of this answer; send it back as `If-None-Match` to get a 304 when unchanged.',
    example: '"a1b2c3d4"',
  }),
  'last-modified': z.string().openapi({
    description: 'When the content last changed (HTTP date); `If-Modified-Since` works too.',
    example: 'Tue, 24 Nov 2026 08:30:00 GMT',
  }),
  'cache-control': z.string().openapi({
    description: 'How long shared and private caches may keep the answer.',
    example: 'public, max-age=60, stale-while-revalidate=300',
  }),
  'retry-after': z.string().openapi({ description: 'Seconds to wait before trying again.', example: '60' }),
  'www-authenticate': z
    .string()
    .openapi({ description: 'The authentication scheme expected (RFC 9110 §11.6.1).', example: 'Bearer realm="admin"' }),
  location: z
    .string()
    .openapi({ description: 'Where to go next.', example: 'https://www.example-daily.eu/newsletters?subscription=pending' }),
}

const retryAfter = z.object({ 'retry-after': headerDocs['retry-after'] })
const challenge = z.object({ 'www-authenticate': headerDocs['www-authenticate'] })

/** Problem responses some routes add (the middleware's, in src/openapi.ts, and the admin API's). */
export const problemResponses = {
  badCredentials: {
    description: 'Credentials that are not valid or were revoked (a token or partner key): never a silently public answer.',
    headers: challenge,
    content: problemContent,
  },
  partnerRateLimited: { description: 'Too many requests for this partner key.', headers: retryAfter, content: problemContent },
  unsupportedMediaType: { description: 'The body is not `application/json`.', content: problemContent },
} as const

/** The error responses every route declares, so the OpenAPI document tells clients what to expect. */
export const errorResponses = {
  400: { description: 'Invalid parameters; `errors` names each one.', content: problemContent },
  404: { description: 'No such resource (or not yet published).', content: problemContent },
  500: { description: 'Unexpected error; quote `request_id`.', content: problemContent },
  503: { description: 'Storage unavailable; retry after `Retry-After` seconds.', headers: retryAfter, content: problemContent },
} as const
