import { z } from '@hono/zod-openapi'
import { WebUrl } from './common.ts'

/**
 * The article body is a list of typed blocks rather than HTML: clients render it natively, and the
 * one renderer in src/render/blocks.ts turns it into escaped HTML and plain text.
 */

const Text = (max: number) => z.string().trim().min(1).max(max)

/** A run of text with optional emphasis and an optional link: the only inline markup allowed. */
export const Inline = z
  .object({
    text: z.string().min(1).max(20_000),
    marks: z
      .array(z.enum(['em', 'strong']))
      .max(2)
      .optional(),
    href: WebUrl.optional(),
  })
  .strict()
  .openapi('Inline')

const Inlines = z.array(Inline).min(1).max(200)

// Pixels of the file at `url`: pages reserve the space before it loads, search engines and feed
// readers pick images by size.
const Pixels = z.number().int().min(1).max(20_000)

/** An image with its size, caption and credit, and whether partners may republish it. */
export const Image = z
  .object({
    url: WebUrl,
    width: Pixels.openapi({ description: 'Width of the image file, in pixels.', example: 1600 }),
    height: Pixels.openapi({ description: 'Height of the image file, in pixels.', example: 900 }),
    alt: z.string().trim().max(500),
    caption: Text(1000).nullable().default(null),
    credit: Text(300).nullable().default(null).openapi({ example: 'Agency/Photographer/Pool via Wire' }),
    syndication_allowed: z.boolean().openapi({ description: 'Whether syndication partners may republish this image.' }),
  })
  .strict()
  .openapi('Image')

export const ParagraphBlock = z
  .object({ type: z.literal('paragraph'), content: Inlines })
  .strict()
  .openapi('ParagraphBlock')

export const HeadingBlock = z
  .object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text: Text(300) })
  .strict()
  .openapi('HeadingBlock')

export const QuoteBlock = z
  .object({
    type: z.literal('quote'),
    text: Text(5000),
    attribution: Text(300).nullable().default(null),
  })
  .strict()
  .openapi('QuoteBlock')

export const ImageBlock = Image.extend({ type: z.literal('image') })
  .strict()
  .openapi('ImageBlock')

export const ListBlock = z
  .object({
    type: z.literal('list'),
    style: z.enum(['bulleted', 'numbered']),
    items: z.array(Inlines).min(1).max(200),
  })
  .strict()
  .openapi('ListBlock')

export const Block = z.discriminatedUnion('type', [ParagraphBlock, HeadingBlock, QuoteBlock, ImageBlock, ListBlock]).openapi('Block')

export const Body = z.array(Block).max(1000)

export type Inline = z.infer<typeof Inline>
export type Image = z.infer<typeof Image>
export type Block = z.infer<typeof Block>

/**
 * A shape as answers carry it: a field that has a default on input is always present in output
 * (as null when there is nothing), so responses must not declare it optional.
 */
export function answered<S extends z.ZodRawShape>(shape: S) {
  return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field])) as {
    [K in keyof S]: S[K] extends z.ZodDefault<infer Inner> ? Inner : S[K]
  }
}

// The body and image as answers carry them (the schemas above describe what editors send).
export const ImageOutput = z.object(answered(Image.shape)).openapi('ImageOutput')
export const QuoteBlockOutput = z.object(answered(QuoteBlock.shape)).openapi('QuoteBlockOutput')
export const ImageBlockOutput = z.object(answered(ImageBlock.shape)).openapi('ImageBlockOutput')
export const BlockOutput = z
  .discriminatedUnion('type', [ParagraphBlock, HeadingBlock, QuoteBlockOutput, ImageBlockOutput, ListBlock])
  .openapi('BlockOutput')
export const BodyOutput = z.array(BlockOutput)
