/**
 * One build per key per isolate, shared between concurrent requests as plain data only.
 *
 * Workers forbid one request to use another request's I/O objects (streams, bodies, responses,
 * timers), and code runs in the request whose event resumed it. Two rules follow:
 * - A waiter follows the builder's promise (`then` on a promise made in another request makes
 *   the runtime resume the waiter in its own request), and never lets the builder call into it:
 *   a resolve function of the waiter's, called by the builder, would run the waiter's
 *   continuation inside the builder's request, where everything it creates (its Response, its
 *   body stream) belongs to the wrong request.
 * - A waiter never depends on the builder's request staying alive: when the builder's client
 *   goes away, its request is canceled and its promise never settles. So the waiter races the
 *   build against a timer of its own, and builds for itself when the builder fails or has not
 *   answered in time. Failures are never shared.
 */

interface Flight<T> {
  started: number
  /** Settles with the value, or null when the build failed; made and settled by the builder. */
  result: Promise<{ value: T } | null>
}

export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>()
  private readonly waitMs: number

  /** `waitMs`: how long a waiter trusts a build in progress before it builds on its own. */
  constructor(waitMs: number) {
    this.waitMs = waitMs
  }

  /**
   * `build()`'s value, from this request or, when another request of this isolate is already
   * building `key`, from that one (`shared: true`). `value` must be plain data: strings, numbers,
   * plain objects; never a Response, a stream or a promise.
   */
  async run(key: string, build: () => Promise<T>, keepAlive?: (work: Promise<unknown>) => void): Promise<{ value: T; shared: boolean }> {
    const flight = this.flights.get(key)
    const remaining = flight ? this.waitMs - (Date.now() - flight.started) : 0
    if (flight && remaining > 0) {
      const outcome = await this.wait(flight, remaining)
      if (outcome) return { value: outcome.value, shared: true }
    }
    const led = this.lead(key, build)
    // Others may be waiting for this build: let it finish even if this request's client goes away.
    keepAlive?.(led.catch(() => {}))
    return { value: await led, shared: false }
  }

  /** Builds `key`, then settles the flight for its waiters; a failure only tells them to build. */
  private async lead(key: string, build: () => Promise<T>): Promise<T> {
    const { promise, resolve } = Promise.withResolvers<{ value: T } | null>()
    const flight: Flight<T> = { started: Date.now(), result: promise }
    this.flights.set(key, flight)
    let outcome: { value: T } | null = null
    try {
      const value = await build()
      outcome = { value }
      return value
    } finally {
      if (this.flights.get(key) === flight) this.flights.delete(key)
      resolve(outcome)
    }
  }

  private async wait(flight: Flight<T>, ms: number): Promise<{ value: T } | null> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))
    try {
      return await Promise.race([flight.result, timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
