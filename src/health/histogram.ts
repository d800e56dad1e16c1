// A Prometheus histogram kept in the process: fixed upper bounds, a count per bound, the sum and the
// count of all observations. Cumulative counts are made when it is written, not on each observation.

export class Histogram {
  private readonly counts: number[]
  private total = 0
  private sumOf = 0

  /** `bounds`: the upper bounds (`le`) in increasing order; +Inf is added when written. */
  constructor(readonly bounds: readonly number[]) {
    for (let i = 1; i < bounds.length; i++) {
      if (!(bounds[i]! > bounds[i - 1]!)) throw new Error(`histogram bounds must increase, got ${bounds.join(', ')}`)
    }
    this.counts = new Array(bounds.length).fill(0)
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return
    this.total++
    this.sumOf += value
    const i = this.bounds.findIndex((b) => value <= b)
    if (i >= 0) this.counts[i]!++
  }

  get count(): number {
    return this.total
  }

  get sum(): number {
    return this.sumOf
  }

  /** [le, observations <= le] for every bound, then ['+Inf', count]. */
  cumulative(): [string, number][] {
    let n = 0
    const out: [string, number][] = this.bounds.map((b, i) => [String(b), (n += this.counts[i]!)])
    out.push(['+Inf', this.total])
    return out
  }
}
