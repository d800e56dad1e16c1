// A per-second rate of a growing counter, over a sliding window of samples taken when it is read.

export class RateWindow {
  private readonly samples: { t: number; value: number }[] = []

  constructor(private readonly windowMs = 10_000) {}

  /** Adds the counter's current value and returns its rate per second over the window. */
  rate(value: number, now = Date.now()): number {
    const s = this.samples
    if (s.length === 0 || s[s.length - 1]!.t !== now) s.push({ t: now, value })
    else s[s.length - 1]!.value = value
    // Keep at least two samples, so a reader that looks rarely still gets the rate since its last look.
    while (s.length > 2 && now - s[0]!.t > this.windowMs) s.shift()
    const first = s[0]!
    const dt = (now - first.t) / 1000
    return dt > 0 ? Math.round((value - first.value) / dt) : 0
  }
}
