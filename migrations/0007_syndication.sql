-- Migration number: 0007 	 Syndication: partner permissions, article rights, the partner event log, signed push.

-- Partners whose key may see embargoed copy before its time (0: only what the public sees).
ALTER TABLE partner_keys ADD COLUMN embargo INTEGER NOT NULL DEFAULT 0 CHECK (embargo IN (0, 1));

-- Rights of an article for partners, beside the per-image syndication flags. No row: the
-- publication holds the copyright, the default usage terms apply, and partners may republish.
CREATE TABLE article_rights (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  copyright_holder TEXT,
  usage_terms TEXT,
  republish INTEGER NOT NULL DEFAULT 1 CHECK (republish IN (0, 1)),
  updated_at TEXT NOT NULL
);

-- What partners were told, in order: the pull side (GET /v1/partner/events) and the source of
-- every push. `payload` is the body exactly as delivered (ninjs, or a withdrawal notice);
-- `embargoed_until` set means only partners with the embargo permission may see the event.
CREATE TABLE syndication_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK (type IN ('article.published', 'article.updated', 'article.corrected', 'article.withdrawn')),
  article_id INTEGER NOT NULL,
  slug TEXT NOT NULL,
  embargoed_until TEXT,
  payload TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX syndication_events_by_article ON syndication_events (article_id, id);

-- Partners' push endpoints. The signing secrets are stored encrypted (AES-GCM under the
-- WEBHOOK_ENCRYPTION_KEY secret): signing needs the secret itself, so a hash would not do.
CREATE TABLE webhook_endpoints (
  id INTEGER PRIMARY KEY,
  partner_id INTEGER NOT NULL REFERENCES partner_keys (id),
  url TEXT NOT NULL,
  events TEXT NOT NULL,                  -- JSON array of event types
  sections TEXT NOT NULL DEFAULT '[]',   -- JSON arrays of slugs / language tags; empty: all
  tags TEXT NOT NULL DEFAULT '[]',
  languages TEXT NOT NULL DEFAULT '[]',
  secret TEXT NOT NULL,
  previous_secret TEXT,
  previous_secret_until TEXT,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'disabled')),
  disabled_reason TEXT,
  disabled_at TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX webhook_endpoints_by_partner ON webhook_endpoints (partner_id, id);
CREATE INDEX webhook_endpoints_active ON webhook_endpoints (id) WHERE state = 'active';

-- One delivery per event and endpoint: its current state. Attempts are logged below.
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES syndication_events (id),
  endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id),
  partner_id INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'retrying', 'delivered', 'failed', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_retry_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (event_id, endpoint_id)
);

CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries (id),
  partner_id INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  at TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retrying', 'failed', 'dead')),
  response_code INTEGER,
  latency_ms INTEGER NOT NULL,
  error TEXT,
  next_retry_at TEXT
);
CREATE INDEX webhook_attempts_by_partner ON webhook_attempts (partner_id, id);
