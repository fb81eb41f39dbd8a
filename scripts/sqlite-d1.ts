import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync, type SQLInputValue } from 'node:sqlite'

/**
 * The local D1's SQLite file, opened directly with Node's built-in SQLite, behind the small part
 * of the D1 binding's interface the data layer uses (prepare, bind, all, first, run, batch).
 *
 * For bulk writes only (seeding the benchmark's million articles): through Miniflare's binding
 * proxy every batch crosses two processes and JSON-encodes its rows twice, about 350 articles a
 * second; here the same statements run in-process, in one transaction per batch, with the same
 * schema, triggers and indexes (the file is the one `wrangler d1 migrations apply` wrote).
 * Nothing else may have the file open: stop workerd first.
 */
export function openD1File(file: string): { d1: D1Database; sqlite: DatabaseSync; close: () => void } {
  const sqlite = new DatabaseSync(file)
  // A crash mid-seed loses at most the seed (the run resumes after the rows already there).
  sqlite.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA foreign_keys = ON')
  const cache = new Map<string, ReturnType<DatabaseSync['prepare']>>()
  const compiled = (sql: string) => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = sqlite.prepare(sql)
      cache.set(sql, statement)
    }
    return statement
  }
  const toSql = (value: unknown): SQLInputValue =>
    value === undefined ? null : typeof value === 'boolean' ? Number(value) : (value as SQLInputValue)

  class Statement {
    readonly sql: string
    readonly params: unknown[]
    constructor(sql: string, params: unknown[] = []) {
      this.sql = sql
      this.params = params
    }
    bind(...params: unknown[]) {
      return new Statement(this.sql, params)
    }
    rows() {
      return compiled(this.sql).all(...this.params.map(toSql)) as Record<string, unknown>[]
    }
    async all() {
      return { results: this.rows(), success: true, meta: {} }
    }
    async first(column?: string) {
      const row = this.rows()[0] ?? null
      return column && row ? row[column] : row
    }
    async run() {
      return this.result()
    }
    /** What D1 answers for the statement: its rows, and how many rows it changed. */
    result() {
      const statement = compiled(this.sql)
      if (statement.columns().length > 0) {
        const results = this.rows()
        return { results, success: true, meta: { changes: Number((compiled('SELECT changes() AS n').get() as { n: number }).n) } }
      }
      return { results: [], success: true, meta: { changes: Number(statement.run(...this.params.map(toSql)).changes) } }
    }
  }

  const d1 = {
    prepare: (sql: string) => new Statement(sql),
    async batch(statements: Statement[]) {
      sqlite.exec('BEGIN')
      try {
        const results = statements.map((s) => s.result())
        sqlite.exec('COMMIT')
        return results
      } catch (error) {
        sqlite.exec('ROLLBACK')
        throw error
      }
    },
  }
  return { d1: d1 as unknown as D1Database, sqlite, close: () => sqlite.close() }
}

/** The SQLite file of the local D1 database under a persistence directory (`<dir>/v3/d1/...`). */
export function localD1File(persistTo: string): string {
  const dir = path.join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject')
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite') : []
  if (files.length !== 1) throw new Error(`expected one D1 database file in ${dir}, found ${files.length}: apply the migrations first`)
  return path.join(dir, files[0]!)
}
