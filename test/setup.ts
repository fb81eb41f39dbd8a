import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

// Setup files run before each test file, outside its storage isolation; applyD1Migrations skips
// migrations that are already applied, so running it again is harmless.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
