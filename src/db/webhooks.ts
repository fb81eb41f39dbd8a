import type { Database } from './client.ts'
import type { EventType } from './syndication.ts'

export interface EndpointRow {
  id: number
  partner_id: number
  url: string
  /** JSON arrays */
  events: string
  sections: string
  tags: string
  languages: string
  state: 'active' | 'disabled'
  disabled_reason: string | null
  disabled_at: string | null
  consecutive_failures: number
  previous_secret_until: string | null
  created_at: string
  updated_at: string
}

/** An endpoint with its (encrypted) secrets: only the delivery code reads these. */
export interface EndpointSecrets {
  secret: string
  previous_secret: string | null
  previous_secret_until: string | null
}

const COLUMNS = `id, partner_id, url, events, sections, tags, languages, state, disabled_reason, disabled_at,
  consecutive_failures, previous_secret_until, created_at, updated_at`

export interface EndpointWrite {
  url: string
  events: EventType[]
  sections: string[]
  tags: string[]
  languages: string[]
}

export async function createEndpoint(db: Database, partnerId: number, endpoint: EndpointWrite, encryptedSecret: string, now: string) {
  const row = await db.first<EndpointRow>(
    db
      .prepare(
        `INSERT INTO webhook_endpoints (partner_id, url, events, sections, tags, languages, secret, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING ${COLUMNS}`,
      )
      .bind(
        partnerId,
        endpoint.url,
        JSON.stringify(endpoint.events),
        JSON.stringify(endpoint.sections),
        JSON.stringify(endpoint.tags),
        JSON.stringify(endpoint.languages),
        encryptedSecret,
        now,
      ),
  )
  return row!
}

export function listEndpoints(db: Database, partnerId: number) {
  return db.all<EndpointRow>(db.prepare(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE partner_id = ?1 ORDER BY id`).bind(partnerId))
}

export function findEndpoint(db: Database, partnerId: number, id: number) {
  return db.first<EndpointRow>(db.prepare(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE partner_id = ?1 AND id = ?2`).bind(partnerId, id))
}

/** Changes an endpoint; re-enabling clears the failure count. */
export function updateEndpoint(
  db: Database,
  id: number,
  change: Partial<EndpointWrite> & { state?: 'active' | 'disabled'; reason?: string },
  now: string,
) {
  return db.first<EndpointRow>(
    db
      .prepare(
        `UPDATE webhook_endpoints SET
           url = coalesce(?2, url), events = coalesce(?3, events), sections = coalesce(?4, sections),
           tags = coalesce(?5, tags), languages = coalesce(?6, languages),
           state = coalesce(?7, state),
           disabled_reason = iif(?7 IS NULL, disabled_reason, iif(?7 = 'active', NULL, ?8)),
           disabled_at = iif(?7 IS NULL, disabled_at, iif(?7 = 'active', NULL, ?9)),
           consecutive_failures = iif(?7 = 'active', 0, consecutive_failures),
           updated_at = ?9
         WHERE id = ?1 RETURNING ${COLUMNS}`,
      )
      .bind(
        id,
        change.url ?? null,
        change.events ? JSON.stringify(change.events) : null,
        change.sections ? JSON.stringify(change.sections) : null,
        change.tags ? JSON.stringify(change.tags) : null,
        change.languages ? JSON.stringify(change.languages) : null,
        change.state ?? null,
        change.reason ?? 'disabled by an admin',
        now,
      ),
  )
}

/** A new secret signs from now on; the old one keeps signing beside it until `until`. */
export function rotateSecretStatement(db: Database, id: number, encrypted: string, until: string, now: string) {
  return db
    .prepare(
      `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = ?3, secret = ?2, updated_at = ?4
        WHERE id = ?1`,
    )
    .bind(id, encrypted, until, now)
}

/** The active endpoints of partners whose keys are not revoked: the candidates for an event. */
export function activeEndpoints(db: Database) {
  return db.all<EndpointRow & { embargo: number }>(
    db.prepare(
      `SELECT ${COLUMNS.split(',')
        .map((column) => `e.${column.trim()}`)
        .join(', ')}, p.embargo
         FROM webhook_endpoints e JOIN partner_keys p ON p.id = e.partner_id
        WHERE e.state = 'active' AND p.revoked_at IS NULL`,
    ),
  )
}

/** Endpoints that were sent anything about this article: who must hear of its withdrawal. */
export function endpointsThatReceived(db: Database, articleId: number) {
  return db.all<{ endpoint_id: number; partner_id: number }>(
    db
      .prepare(
        `SELECT DISTINCT d.endpoint_id, d.partner_id FROM syndication_events e JOIN webhook_deliveries d ON d.event_id = e.id
          WHERE e.article_id = ?1`,
      )
      .bind(articleId),
  )
}

