-- Migration number: 0012 	 Event payloads follow the bodies: the payload of an old event moves to the R2 bucket BODIES.
--
-- syndication_events keeps every event partners were told with its payload as delivered: a ninjs
-- document with the article's whole body (about 10 KB for 800 words), a few per article. That is
-- the archive's text again, and it grew without bound. Like an article's body (migrations/0010_body_store.sql), the
-- payload of an event older than ARCHIVE_AFTER_DAYS moves to the R2 bucket BODIES, as the object
-- `events/<event_id>.json` (src/bodies.ts, src/jobs/archive-event-payloads.ts). D1 keeps the row:
-- its id, type, article, slug, embargo and time, which the event log's order, cursors and the
-- webhook deliveries need. README: "Storage layout".
--
-- `archived_at` set: the payload is in the body store (when it moved), and `payload` is '' (SQLite
-- cannot drop the NOT NULL without rebuilding the table, and '' is never a payload: every payload
-- is a JSON object). Events never change, so the object never does either.
ALTER TABLE syndication_events ADD COLUMN archived_at TEXT;

-- The archiver's work list: events whose payload is still in D1, oldest first. Archived events
-- leave the index, so it holds only the recent ones however long the log grows.
CREATE INDEX syndication_events_unarchived ON syndication_events (at) WHERE archived_at IS NULL;
