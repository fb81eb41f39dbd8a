/**
 * At most `limit` holders at a time in this isolate; the others wait their turn. For work that
 * would otherwise crowd everyone else out of a shared resource: D1 runs one query at a time, so
 * ten searches in its queue make every reader behind them wait for all ten.
 *
 * A waiter polls on a timer of its own rather than being woken by the holder that leaves: in
 * workerd, resolving a promise that another request awaits resumes that request inside the
 * resolver's (see src/lib/single-flight.ts), where its I/O would belong to the wrong request.
 * A waiter that has waited `maxWaitMs` goes in anyway: the gate shapes load, it never refuses.
 */
export class Gate {
  private inFlight = 0
  private readonly limit: number
  private readonly maxWaitMs: number
  private readonly pollMs: number

  constructor(limit: number, maxWaitMs = 2_000, pollMs = 2) {
    this.limit = limit
    this.maxWaitMs = maxWaitMs
    this.pollMs = pollMs
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    // Date.now() advances across each timer (it is frozen only while code runs).
    const deadline = Date.now() + this.maxWaitMs
    while (this.inFlight >= this.limit && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, this.pollMs))
    this.inFlight += 1
    try {
      return await work()
    } finally {
      this.inFlight -= 1
    }
  }
}
