// MySQL GTID sets: an immutable value of (uuid, tag) -> gno intervals, printed exactly as the
// server prints @@gtid_executed and GTID_SUBTRACT() results.

import { InvalidGtidError } from './errors.ts'
import {
  GNO_END,
  MIN_GNO,
  normalizeSpans,
  type Span,
  spansContain,
  spansCount,
  spansEqual,
  spansSubset,
  subtractSpans,
  unionSpans,
} from './intervals.ts'
import { parseMysqlGtidText } from './mysql-gtid-text.ts'
import { normalizeTag } from './tag.ts'
import { canonicalUuid } from './uuid.ts'

/** One transaction id. `tag` is '' for an untagged GTID. */
export interface MysqlGtid {
  uuid: string
  tag: string
  gno: bigint
}

/** Inclusive range of gnos, as printed: `first-last`. */
export interface GtidInterval {
  first: bigint
  last: bigint
}

/** All gnos of one uuid and tag (the server's TSID). */
export interface MysqlGtidSetEntry {
  uuid: string
  tag: string
  intervals: readonly GtidInterval[]
}

/** Internal form: canonical uuid, lowercase tag, normalized half-open spans (never empty). */
interface Run {
  readonly uuid: string
  readonly tag: string
  readonly spans: readonly Span[]
}

function compareRuns(a: { uuid: string; tag: string }, b: { uuid: string; tag: string }): number {
  // Canonical uuid text sorts like the 16 bytes; tags compare bytewise with '' (untagged) first.
  if (a.uuid !== b.uuid) return a.uuid < b.uuid ? -1 : 1
  if (a.tag !== b.tag) return a.tag < b.tag ? -1 : 1
  return 0
}

function key(r: { uuid: string; tag: string }): string {
  return `${r.uuid}:${r.tag}`
}

export class MysqlGtidSet {
  static readonly EMPTY = new MysqlGtidSet([])

  readonly #runs: readonly Run[]

  private constructor(runs: readonly Run[]) {
    this.#runs = runs
  }

  /** Parses the server's text form (`@@gtid_executed`, `GTID_SUBTRACT()`); '' is the empty set. */
  static parse(text: string): MysqlGtidSet {
    return MysqlGtidSet.#build(parseMysqlGtidText(text))
  }

  /** Builds a set from entries in any order; overlapping intervals are merged. */
  static fromEntries(entries: Iterable<MysqlGtidSetEntry>): MysqlGtidSet {
    const runs: Run[] = []
    for (const e of entries) {
      const spans = e.intervals.map(({ first, last }): Span => {
        checkGno(first)
        checkGno(last)
        if (last < first) throw new InvalidGtidError(`interval ${first}-${last} ends before it starts`)
        return [first, last + 1n]
      })
      runs.push({ uuid: canonicalUuid(e.uuid), tag: normalizeTag(e.tag), spans })
    }
    return MysqlGtidSet.#build(runs)
  }

