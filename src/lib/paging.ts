import { invalid } from '../errors.ts'
import { decodeCursor, encodeCursor, type Cursor, type CursorOrder } from './cursor.ts'

/** The cursor a client sent, or a 400 naming `cursor` when it is not one we issued for this list. */
export function readCursor<K extends CursorOrder>(text: string | undefined, order: K): Extract<Cursor, { k: K }> | undefined {
  if (text === undefined) return undefined
  const cursor = decodeCursor(text, order)
  if (!cursor) {
    throw invalid([{ field: 'cursor', in: 'query', detail: 'is not a cursor from this list; start again without it' }])
  }
  return cursor
}

/**
 * The most a page of any list may weigh, in bytes of JSON, whatever `limit` asks: a page cut
 * short by it says so the usual way (a next cursor after the last item shown, `has_more` in the
 * sync log). A single item heavier than this still comes alone, so every page moves forward.
 */
export const MAX_PAGE_BYTES = 1_048_576

const encoder = new TextEncoder()

/** Bytes of `text` in UTF-8. */
export const utf8Bytes = (text: string): number => encoder.encode(text).length

/** Bytes of `value` as JSON text, and one for the comma between items. */
export const jsonBytes = (value: unknown): number => utf8Bytes(JSON.stringify(value)) + 1

/** Keys whose items loadWithinBytes loads in its first round trip; later ones size themselves on the bytes seen so far. */
export const FIRST_CHUNK = 10

/** How many of `items`, from the first, fit in `maxBytes` of JSON (at least one). */
export function countWithinBytes(items: unknown[], maxBytes = MAX_PAGE_BYTES): number {
  let bytes = 0
  for (let i = 0; i < items.length; i++) {
    bytes += jsonBytes(items[i])
    if (bytes > maxBytes && i > 0) return i
  }
  return items.length
}

/**
 * One page from rows fetched with LIMIT page size + 1: the extra row only tells that another page
 * follows, and the cursor points after the last row shown. At most MAX_PAGE_BYTES of items.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => Cursor,
  toItem: (row: Row) => Item,
  maxBytes = MAX_PAGE_BYTES,
): { data: Item[]; next_cursor: string | null } {
  const items = rows.slice(0, limit).map(toItem)
  const shown = countWithinBytes(items, maxBytes)
  const last = rows[shown - 1]
  return {
    data: items.slice(0, shown),
    next_cursor: rows.length > shown && last ? encodeCursor(cursorOf(last)) : null,
  }
}

/**
 * The items for `keys`, in order, loaded a chunk at a time until `maxBytes` of them are in hand:
 * what a page reads is bounded by what it can show (plus one chunk), not by how many it may show.
 * `load` answers one item per key of its chunk, in order. The first chunk is FIRST_CHUNK keys; each
 * next one as many as, at the average size so far, fill the rest (and one more, to know). The first
 * item always comes, however heavy. `full` tells whether the budget, not the keys, ended the list.
 */
export async function loadWithinBytes<Key, Item>(
  keys: Key[],
  load: (chunk: Key[]) => Promise<Item[]>,
  bytesOf: (item: Item) => number,
  maxBytes = MAX_PAGE_BYTES,
): Promise<{ items: Item[]; full: boolean }> {
  const items: Item[] = []
  let bytes = 0
  for (let next = 0, size = FIRST_CHUNK; next < keys.length; ) {
    const chunk = keys.slice(next, next + size)
    next += chunk.length
    for (const item of await load(chunk)) {
      const itemBytes = bytesOf(item)
      if (bytes + itemBytes > maxBytes && items.length > 0) return { items, full: true }
      items.push(item)
      bytes += itemBytes
    }
    size = Math.max(1, Math.floor((maxBytes - bytes) / (bytes / items.length)) + 1)
  }
  return { items, full: false }
}
