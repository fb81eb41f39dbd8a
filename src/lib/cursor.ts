import { z } from 'zod'
import { base64url } from './tokens.ts'

/**
 * Keyset pagination cursors. A cursor names the last row a client has seen by its sort key and
 * id, so the next page starts right after it: stable while new articles arrive, and as cheap at
 * page 1,000 as at page 1. Clients treat it as opaque; we still parse it strictly, so a truncated
 * or tampered cursor is a 400, never a query with garbage in it.
 */

const CursorShape = z.discriminatedUnion('k', [
  // newest first, by publication time
  z.object({ k: z.literal('t'), v: z.iso.datetime({ precision: 3 }), id: z.number().int().positive() }).strict(),
  // search results: the search's window start (an article id), the tier, the last id shown
  z.object({ k: z.literal('r'), w: z.number().int(), t: z.number().int().min(0).max(3), id: z.number().int().positive() }).strict(),
  // alphabetical lists, by sort key (a folded name can be longer than the name: ß -> ss)
  z.object({ k: z.literal('n'), v: z.string().max(500), id: z.number().int().positive() }).strict(),
  // the editors' list, most recently updated first, by update time
  z.object({ k: z.literal('u'), v: z.iso.datetime({ precision: 3 }), id: z.number().int().positive() }).strict(),
  // the sync log, by sequence number (0: from the beginning)
  z.object({ k: z.literal('s'), id: z.number().int().nonnegative() }).strict(),
])

export type Cursor = z.infer<typeof CursorShape>
/** The order a cursor continues, its `k` (a one-letter name, kept short in the URL). */
export type CursorOrder = Cursor['k']

export function encodeCursor(cursor: Cursor): string {
  return base64url(new TextEncoder().encode(JSON.stringify(cursor)))
}

/** The cursor of the given order, or null when the text is not one we issued. */
export function decodeCursor<K extends CursorOrder>(text: string, order: K): Extract<Cursor, { k: K }> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
    const json = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)))
    const parsed = CursorShape.safeParse(JSON.parse(json))
    if (!parsed.success || parsed.data.k !== order) return null
    return parsed.data as Extract<Cursor, { k: K }>
  } catch {
    return null
  }
}
