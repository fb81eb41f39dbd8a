import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { vi } from 'vitest'

// Setup files run before each test file, outside its storage isolation; applyD1Migrations skips
// migrations that are already applied, so running it again is harmless.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)

// The Worker reads and writes through D1 sessions (src/db/sessions.ts), objects of their own: a
// failure or a race a test injects with vi.spyOn(env.DB, 'prepare' | 'batch') would not reach
// them. Locally there is one database and no replica, so while one of env.DB's methods is mocked,
// sessions call it instead of their own; otherwise they are the real sessions, bookmarks and all.
const db = env.DB as D1Database & { sessionsFollowSpies?: true }
if (!db.sessionsFollowSpies) {
  const withSession = db.withSession.bind(db)
  db.withSession = (constraintOrBookmark) => {
    const session = withSession(constraintOrBookmark)
    return {
      prepare: (sql: string) => (vi.isMockFunction(db.prepare) ? db.prepare(sql) : session.prepare(sql)),
      batch: (statements: D1PreparedStatement[]) => (vi.isMockFunction(db.batch) ? db.batch(statements) : session.batch(statements)),
      getBookmark: () => session.getBookmark(),
    } as D1DatabaseSession
  }
  db.sessionsFollowSpies = true
}
