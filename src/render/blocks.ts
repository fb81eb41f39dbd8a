import type { Block, Image, Inline } from '../schemas/blocks.ts'

/**
 * The only place that builds HTML from content. Everything that comes from the database is
 * escaped here; links are limited to http(s) by the schema before they get this far.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)
}

function inlineHtml(spans: Inline[]): string {
  return spans
    .map((span) => {
      let html = escapeHtml(span.text)
      if (span.marks?.includes('em')) html = `<em>${html}</em>`
      if (span.marks?.includes('strong')) html = `<strong>${html}</strong>`
      if (span.href) html = `<a href="${escapeHtml(span.href)}">${html}</a>`
      return html
    })
    .join('')
}

// The browser reserves the image's space before it loads (no layout shift). Images stored before
// sizes were required have none.
const sizeAttributes = (image: Partial<Pick<Image, 'width' | 'height'>>) =>
  image.width && image.height ? ` width="${image.width}" height="${image.height}"` : ''

function figureHtml(image: Image): string {
  const parts = [image.caption && escapeHtml(image.caption), image.credit && `<small>${escapeHtml(image.credit)}</small>`]
  const caption = parts.filter(Boolean).join(' ')
  return (
    `<figure><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt)}"${sizeAttributes(image)} loading="lazy">` +
    (caption ? `<figcaption>${caption}</figcaption>` : '') +
    '</figure>'
  )
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inlineHtml(block.content)}</p>`
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`
    case 'quote':
      return (
        `<blockquote><p>${escapeHtml(block.text)}</p>` +
        (block.attribution ? `<footer>${escapeHtml(block.attribution)}</footer>` : '') +
        '</blockquote>'
      )
    case 'image':
      return figureHtml(block)
    case 'list': {
      const tag = block.style === 'numbered' ? 'ol' : 'ul'
      return `<${tag}>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`
    }
  }
}

export function renderHtml(blocks: Block[]): string {
  return blocks.map(blockHtml).join('\n')
}

const inlineText = (spans: Inline[]) => spans.map((span) => span.text).join('')

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.content)
    case 'heading':
      return block.text
    case 'quote':
      return block.attribution ? `“${block.text}” — ${block.attribution}` : `“${block.text}”`
    case 'image':
      return [block.caption, block.credit].filter(Boolean).join(' ')
    case 'list':
      return block.items.map((item) => `• ${inlineText(item)}`).join('\n')
  }
}

/** The body as plain text, one block a paragraph: for search, word counts and text clients. */
export function renderText(blocks: Block[]): string {
  return blocks
    .map(blockText)
    .filter((text) => text.length > 0)
    .join('\n\n')
}

/** Words as a reader counts them: runs of letters or digits, in any script. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0
}

/** Minutes at an adult's average silent reading speed of about 230 words a minute. */
export function readingTimeMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230))
}
