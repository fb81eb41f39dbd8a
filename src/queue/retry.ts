/**
 * How long a queue message waits before its next try: 2^attempts seconds (2 s, 4 s, 8 s …), at
 * most ten minutes, so a dependency that is down for a while is not hammered and one that comes
 * back is used again soon. (Webhook deliveries keep their own, longer schedule: a partner's
 * endpoint may be down for hours.)
 */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** attempts, 600)
}
