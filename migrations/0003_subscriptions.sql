-- Migration number: 0003 	 Newsletter subscribers, double opt-in, consent records, the local outbox.

-- A person who signed up. The address is found by its SHA-256 (email_hash) so that lookups and
-- uniqueness never need an index over addresses; erasure deletes the row.
CREATE TABLE subscribers (
  id INTEGER PRIMARY KEY,
  email_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  name TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- One row per subscriber and newsletter: pending -> confirmed -> unsubscribed.
CREATE TABLE subscriptions (
  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  newsletter TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
  requested_at TEXT NOT NULL,
  confirmed_at TEXT,
  unsubscribed_at TEXT,
  -- When the last confirmation e-mail went out: a cool-down against repeated sign-ups.
  confirmation_sent_at TEXT,
  PRIMARY KEY (subscriber_id, newsletter)
) WITHOUT ROWID;

-- What the person agreed to, when, to which wording, from where. Kept after erasure without the
-- link to the person (subscriber_id becomes NULL); there is no address in it.
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE SET NULL,
  message_id TEXT NOT NULL UNIQUE,
  newsletters TEXT NOT NULL,
  wording_version TEXT NOT NULL,
  consented_at TEXT NOT NULL,
  source TEXT,
  ip_hash TEXT,
  request_id TEXT
);
CREATE INDEX consents_by_subscriber ON consents (subscriber_id);

-- Confirmation and unsubscribe tokens, stored only as SHA-256.
CREATE TABLE subscriber_tokens (
  token_hash TEXT PRIMARY KEY,
  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'unsubscribe')),
  newsletters TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  used_at TEXT
) WITHOUT ROWID;
CREATE INDEX subscriber_tokens_by_subscriber ON subscriber_tokens (subscriber_id);

-- Queue messages already handled: deliveries are at least once.
CREATE TABLE processed_messages (
  message_id TEXT PRIMARY KEY,
  processed_at TEXT NOT NULL
) WITHOUT ROWID;

-- Mail "sent" by the local mailer (MAIL_TRANSPORT = "outbox"): what a developer reads instead of an inbox.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,
  to_address TEXT NOT NULL,
  from_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  headers TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX outbox_by_subscriber ON outbox (subscriber_id);
