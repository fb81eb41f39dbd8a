import { tripEnded, tripStarted } from './traffic.ts'

/**
 * The one door to D1. Every round trip goes through `Database`, which counts and times it, so each
 * response can report its D1 cost (Server-Timing) and tests can prove a route's query budget.
 */
export interface QueryStats {
  /** Round trips to D1: a batch of statements counts once. */
  queries: number
  /** Statements executed, batched or not. */
  statements: number
  /** Milliseconds spent waiting for D1. */
  ms: number
}

/** D1 failed or did not answer in time: the request may be served stale, or answered 503. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StorageError'
  }
}

/**
 * D1 answered, and refused the statement because of what it was asked to write: a UNIQUE, NOT NULL,
 * FOREIGN KEY or CHECK constraint, or a value too big to store. The request's fault, not an outage:
 * it becomes a 4xx (see errors.ts), never a 503, and is never retried or served stale over.
 */
export class ConstraintError extends Error {
  /** Which kind of rule the write broke. */
  readonly constraint: 'unique' | 'not null' | 'foreign key' | 'check' | 'too big'
  /** The `table.column`s SQLite names (none for FOREIGN KEY, whose message names no column). */
  readonly columns: string[]

  constructor(constraint: ConstraintError['constraint'], columns: string[], message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ConstraintError'
    this.constraint = constraint
    this.columns = columns
  }
}

// SQLite's wording, as D1 passes it on: "D1_ERROR: UNIQUE constraint failed: tags.slug: SQLITE_CONSTRAINT".
const CONSTRAINT = /\b(UNIQUE|NOT NULL|FOREIGN KEY|CHECK) constraint failed(?:: ([\w.]+(?:, [\w.]+)*))?/
const TOO_BIG = /\b(string or blob too big|SQLITE_TOOBIG)\b/

/** What a failed D1 call means: a refused write (ConstraintError) or D1 not answering (StorageError). */
export function classifyD1Error(error: unknown): Error {
  if (error instanceof StorageError || error instanceof ConstraintError) return error
  const message = error instanceof Error ? error.message : String(error)
  const constraint = message.match(CONSTRAINT)
  if (constraint) {
    const kind = constraint[1]!.toLowerCase() as ConstraintError['constraint']
    // A CHECK's "column" is the expression that failed, not a column: keep only table.column names.
    const columns = (constraint[2] ?? '').split(', ').filter((name) => /^\w+\.\w+$/.test(name))
    return new ConstraintError(kind, kind === 'check' ? [] : columns, message, { cause: error })
  }
  if (TOO_BIG.test(message)) return new ConstraintError('too big', [], message, { cause: error })
  return new StorageError(message, { cause: error })
}

/** How long a D1 round trip may take before the request gives up on it. */
const D1_TIMEOUT_MS = 5_000

/**
 * A D1 handle: the database itself, or a session of D1's read replication (`DB.withSession(...)`),
 * whose reads a replica near the caller may serve, never older than the session's bookmark.
 * See src/db/sessions.ts and README, "Consistency".
 */
export type D1Handle = D1Database | D1DatabaseSession

export class Database {
  readonly stats: QueryStats = { queries: 0, statements: 0, ms: 0 }
  /** Whether this request's round trips give way to other requests' (see src/db/traffic.ts). */
  readonly yields: boolean
  /** The database a session is opened on, at the first query (null: `d1` is used as is). */
  private readonly root: D1Database | null
  private start: string | null
  private opened: D1Handle | null

  /**
   * `d1` as is; or, with `session`, a session of it starting at that constraint or bookmark
   * ('first-unconstrained': any replica; 'first-primary': the primary; a bookmark: any replica at
   * least that recent), opened at the first query: a request served from the cache opens none.
   * `yields`: this request's round trips give way to others' (see src/db/traffic.ts).
   */
  constructor(d1: D1Handle, session?: string, options: { yields?: boolean } = {}) {
    this.yields = options.yields ?? false
    this.root = session !== undefined && d1 && 'withSession' in d1 ? d1 : null
    this.start = this.root ? session! : null
    this.opened = this.root ? null : d1
  }

  get d1(): D1Handle {
    if (!this.opened) this.opened = this.root!.withSession(this.start!)
    return this.opened
  }

  /**
   * The session's bookmark after the queries so far (null outside a session, or before any query):
   * a later session started from it reads at least everything this one wrote or read.
   */
  bookmark(): string | null {
    return this.opened && 'getBookmark' in this.opened ? this.opened.getBookmark() : null
  }

  /**
   * Makes the session read nothing older than `bookmark` (a write's, say), if it is not open yet and
   * could start older. Bookmarks sort in time order; the primary is newer than any.
   */
  readNoOlderThan(bookmark: string | null | undefined): void {
    if (!bookmark || !this.root || this.opened || this.start === 'first-primary') return
    if (this.start !== 'first-unconstrained' && this.start !== null && this.start >= bookmark) return
    this.start = bookmark
  }

  prepare(sql: string): D1PreparedStatement {
    try {
      return this.d1.prepare(sql)
    } catch (error) {
      throw new StorageError(error instanceof Error ? error.message : String(error), { cause: error })
    }
  }

  async first<Row>(statement: D1PreparedStatement): Promise<Row | null> {
    return this.timed(1, () => statement.first<Row>())
  }

  async all<Row>(statement: D1PreparedStatement): Promise<Row[]> {
    const result = await this.timed(1, () => statement.all<Row>())
    return result.results
  }

  async run(statement: D1PreparedStatement): Promise<D1Result> {
    return this.timed(1, () => statement.run())
  }

  /** One trivial query: does D1 answer? */
  async ping(): Promise<void> {
    await this.first(this.prepare('SELECT 1'))
  }

  /** Runs the statements in one round trip and one transaction; results are in the same order. */
  async batch<Row = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<Row>[]> {
    if (statements.length === 0) return []
    return this.timed(statements.length, () => this.d1.batch<Row>(statements))
  }

  private async timed<T>(statements: number, call: () => Promise<T>): Promise<T> {
    const start = performance.now()
    const trip = tripStarted(this.yields)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StorageError(`D1 did not answer within ${D1_TIMEOUT_MS} ms`)), D1_TIMEOUT_MS)
    })
    try {
      return await Promise.race([call(), timeout])
    } catch (error) {
      throw classifyD1Error(error)
    } finally {
      clearTimeout(timer)
      tripEnded(trip)
      this.stats.queries += 1
      this.stats.statements += statements
      this.stats.ms += performance.now() - start
    }
  }
}
