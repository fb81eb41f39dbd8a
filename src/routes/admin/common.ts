import { z } from '@hono/zod-openapi'
import { errorResponses, headerDocs } from '../../errors.ts'

/** Admin routes take a bearer token (the security scheme registered in src/openapi.ts). */
export const bearer = [{ bearerAuth: [] }]

export const etagHeader = z.object({ etag: z.string().openapi({ description: 'Send it back as If-Match to edit this version.' }) })

const problem = errorResponses[400].content

export const adminErrors = {
  ...errorResponses,
  401: {
    description: 'No token, or a bad or revoked one.',
    headers: z.object({ 'www-authenticate': headerDocs['www-authenticate'] }),
    content: problem,
  },
  403: { description: 'The token lacks the role this needs.', content: problem },
  409: { description: 'The write conflicts with stored data (a taken slug, a reference still in use).', content: problem },
  413: { description: 'Body over 1 MiB.', content: problem },
} as const

export const preconditionErrors = {
  412: { description: 'If-Match does not match: someone else changed it.', content: problem },
  428: { description: 'If-Match is required to replace an existing article.', content: problem },
} as const

export const conflictError = {
  409: { description: 'Still in use.', content: problem },
} as const
