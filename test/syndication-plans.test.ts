import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { Database } from '../src/db/client.ts'
import {
  archivableEventsStatement,
  archiveEventStatement,
  eventsAfterStatement,
  findSyndicationArticle,
  lastEventOf,
  partnerArticlesStatement,
} from '../src/db/syndication.ts'
import { activeEndpoints, attemptsStatement, deliveriesOfEvent, endpointsThatReceived, findDelivery } from '../src/db/webhooks.ts'

/** A stand-in for Database that records the SQL and parameters a db/ function builds. */
function capture(build: (db: Database) => unknown): { sql: string; params: unknown[] } {
  let captured = { sql: '', params: [] as unknown[] }
  const statement = (sql: string) => ({
    bind: (...params: unknown[]) => {
      captured = { sql, params }
      return captured
    },
  })
  const db = {
    prepare: (sql: string) => {
      captured = { sql, params: [] }
      return statement(sql)
    },
    first: async () => null,
    all: async () => [],
  } as unknown as Database
  build(db)
  return captured
}

async function plan(build: (db: Database) => unknown): Promise<string> {
  const { sql, params } = capture(build)
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>()
  return rows.results.map((row) => row.detail).join('\n')
}

const NO_SCAN = /SCAN (a|e|d|w|r|p|syndication_events|webhook_\w+)\b(?! USING)/

describe('syndication queries', () => {
  it('walk the latest-articles index for the partner ninjs list, without a sort', async () => {
    for (const after of [undefined, { v: '2026-01-01T00:00:00.000Z', id: 10 }]) {
      const text = await plan((db) => partnerArticlesStatement(db, new Date().toISOString(), 21, after))
      expect(text).toContain('articles_latest')
      expect(text).not.toMatch(NO_SCAN)
      expect(text).not.toContain('TEMP B-TREE FOR ORDER BY')
    }
  })

  it.each([
    ['one article with its rights', (db: Database) => findSyndicationArticle(db, 'x'), 'a USING INDEX sqlite_autoindex_articles_1'],
    ['the last event of an article', (db: Database) => lastEventOf(db, 1), 'syndication_events_by_article'],
    ['the event log after a cursor', (db: Database) => eventsAfterStatement(db, 10, false, 51), 'INTEGER PRIMARY KEY'],
    ['the endpoints that received an article', (db: Database) => endpointsThatReceived(db, 1), 'syndication_events_by_article'],
    ['a delivery with its endpoint and event', (db: Database) => findDelivery(db, 1), 'INTEGER PRIMARY KEY'],
    ["a partner's attempts, newest first", (db: Database) => attemptsStatement(db, 1, 21, 100), 'webhook_attempts_by_partner'],
    ["an event's deliveries to a partner", (db: Database) => deliveriesOfEvent(db, 1, 'evt_x'), 'sqlite_autoindex_syndication_events_1'],
    ['the active endpoints', (db: Database) => activeEndpoints(db), 'webhook_endpoints_active'],
    // The payload archiver walks only the events whose payload is still in D1, oldest first.
    [
      'the oldest events whose payload is in D1',
      (db: Database) => archivableEventsStatement(db, new Date().toISOString(), 20),
      'syndication_events_unarchived',
    ],
    ['an event whose payload moved', (db: Database) => archiveEventStatement(db, 1, new Date().toISOString()), 'INTEGER PRIMARY KEY'],
  ])('look up %s through an index', async (_, build, index) => {
    const text = await plan(build)
    expect(text).toContain(index)
    expect(text).not.toMatch(NO_SCAN)
    expect(text).not.toContain('TEMP B-TREE FOR ORDER BY')
  })
})
