-- Migration number: 0005 	 Which credential acted: the editor token's id beside its name in the audit log.
-- NULL for the bootstrap ADMIN_TOKEN secret and for the scheduler, whose actor names say so; a
-- token that someone named "bootstrap" has its id here, so the two can never be confused.
ALTER TABLE audit_log ADD COLUMN actor_token_id INTEGER;
