// Turns the measurements into the table and the one-line verdict the benchmark prints.

import type { TestServer } from '../../test/support/servers.ts'
import type { Decoder } from './decoders/index.ts'
import type { DecodeResult } from './measure.ts'
import { type BenchRange, rowChanges } from './range.ts'

export interface Measurement {
  server: TestServer
  range: BenchRange
  decoder: Decoder
  runs: DecodeResult[]
  /** Why the decoder could not read this server's range, if it could not. */
  failure?: string
}

export interface Summary {
  bestRowsPerSecond: number
  medianRowsPerSecond: number
  mbPerSecond: number
  peakRssMb: number
}

export function summarize(m: Measurement): Summary | null {
  if (m.failure || m.runs.length === 0) return null
  const changes = rowChanges(m.range)
  const rates = m.runs.map((r) => changes / r.seconds).sort((a, b) => a - b)
  const best = Math.min(...m.runs.map((r) => r.seconds))
  const mid = rates.length >> 1
  return {
    bestRowsPerSecond: rates.at(-1)!,
    medianRowsPerSecond: rates.length % 2 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2,
    mbPerSecond: m.range.bytes / 1e6 / best,
    peakRssMb: Math.max(...m.runs.map((r) => r.peakRssMb)),
  }
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US')

/** Each server's measurements with chsync's summary there, for the servers where chsync has one. */
function byServer(all: Measurement[]): { server: TestServer; here: Measurement[]; chsync: Summary }[] {
  const out: { server: TestServer; here: Measurement[]; chsync: Summary }[] = []
  for (const server of new Set(all.map((m) => m.server))) {
    const here = all.filter((m) => m.server === server)
    const own = here.find((m) => m.decoder.name === 'chsync')
    const chsync = own && summarize(own)
    if (chsync) out.push({ server, here, chsync })
  }
  return out
}

/**
 * Per server, chsync beside the server's own tools: how many times the native decoder's rate, and
 * what share of the raw transfer's (the byte limit of reading the range from that server).
 */
function anchorLines(all: Measurement[]): string[] {
  const lines: string[] = []
  for (const { server, here, chsync } of byServer(all)) {
    const parts: string[] = []
    for (const m of here) {
      const s = m.decoder.anchor && summarize(m)
      if (!s) continue
      if (m.decoder.anchor === 'native')
        parts.push(`${(chsync.bestRowsPerSecond / s.bestRowsPerSecond).toFixed(1)}x ${m.decoder.name} (${int(s.bestRowsPerSecond)} rows/s)`)
      else
        parts.push(`${(chsync.mbPerSecond / s.mbPerSecond).toFixed(2)} of ${m.decoder.name}'s byte rate (${s.mbPerSecond.toFixed(0)} MB/s)`)
    }
    if (parts.length)
      lines.push(`${server}: chsync ${int(chsync.bestRowsPerSecond)} rows/s, ${chsync.mbPerSecond.toFixed(0)} MB/s: ${parts.join(', ')}`)
  }
  return lines.length ? ['', ...lines] : []
}

function label(d: Decoder): string {
  return d.name === 'chsync' ? `chsync ${d.version}` : `${d.name} ${d.version}`
}

/** The best peer on each server and chsync's rate there: the comparison the verdict is made of. */
interface Comparison {
  server: TestServer
  chsync: number
  peer: Decoder
  peerRate: number
  ratio: number
}

function comparisons(all: Measurement[]): Comparison[] {
  const out: Comparison[] = []
  for (const { server, here, chsync } of byServer(all)) {
    let best: { decoder: Decoder; rate: number } | null = null
    for (const m of here) {
      const s = m.decoder.name === 'chsync' || m.decoder.anchor ? null : summarize(m)
      if (s && (!best || s.bestRowsPerSecond > best.rate)) best = { decoder: m.decoder, rate: s.bestRowsPerSecond }
    }
    if (best)
      out.push({
        server,
        chsync: chsync.bestRowsPerSecond,
        peer: best.decoder,
        peerRate: best.rate,
        ratio: chsync.bestRowsPerSecond / best.rate,
      })
  }
  return out
}

export function renderReport(all: Measurement[], versions: Map<TestServer, string>, runs: number): string {
  const lines: string[] = []
  const header = ['server', 'decoder', 'runtime', 'rows/s best', 'rows/s median', 'MB/s', 'peak RSS MB', 'chsync / this']
  const table: string[][] = []
  const failures: string[] = []
  for (const server of new Set(all.map((m) => m.server))) {
    const here = all.filter((m) => m.server === server)
    const range = here[0].range
    lines.push(
      `${server} ${versions.get(server) ?? ''}: ${int(rowChanges(range))} row changes (${int(range.inserts)} inserts, ` +
        `${int(range.updates)} updates, ${int(range.deletes)} deletes), ${(range.bytes / 1e6).toFixed(1)} MB of binlog, ` +
        `${range.start.file}:${range.start.offset} .. ${range.end.file}:${range.end.offset}`,
    )
    const own = here.find((m) => m.decoder.name === 'chsync')
    const chsync = own ? summarize(own) : null
    for (const m of here) {
      const s = summarize(m)
      if (!s) {
        failures.push(`${server}: ${label(m.decoder)} (${m.decoder.runtime}) cannot: ${m.failure}`)
        continue
      }
      table.push([
        server,
        label(m.decoder),
        m.decoder.runtime,
        int(s.bestRowsPerSecond),
        int(s.medianRowsPerSecond),
        s.mbPerSecond.toFixed(1),
        s.peakRssMb.toFixed(0),
        chsync ? (chsync.bestRowsPerSecond / s.bestRowsPerSecond).toFixed(1) : '-',
      ])
    }
  }
  lines.push('')
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)))
  const row = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  lines.push(row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...table.map(row))
  lines.push(
    '',
    `rows/s: row changes (inserted rows, update pairs, deleted rows) per second, from the first event to the end of the range;`,
    `best and median of ${runs} runs. MB/s: binlog bytes of the range per second (best run). Peak RSS: VmHWM, highest of the runs.`,
    `--raw rows: the files copied undecoded; rows/s is the range's row changes over the time its bytes took at that rate.`,
  )
  if (failures.length) lines.push('', ...failures)

  lines.push(...anchorLines(all))

  const comps = comparisons(all)
  if (comps.length === 0) {
    lines.push('', 'decode: no comparison (chsync or every peer failed)')
    return lines.join('\n')
  }
  // The fairest single figure: the server where the best peer comes closest to chsync.
  const pick = comps.reduce((a, b) => (b.ratio < a.ratio ? b : a))
  lines.push('')
  for (const c of comps) {
    lines.push(
      `${c.server}: chsync ${int(c.chsync)} rows/s, best peer ${c.peer.name} (${c.peer.runtime}) ${int(c.peerRate)} rows/s, ratio ${c.ratio.toFixed(1)}`,
    )
  }
  lines.push(`verdict on ${pick.server}, where the best peer comes closest to chsync:`)
  lines.push(
    `decode: chsync ${Math.round(pick.chsync)} rows/s, best peer ${pick.peer.name} ${Math.round(pick.peerRate)} rows/s, ratio ${pick.ratio.toFixed(1)}`,
  )
  return lines.join('\n')
}
