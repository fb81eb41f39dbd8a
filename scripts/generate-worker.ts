import { parentPort, workerData } from 'node:worker_threads'
import { toBulkArticle } from '../src/db/bulk.ts'
import { generatedWrites } from './generate.ts'

// The generator's half of seedGeneratedArticles: validates and renders the articles asked for,
// on the second core, while the main thread writes the previous batch.
const { count, now } = workerData as { count: number; now: number }
const writtenAt = new Date(now).toISOString()
parentPort!.on('message', ({ from, to }: { from: number; to: number }) => {
  parentPort!.postMessage({ from, to, rows: generatedWrites(from, to, count, now).map((w) => toBulkArticle(w, writtenAt)) })
})
