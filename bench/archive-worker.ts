/**
 * The benchmark's archiver: a Worker beside the API in the same runtime, with the same D1 and R2,
 * that runs the cron's archiver (src/jobs/archive-bodies.ts) with larger rounds, so that a seeded
 * archive reaches the layout the cron keeps (bodies older than ARCHIVE_AFTER_DAYS in R2) in
 * minutes. From Node, through Miniflare's binding proxy, every R2 put crosses two processes: about
 * 150 bodies a second; here, about 700. Each request archives up to `rounds` × `size` bodies and
 * answers how many it moved (0: done).
 */
import { archiveBodies } from '../src/jobs/archive-bodies.ts'
import { Database } from '../src/db/client.ts'

export default {
  async fetch(request: Request, env: { DB: D1Database; BODIES: R2Bucket }): Promise<Response> {
    const params = new URL(request.url).searchParams
    const archived = await archiveBodies(new Database(env.DB), env.BODIES, new Date(params.get('at') ?? Date.now()), {
      rounds: Number(params.get('rounds') ?? 20),
      roundSize: Number(params.get('size') ?? 250),
    })
    return new Response(String(archived))
  },
}
