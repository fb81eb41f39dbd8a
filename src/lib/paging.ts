import { invalid } from '../errors.ts'
import { decodeCursor, encodeCursor, type Cursor, type CursorKind } from './cursor.ts'

/** The cursor a client sent, or a 400 naming `cursor` when it is not one we issued for this list. */
export function readCursor<K extends CursorKind>(text: string | undefined, kind: K): Extract<Cursor, { k: K }> | undefined {
  if (text === undefined) return undefined
  const cursor = decodeCursor(text, kind)
  if (!cursor) {
    throw invalid([{ field: 'cursor', in: 'query', detail: 'is not a cursor from this list; start again without it' }])
  }
  return cursor
}

/**
 * One page from rows fetched with LIMIT page size + 1: the extra row only tells that another page
 * follows, and the cursor points after the last row shown.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => Cursor,
  toItem: (row: Row) => Item,
): { data: Item[]; next_cursor: string | null } {
  const shown = rows.slice(0, limit)
  const last = shown[shown.length - 1]
  return {
    data: shown.map(toItem),
    next_cursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null,
  }
}
