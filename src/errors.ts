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

export const Problem = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Bad Request' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    request_id: z.string().openapi({ description: 'Quote it when reporting a problem.' }),
    errors: z.array(FieldError).optional(),
  })
  .openapi('Problem')

export type FieldError = z.infer<typeof FieldError>
export type Problem = z.infer<typeof Problem>

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

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

export function problemResponse(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  detail: string,
  extra: ApiError['extra'] = {},
): Response {
  const body: Problem = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
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
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target: string },
  c: Context<AppEnv>,
) {
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
    return problemResponse(c, err.status as ContentfulStatusCode, err.message || TITLES[err.status] || 'Error')
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

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, 404, `No resource at ${new URL(c.req.url).pathname}.`)

const problemContent = { [PROBLEM_JSON]: { schema: Problem } }

/** The error responses every route declares, so the OpenAPI document tells clients what to expect. */
export const errorResponses = {
  400: { description: 'Invalid parameters; `errors` names each one.', content: problemContent },
  404: { description: 'No such resource (or not yet published).', content: problemContent },
  500: { description: 'Unexpected error; quote `request_id`.', content: problemContent },
  503: { description: 'Storage unavailable; retry after `Retry-After` seconds.', content: problemContent },
} as const
