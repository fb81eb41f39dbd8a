import { getPlatformProxy } from 'wrangler'
import { Database } from '../src/db/client.ts'

/**
 * The local D1, KV and R2 that `wrangler dev` uses (.wrangler/state/v3), opened from Node through
 * wrangler's platform proxy, so that scripts write through the same data layer as the Worker.
 */
export async function openLocalStorage() {
  const proxy = await getPlatformProxy<Env>({ configPath: 'wrangler.toml', persist: true, remoteBindings: false })
  return { db: new Database(proxy.env.DB), cache: proxy.env.CACHE, bodies: proxy.env.BODIES, close: () => proxy.dispose() }
}

export async function countArticles(db: Database): Promise<number> {
  const row = await db.first<{ n: number }>(db.prepare('SELECT count(*) AS n FROM articles'))
  return row?.n ?? 0
}
