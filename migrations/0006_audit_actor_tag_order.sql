-- Migration number: 0005 	 Which credential acted, in the audit log; tags in name order, for the public list.

-- The editor token's id beside its name. NULL for the bootstrap ADMIN_TOKEN secret and for the
-- scheduler, whose actor names say so; a token that someone named "bootstrap" has its id here, so
-- the two can never be confused.
ALTER TABLE audit_log ADD COLUMN actor_token_id INTEGER;

-- GET /v1/tags walks tags A-Z and keeps those a public article uses (one article_tags_feed probe
-- each): this index gives that order without sorting every tag.
CREATE INDEX tags_by_name ON tags (name, id);
