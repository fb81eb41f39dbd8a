/**
 * Seeds the local D1 with the demo newspaper when it has no articles yet.
 *   npm run seed              demo content, only into an empty database
 *   npm run seed -- --force   demo content again (updates the demo records in place)
 *   npm run seed -- --articles 100000   plus that many generated articles (benchmark data)
 */
import { parseArgs } from 'node:util'
import { invalidate } from '../src/cache.ts'
import { importContent } from '../src/content/import.ts'
import { archiveAllBodies } from '../src/jobs/archive-bodies.ts'
import { demoBundle } from './demo.ts'
import { seedGeneratedArticles } from './generate.ts'
import { countArticles, localState, openLocalStorage } from './local-db.ts'
import { localD1File } from './sqlite-d1.ts'

const { values } = parseArgs({
  options: { force: { type: 'boolean', default: false }, articles: { type: 'string' } },
})
const generated = values.articles === undefined ? 0 : Number(values.articles)
if (!Number.isInteger(generated) || generated < 0) {
  console.error(`--articles must be a whole number, not ${values.articles}`)
  process.exit(2)
}

let { db, cache, bodies, close } = await openLocalStorage()
try {
  const existing = await countArticles(db)
  if (existing > 0 && !values.force && generated === 0) {
    console.log(`The local database already has ${existing} articles: not seeding (use --force to seed the demo again).`)
  } else {
    const report = await importContent(db, demoBundle(new Date()), { cache, bodies })
    if (report.errors.length > 0) throw new Error(`demo content refused: ${JSON.stringify(report.errors, null, 2)}`)
    console.log(`Seeded the demo newspaper: ${report.written.articles} articles by ${report.written.authors} authors.`)
  }
  if (generated > 0) {
    // Straight into the database file (see scripts/sqlite-d1.ts), with the proxy's workerd stopped.
    await close()
    const start = performance.now()
    await seedGeneratedArticles(localD1File(localState ?? '.wrangler/state'), generated, (done) =>
      process.stdout.write(`\rGenerated ${done}/${generated} articles`),
    )
    ;({ db, cache, bodies, close } = await openLocalStorage())
    // The layout the cron keeps: bodies older than ARCHIVE_AFTER_DAYS in the body store (R2).
    const archived = await archiveAllBodies(
      db,
      bodies,
      new Date(),
      (done) => process.stdout.write(`\rArchived ${done} bodies to R2   `),
      250,
    )
    await invalidate(cache, db, { everything: true })
    console.log(`\nGenerated ${generated} articles (${archived} bodies archived) in ${((performance.now() - start) / 1000).toFixed(1)} s.`)
  }
} finally {
  await close()
}
