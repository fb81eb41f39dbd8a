-- Migration number: 0004 	 The editorial API: editor tokens, audit, corrections, optimistic locking, the sync log.

-- Bearer tokens issued to editors, stored only as SHA-256.
CREATE TABLE editor_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
);

-- Every admin write: who, what, when, and the article version before and after.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_slug TEXT NOT NULL,
  version_before INTEGER,
  version_after INTEGER,
  request_id TEXT
);
CREATE INDEX audit_log_by_target ON audit_log (target_type, target_slug, id);

-- Optimistic locking: each write of an article bumps its version; If-Match names it.
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Public corrections, appended by editors with the edit that corrects.
CREATE TABLE article_corrections (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX article_corrections_by_article ON article_corrections (article_id, id);

-- The delta-sync log: one row per change of public state, in a strict order (seq), written in
-- the same batch as the content write that caused it.
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL CHECK (type IN ('article', 'author', 'section', 'tag', 'publication')),
  slug TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  at TEXT NOT NULL
);

-- A batch that must not go on writes a row here and fails the CHECK: the whole batch rolls back.
-- (D1 batches are transactions; this is how one statement can veto the others, e.g. when the
-- article's version is not the one If-Match named.)
CREATE TABLE write_guards (
  reason TEXT NOT NULL CHECK (reason IS NULL)
);

-- When each scheduled job last ran.
CREATE TABLE jobs (
  name TEXT PRIMARY KEY,
  last_run_at TEXT NOT NULL
) WITHOUT ROWID;
