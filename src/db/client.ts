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

export class Database {
  readonly stats: QueryStats = { queries: 0, statements: 0, ms: 0 }
  readonly d1: D1Database

  constructor(d1: D1Database) {
    this.d1 = d1
  }

  prepare(sql: string): D1PreparedStatement {
    return this.d1.prepare(sql)
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

  /** Runs the statements in one round trip and one transaction; results are in the same order. */
  async batch<Row = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<Row>[]> {
    if (statements.length === 0) return []
    return this.timed(statements.length, () => this.d1.batch<Row>(statements))
  }

  private async timed<T>(statements: number, call: () => Promise<T>): Promise<T> {
    const start = performance.now()
    try {
      return await call()
    } finally {
      this.stats.queries += 1
      this.stats.statements += statements
      this.stats.ms += performance.now() - start
    }
  }
}
