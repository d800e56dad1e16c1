// MariaDB GTID positions: a list of domain-server-seq_no, as @@gtid_binlog_pos,
// @@gtid_current_pos and @@gtid_binlog_state print it (sql/rpl_gtid.cc: entries sorted by
// domain id, joined by ","). A position has one entry per domain; a binlog state may have several
// per domain, one per server id that wrote in it.

import { InvalidGtidError } from './errors.ts'

export interface MariadbGtid {
  domainId: number
  serverId: number
  seqNo: bigint
}

const U32_MAX = 0xffff_ffff
const U64_MAX = (1n << 64n) - 1n
const ELEMENT = /^(\d+)-(\d+)-(\d+)$/

export function formatMariadbGtid(g: MariadbGtid): string {
  return `${g.domainId}-${g.serverId}-${g.seqNo}`
}

export class MariadbGtidList {
  static readonly EMPTY = new MariadbGtidList([])

  /** Sorted by domain id; within a domain in the order given, one entry per server id. */
  readonly gtids: readonly MariadbGtid[]

  private constructor(gtids: readonly MariadbGtid[]) {
    this.gtids = gtids
  }

  /** Parses `0-1-100,1-2-5`; whitespace around entries is allowed, '' is the empty list. */
  static parse(text: string): MariadbGtidList {
    if (text.trim() === '') return MariadbGtidList.EMPTY
    return MariadbGtidList.of(
      text.split(',').map((part) => {
        const m = ELEMENT.exec(part.trim())
        if (m === null) throw new InvalidGtidError(`not a MariaDB GTID: ${JSON.stringify(part)} in ${JSON.stringify(text)}`)
        return { domainId: Number(m[1]), serverId: Number(m[2]), seqNo: BigInt(m[3]) }
      }),
    )
  }

  /** A list from GTIDs in any order; a later entry replaces an earlier one of the same domain and server. */
  static of(gtids: Iterable<MariadbGtid>): MariadbGtidList {
    const byKey = new Map<string, MariadbGtid>()
    for (const g of gtids) {
      checkGtid(g)
      const k = `${g.domainId}-${g.serverId}`
      byKey.delete(k) // re-insert so that insertion order is the order seen last
      byKey.set(k, { domainId: g.domainId, serverId: g.serverId, seqNo: g.seqNo })
    }
    const list = [...byKey.values()]
    if (list.length === 0) return MariadbGtidList.EMPTY
    // Array.prototype.sort is stable: entries of one domain keep their order.
    list.sort((a, b) => a.domainId - b.domainId)
    return new MariadbGtidList(list)
  }

  get isEmpty(): boolean {
    return this.gtids.length === 0
  }

  domains(): number[] {
    return [...new Set(this.gtids.map((g) => g.domainId))]
  }

  /** The domain's position: its GTID with the highest seq_no (seq_nos grow within a domain). */
  positionOf(domainId: number): MariadbGtid | undefined {
    let best: MariadbGtid | undefined
    for (const g of this.gtids) {
      if (g.domainId === domainId && (best === undefined || g.seqNo >= best.seqNo)) best = g
    }
    return best
  }

  /** The position after the transaction `gtid`: its domain keeps only this GTID. */
  advance(gtid: MariadbGtid): MariadbGtidList {
    checkGtid(gtid)
    return MariadbGtidList.of([...this.gtids.filter((g) => g.domainId !== gtid.domainId), gtid])
  }

  /**
   * How many transactions this position is behind `other`: per domain of `other`, its seq_no
   * minus ours (0 when we are level or ahead; all of it when we lack the domain), summed.
   */
  behind(other: MariadbGtidList): bigint {
    let total = 0n
    for (const domainId of other.domains()) {
      const theirs = other.positionOf(domainId)?.seqNo ?? 0n
      const ours = this.positionOf(domainId)?.seqNo ?? 0n
      if (theirs > ours) total += theirs - ours
    }
    return total
  }

  /** Same GTIDs, regardless of order within a domain. */
  equals(other: MariadbGtidList): boolean {
    if (this.gtids.length !== other.gtids.length) return false
    const mine = new Set(this.gtids.map(formatMariadbGtid))
    return other.gtids.every((g) => mine.has(formatMariadbGtid(g)))
  }

  toString(): string {
    return this.gtids.map(formatMariadbGtid).join(',')
  }

  /** JSON carries the server's text. */
  toJSON(): string {
    return this.toString()
  }
}

function checkGtid(g: MariadbGtid): void {
  const ok =
    Number.isInteger(g.domainId) &&
    g.domainId >= 0 &&
    g.domainId <= U32_MAX &&
    Number.isInteger(g.serverId) &&
    g.serverId >= 0 &&
    g.serverId <= U32_MAX &&
    g.seqNo >= 0n &&
    g.seqNo <= U64_MAX
  if (!ok) throw new InvalidGtidError(`MariaDB GTID out of range: ${formatMariadbGtid(g)}`)
}
