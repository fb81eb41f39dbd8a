/** The other users of the resource a gate keeps (see `yieldTo`). */
export interface Others {
  /** Whether others are waiting for the resource now. */
  waiting(): boolean
  /** Whether others have used the resource since `t` (Date.now()). */
  activeSince(t: number): boolean
}

/**
 * At most `limit` holders at a time in this isolate; the others wait their turn. For work that
 * would otherwise crowd everyone else out of a shared resource: D1 runs one query at a time, so
 * ten searches in its queue make every reader behind them wait for all ten.
 *
 * A waiter polls on a timer of its own rather than being woken by the holder that leaves: in
 * workerd, resolving a promise that another request awaits resumes that request inside the
 * resolver's (see src/lib/single-flight.ts), where its I/O would belong to the wrong request.
 * A waiter that has waited `maxWaitMs` goes in anyway: the gate shapes load, it never refuses.
 *
 * With `yieldTo`, the holders give way to the resource's other users: no one goes in while others
 * wait for it, and while others use it, the holders take at most `share` of its time (after a
 * holder that held it for d ms, the next waits d × (1/share − 1) ms).
 */
export class Gate {
  /** When each holder went in. A holder whose request was canceled mid-work never leaves: it stops counting after `maxHoldMs`. */
  private readonly holders = new Set<{ since: number }>()
  private readonly limit: number
  private readonly maxWaitMs: number
  private readonly maxHoldMs: number
  private readonly pollMs: number
  private readonly yieldTo: Others | null
  private readonly share: number
  /** When the last holder went in and left. */
  private last = { since: 0, until: 0 }

  constructor(limit: number, options: { maxWaitMs?: number; maxHoldMs?: number; pollMs?: number; yieldTo?: Others; share?: number } = {}) {
    this.limit = limit
    this.yieldTo = options.yieldTo ?? null
    this.share = options.share ?? 1
    this.maxWaitMs = options.maxWaitMs ?? 2_000
    this.maxHoldMs = options.maxHoldMs ?? 15_000
    this.pollMs = options.pollMs ?? 2
  }

  /** Runs `work` when a place is free; `keepAlive` (the request's waitUntil) lets it finish, and leave, if the client goes away. */
  async run<T>(work: () => Promise<T>, keepAlive?: (promise: Promise<unknown>) => void): Promise<T> {
    // Date.now() advances across each timer (it is frozen only while code runs).
    const deadline = Date.now() + this.maxWaitMs
    for (let wait = this.waitMs(); wait > 0 && Date.now() < deadline; wait = this.waitMs()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - Date.now())))
    }
    const holder = { since: Date.now() }
    this.holders.add(holder)
    const done = work().finally(() => {
      this.holders.delete(holder)
      this.last = { since: holder.since, until: Date.now() }
    })
    keepAlive?.(done.catch(() => {}))
    return done
  }

  /** How long a waiter should wait before it looks again: 0 when it may go in now. */
  private waitMs(): number {
    const now = Date.now()
    for (const holder of this.holders) if (now - holder.since >= this.maxHoldMs) this.holders.delete(holder)
    if (this.holders.size >= this.limit) return this.pollMs
    if (!this.yieldTo) return 0
    if (this.yieldTo.waiting()) return this.pollMs
    // Resting after the last holder: sleep to the end of the rest rather than poll through it (every
    // timer a waiter wakes on runs in the isolate the others are served from).
    const restUntil = this.last.until + (this.last.until - this.last.since) * (1 / this.share - 1)
    return now < restUntil && this.yieldTo.activeSince(this.last.since) ? restUntil - now : 0
  }
}
