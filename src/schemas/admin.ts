import { z } from '@hono/zod-openapi'
import { Article, ArticleInput, ArticleStatus, ArticleSummary, Translation } from './article.ts'
import { NextCursor, PageQuery, Timestamp } from './common.ts'

export const ArticleWriteBody = ArticleInput.omit({ slug: true })
  .extend({
    correction: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .openapi({ description: 'A public correction to append (with the time of this edit). Leave out for routine edits.' }),
  })
  .strict()
  .openapi('ArticleWrite', {
    // Points at the demo newspaper's section, tags and authors, so that it can be sent as it is.
    example: {
      headline: 'EU and Russian envoys resume talks in Geneva after 18-month freeze',
      standfirst: 'Senior diplomats met for six hours at a lakeside villa.',
      dateline: 'Geneva',
      language: 'en',
      section: 'europe',
      tags: ['diplomacy', 'russia'],
      authors: ['elena-varga'],
      image: null,
      body: [
        {
          type: 'paragraph',
          content: [{ text: 'Senior envoys from the European Union and Russia sat down at the same table in Geneva on Tuesday.' }],
        },
      ],
      status: 'draft',
      published_at: null,
    },
  })

export const StatusChange = z
  .object({
    status: ArticleStatus,
    published_at: Timestamp.optional().openapi({
      description: 'With `scheduled`: when to publish (in the future). With `published`: backdate or embargo; default now.',
    }),
  })
  .strict()
  .openapi('StatusChange', { example: { status: 'published' } })

const editorFields = {
  status: ArticleStatus,
  published_at: Timestamp.nullable(),
  version: z.number().int().openapi({ description: 'Bumped by every write; the ETag is built from it.' }),
}

export const EditorTranslation = Translation.extend({ status: ArticleStatus, published_at: Timestamp.nullable() }).openapi(
  'EditorTranslation',
)

// Whole objects rather than extensions: the document would write an extension as an allOf with the
// public schema, which cannot widen `published_at` to null (drafts have none).
export const EditorArticle = z
  .object({
    ...Article.shape,
    ...editorFields,
    created_at: Timestamp,
    translations: z.array(EditorTranslation).openapi({ description: 'Every other version of the story, in any state.' }),
  })
  .openapi('EditorArticle')
export const EditorArticleSummary = z.object({ ...ArticleSummary.shape, ...editorFields }).openapi('EditorArticleSummary')
export const EditorArticlePage = z.object({ data: z.array(EditorArticleSummary), next_cursor: NextCursor }).openapi('EditorArticlePage')

export const EditorArticleQuery = z.object({ status: ArticleStatus.optional(), ...PageQuery }).strict()

export const TokenCreate = z
  .object({ name: z.string().trim().min(1).max(100), role: z.enum(['editor', 'admin']) })
  .strict()
  .openapi('TokenCreate', { example: { name: 'Marta Ferreira', role: 'editor' } })

export const TokenInfo = z
  .object({
    id: z.number().int(),
    name: z.string(),
    role: z.enum(['editor', 'admin']),
    created_at: Timestamp,
    created_by: z.string(),
    revoked_at: Timestamp.nullable(),
  })
  .openapi('TokenInfo')

export const TokenCreated = TokenInfo.extend({
  token: z.string().openapi({ description: 'The bearer token. Shown once: only its hash is stored.' }),
}).openapi('TokenCreated')