  /** Merges runs given in any order into the canonical sorted form. */
  static #build(runs: Iterable<{ uuid: string; tag: string; spans: readonly Span[] }>): MysqlGtidSet {
    const byKey = new Map<string, { uuid: string; tag: string; spans: Span[] }>()
    for (const r of runs) {
      const k = key(r)
      const have = byKey.get(k)
      if (have) have.spans.push(...r.spans)
      else byKey.set(k, { uuid: r.uuid, tag: r.tag, spans: [...r.spans] })
    }
    const out: Run[] = []
    for (const r of byKey.values()) {
      const spans = normalizeSpans(r.spans)
      if (spans.length > 0) out.push({ uuid: r.uuid, tag: r.tag, spans })
    }
    out.sort(compareRuns)
    return out.length === 0 ? MysqlGtidSet.EMPTY : new MysqlGtidSet(out)
  }

  get isEmpty(): boolean {
    return this.#runs.length === 0
  }

  /** Whether any (uuid, tag) of the set has a tag: then only the tagged binary format holds it. */
  get hasTags(): boolean {
    return this.#runs.some((r) => r.tag !== '')
  }

  /** The set per uuid and tag, in the server's order (uuid bytes, then tag, untagged first). */
  entries(): MysqlGtidSetEntry[] {
    return this.#runs.map((r) => ({
      uuid: r.uuid,
      tag: r.tag,
      intervals: r.spans.map(([s, e]) => ({ first: s, last: e - 1n })),
    }))
  }

  /** Number of transactions in the set. */
  count(): bigint {
    let n = 0n
    for (const r of this.#runs) n += spansCount(r.spans)
    return n
  }

  contains(gtid: MysqlGtid): boolean {
    const run = this.#find(canonicalUuid(gtid.uuid), normalizeTag(gtid.tag))
    return run !== undefined && spansContain(run.spans, gtid.gno)
  }

  /** The set with one more transaction (cheap for the usual case: the next gno of a run). */
  add(uuid: string, tag: string, gno: bigint): MysqlGtidSet {
    checkGno(gno)
    const probe = { uuid: canonicalUuid(uuid), tag: normalizeTag(tag) }
    const at = this.#search(probe.uuid, probe.tag)
    const runs = [...this.#runs]
    if (at >= 0) {
      const spans = runs[at].spans
      if (spansContain(spans, gno)) return this
      const last = spans[spans.length - 1]
      runs[at] = {
        ...runs[at],
        spans: last[1] === gno ? [...spans.slice(0, -1), [last[0], gno + 1n]] : unionSpans(spans, [[gno, gno + 1n]]),
      }
    } else {
      runs.splice(-at - 1, 0, { ...probe, spans: [[gno, gno + 1n]] })
    }
    return new MysqlGtidSet(runs)
  }

  union(other: MysqlGtidSet): MysqlGtidSet {
    if (other.isEmpty) return this
    if (this.isEmpty) return other
    const merged = new Map<string, Run>(this.#runs.map((r) => [key(r), r]))
    for (const r of other.#runs) {
      const have = merged.get(key(r))
      merged.set(key(r), have ? { ...have, spans: unionSpans(have.spans, r.spans) } : r)
    }
    return new MysqlGtidSet([...merged.values()].sort(compareRuns))
  }

  subtract(other: MysqlGtidSet): MysqlGtidSet {
    if (other.isEmpty || this.isEmpty) return this
    const out: Run[] = []
    for (const r of this.#runs) {
      const minus = other.#find(r.uuid, r.tag)
      const spans = minus ? subtractSpans(r.spans, minus.spans) : r.spans
      if (spans.length > 0) out.push(spans === r.spans ? r : { ...r, spans })
    }
    return out.length === 0 ? MysqlGtidSet.EMPTY : new MysqlGtidSet(out)
  }

  isSubsetOf(other: MysqlGtidSet): boolean {
    return this.#runs.every((r) => {
      const sup = other.#find(r.uuid, r.tag)
      return sup !== undefined && spansSubset(r.spans, sup.spans)
    })
  }

  equals(other: MysqlGtidSet): boolean {
    if (this === other) return true
    const a = this.#runs
    const b = other.#runs
    return a.length === b.length && a.every((r, i) => compareRuns(r, b[i]) === 0 && spansEqual(r.spans, b[i].spans))
  }

  /**
   * The server's text: `uuid:1-5:7:tag_a:1-3,\nuuid2:3`. A uuid is written once, its untagged
   * intervals first, then each tag in order with its intervals; uuids are separated by ",\n".
   */
  toString(): string {
    let out = ''
    let prevUuid: string | undefined
    for (const r of this.#runs) {
      if (r.uuid !== prevUuid) {
        if (prevUuid !== undefined) out += ',\n'
        out += r.uuid
        prevUuid = r.uuid
      }
      if (r.tag !== '') out += `:${r.tag}`
      for (const [s, e] of r.spans) out += e - s === 1n ? `:${s}` : `:${s}-${e - 1n}`
    }
    return out
  }

  /** JSON carries the server's text. */
  toJSON(): string {
    return this.toString()
  }

  #find(uuid: string, tag: string): Run | undefined {
    const at = this.#search(uuid, tag)
    return at >= 0 ? this.#runs[at] : undefined
  }

  /** Index of the run, or -(insertion point) - 1. */
  #search(uuid: string, tag: string): number {
    const runs = this.#runs
    let lo = 0
    let hi = runs.length - 1
    const probe = { uuid, tag }
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const c = compareRuns(runs[mid], probe)
      if (c < 0) lo = mid + 1
      else if (c > 0) hi = mid - 1
      else return mid
    }
    return -lo - 1
  }
}

function checkGno(gno: bigint): void {
  if (gno < MIN_GNO || gno >= GNO_END) {
    throw new InvalidGtidError(`gno ${gno} is out of range ${MIN_GNO}..${GNO_END - 1n}`)
  }
}
