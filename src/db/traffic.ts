/**
 * This isolate's round trips to D1, for work that gives way to the rest (searches: see
 * src/routes/article-page.ts). D1 runs one query at a time, so a costly query that goes in while
 * other requests' queries wait, or go in right after it, makes them all wait for it.
 */

/** A round trip in flight: when it started, and whether it gives way to the others. */
export interface Trip {
  since: number
  yields: boolean
}

/** A round trip whose request was canceled mid-wait may never settle: after this, it stops counting. */
const STALE_MS = 5_000

const inFlight = new Set<Trip>()
/** When a round trip that does not give way last started or ended (Date.now()). */
let lastOther = 0

export function tripStarted(yields: boolean): Trip {
  const trip = { since: Date.now(), yields }
  inFlight.add(trip)
  if (!yields) lastOther = trip.since
  return trip
}

export function tripEnded(trip: Trip): void {
  inFlight.delete(trip)
  if (!trip.yields) lastOther = Date.now()
}

/** Whether a round trip that does not give way is waiting on D1 now. */
export function othersWaiting(): boolean {
  const now = Date.now()
  let waiting = false
  for (const trip of inFlight) {
    if (now - trip.since >= STALE_MS) inFlight.delete(trip)
    else if (!trip.yields) waiting = true
  }
  return waiting
}

/** Whether a round trip that does not give way has used D1 since `t` (Date.now()). */
export function othersActiveSince(t: number): boolean {
  return lastOther >= t || othersWaiting()
}