/** One pending delivery per endpoint, returning their ids. */
export function insertDeliveries(db: Database, eventId: number, targets: { endpoint_id: number; partner_id: number }[], now: string) {
  return db.all<{ id: number }>(
    db
      .prepare(
        `INSERT INTO webhook_deliveries (event_id, endpoint_id, partner_id, status, created_at, updated_at)
         SELECT ?1, t.value ->> 'endpoint_id', t.value ->> 'partner_id', 'pending', ?3, ?3 FROM json_each(?2) t WHERE true
         ON CONFLICT (event_id, endpoint_id) DO UPDATE SET status = 'pending', next_retry_at = NULL, updated_at = excluded.updated_at
         RETURNING id`,
      )
      .bind(eventId, JSON.stringify(targets), now),
  )
}

/** Everything one delivery attempt needs, in one query. */
export interface DeliveryJob extends EndpointSecrets {
  id: number
  status: string
  attempts: number
  endpoint_id: number
  partner_id: number
  url: string
  state: 'active' | 'disabled'
  consecutive_failures: number
  event_id: string
  type: EventType
  /** '' when archived: see `archived_at` and src/bodies.ts `loadArchivedPayloads`. */
  payload: string
  archived_at: string | null
}

export function findDelivery(db: Database, id: number) {
  return db.first<DeliveryJob>(
    db
      .prepare(
        `SELECT d.id, d.status, d.attempts, d.endpoint_id, d.partner_id, w.url, w.state, w.consecutive_failures,
                w.secret, w.previous_secret, w.previous_secret_until, e.event_id, e.type, e.payload,
                e.archived_at
           FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id JOIN syndication_events e ON e.id = d.event_id
          WHERE d.id = ?1`,
      )
      .bind(id),
  )
}

export type Outcome = 'delivered' | 'retrying' | 'failed' | 'dead'

export interface Attempt {
  delivery: DeliveryJob
  attempt: number
  at: string
  outcome: Outcome
  responseCode: number | null
  latencyMs: number
  error: string | null
  nextRetryAt: string | null
  /** Set when this attempt disables the endpoint. */
  disable: string | null
  /** Whether the endpoint's failure count is reset (a success) or bumped (a final failure). */
  failures: 'reset' | 'bump' | 'keep'
}

/** Records an attempt, the delivery's new state and the endpoint's, in one transaction. */
export function recordAttemptStatements(db: Database, a: Attempt) {
  return [
    db
      .prepare(
        `INSERT INTO webhook_attempts (delivery_id, partner_id, attempt, at, outcome, response_code, latency_ms, error, next_retry_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
      )
      .bind(a.delivery.id, a.delivery.partner_id, a.attempt, a.at, a.outcome, a.responseCode, a.latencyMs, a.error, a.nextRetryAt),
    db
      .prepare('UPDATE webhook_deliveries SET status = ?2, attempts = attempts + 1, next_retry_at = ?3, updated_at = ?4 WHERE id = ?1')
      .bind(a.delivery.id, a.outcome, a.nextRetryAt, a.at),
    db
      .prepare(
        `UPDATE webhook_endpoints SET
           consecutive_failures = CASE ?2 WHEN 'reset' THEN 0 WHEN 'bump' THEN consecutive_failures + 1 ELSE consecutive_failures END,
           state = iif(?3 IS NULL, state, 'disabled'),
           disabled_reason = iif(?3 IS NULL, disabled_reason, ?3),
           disabled_at = iif(?3 IS NULL, disabled_at, ?4)
         WHERE id = ?1`,
      )
      .bind(a.delivery.endpoint_id, a.failures, a.disable, a.at),
  ]
}

export interface AttemptRow {
  id: number
  event_id: string
  type: EventType
  slug: string
  endpoint_id: number
  attempt: number
  at: string
  outcome: Outcome
  response_code: number | null
  latency_ms: number
  error: string | null
  next_retry_at: string | null
}

/** A partner's delivery attempts, newest first, one page before the cursor (an attempt id). */
export function attemptsStatement(db: Database, partnerId: number, limit: number, beforeId?: number) {
  return db
    .prepare(
      `SELECT a.id, e.event_id, e.type, e.slug, d.endpoint_id, a.attempt, a.at, a.outcome, a.response_code, a.latency_ms,
              a.error, a.next_retry_at
         FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id JOIN syndication_events e ON e.id = d.event_id
        WHERE a.partner_id = ?1 AND a.id < ?2
        ORDER BY a.id DESC
        LIMIT ?3`,
    )
    .bind(partnerId, beforeId ?? Number.MAX_SAFE_INTEGER, limit)
}

/** The deliveries of one event to one partner's endpoints, by the event's public id. */
export function deliveriesOfEvent(db: Database, partnerId: number, eventId: string) {
  return db.all<{ id: number; endpoint_id: number; state: 'active' | 'disabled' }>(
    db
      .prepare(
        `SELECT d.id, d.endpoint_id, w.state FROM syndication_events e
           JOIN webhook_deliveries d ON d.event_id = e.id JOIN webhook_endpoints w ON w.id = d.endpoint_id
          WHERE e.event_id = ?1 AND d.partner_id = ?2`,
      )
      .bind(eventId, partnerId),
  )
}

/** Puts deliveries back to pending, for a manual retry. */
export function resetDeliveriesStatement(db: Database, ids: number[], now: string) {
  return db
    .prepare(
      `UPDATE webhook_deliveries SET status = 'pending', next_retry_at = NULL, updated_at = ?2 WHERE id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids), now)
}
