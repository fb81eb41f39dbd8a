import path from 'node:path'
import { getPlatformProxy } from 'wrangler'
import { Database } from '../src/db/client.ts'

/**
 * Where local state lives: wrangler's default (.wrangler/state), or the folder NEWSROOM_STATE names
 * (what `wrangler --persist-to` takes), so that a soak run can keep its own database apart from
 * the one `npm start` shows a developer.
 */
export const localState = process.env.NEWSROOM_STATE || undefined
export const persistArgs = localState ? ['--persist-to', localState] : []

/**
 * The local D1, KV and R2 that `wrangler dev` uses, opened from Node through wrangler's platform
 * proxy, so that scripts write through the same data layer as the Worker.
 */
export async function openLocalStorage() {
  const persist = localState ? { path: path.join(localState, 'v3') } : true
  const proxy = await getPlatformProxy<Env>({ configPath: 'wrangler.toml', persist, remoteBindings: false })
  return { db: new Database(proxy.env.DB), cache: proxy.env.CACHE, bodies: proxy.env.BODIES, close: () => proxy.dispose() }
}

export async function countArticles(db: Database): Promise<number> {
  const row = await db.first<{ n: number }>(db.prepare('SELECT count(*) AS n FROM articles'))
  return row?.n ?? 0
}
