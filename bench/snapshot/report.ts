// The figures the copy benchmark prints, and its last line.

export interface Rates {
  rows: number
  seconds: number
  /** CPU seconds during the measurement, by process (source, clickhouse, client or chsync). */
  cpu?: Record<string, number>
}

export interface SnapshotFigures {
  server: string
  rows: number
  /** Bytes of the values the source sends for the whole table (text protocol). */
  textBytes: number
  /** Bytes of the table in RowBinary as ClickHouse receives it. */
  rowBinaryBytes: number
  scan: Rates | null
  ingest: Rates | null
  copy: (Rates & { peakRssMb: number; processSeconds: number }) | null
  runs: number
  /** Each measurement's rows/s in every round, for the spread. */
  history: Record<'scan' | 'ingest' | 'copy', number[]>
  notes: string[]
}

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const rate = (r: Rates) => r.rows / r.seconds

export function renderSnapshotReport(f: SnapshotFigures): string {
  const lines: string[] = [
    `${f.server}: ${int(f.rows)} rows, ${(f.textBytes / 1e6).toFixed(0)} MB as text from the source, ${(f.rowBinaryBytes / 1e6).toFixed(0)} MB of RowBinary`,
    '',
  ]
  const row = (name: string, r: Rates | null, bytes: number, what: string, all: number[], extra = '') =>
    r
      ? `${name.padEnd(34)} ${int(rate(r)).padStart(10)} rows/s  ${(bytes / 1e6 / r.seconds).toFixed(1).padStart(6)} MB/s ${what.padEnd(11)} ${r.seconds.toFixed(2).padStart(6)} s  (runs: ${all.map(int).join(', ')})${extra}`
      : `${name.padEnd(34)} no measurement`
  lines.push(row('(a) source full scan (mysql2 text)', f.scan, f.textBytes, 'text', f.history.scan))
  lines.push(row('(b) ClickHouse ingest (RowBinary)', f.ingest, f.rowBinaryBytes, 'RowBinary', f.history.ingest))
  lines.push(
    row(
      '(c) chsync initial copy',
      f.copy,
      f.textBytes,
      'text',
      f.history.copy,
      f.copy
        ? `, ${(f.rowBinaryBytes / 1e6 / f.copy.seconds).toFixed(1)} MB/s RowBinary, peak RSS ${f.copy.peakRssMb.toFixed(0)} MB, process ${f.copy.processSeconds.toFixed(1)} s`
        : '',
    ),
  )
  const cpu = (name: string, r: Rates | null) =>
    r?.cpu
      ? `  ${name}: ${Object.entries(r.cpu)
          .map(([k, v]) => `${k} ${v.toFixed(1)} s (${((v / r.seconds) * 100).toFixed(0)}%)`)
          .join(', ')}`
      : null
  const cpuLines = [cpu('(a)', f.scan), cpu('(b)', f.ingest), cpu('(c)', f.copy)].filter((l): l is string => l !== null)
  if (cpuLines.length)
    lines.push('', `CPU time in the best runs (${navigator.hardwareConcurrency} cores here; % of one core):`, ...cpuLines)
  // Per million rows the figures of runs of any length compare, and each process's share of a copy shows.
  const perMillion = (name: string, r: Rates | null) =>
    r?.cpu
      ? `  ${name}: ${Object.entries(r.cpu)
          .map(([k, v]) => `${k} ${((v / r.rows) * 1e6).toFixed(2)} s`)
          .join(', ')}`
      : null
  const perLines = [perMillion('(a)', f.scan), perMillion('(b)', f.ingest), perMillion('(c)', f.copy)].filter(
    (l): l is string => l !== null,
  )
  if (perLines.length) lines.push('', 'CPU seconds per million rows:', ...perLines)
  lines.push('', `best of ${f.runs} rounds each; a round runs (a), (b) and (c) one after the other on the same machine.`)
  if (f.notes.length) lines.push(...f.notes)
  if (!f.scan || !f.ingest || !f.copy) {
    lines.push('snapshot: incomplete (a measurement failed)')
    return lines.join('\n')
  }
  const limit = Math.min(rate(f.scan), rate(f.ingest))
  const x = rate(f.copy)
  lines.push(`snapshot: ${int(x)} rows/s, limit ${int(limit)} rows/s, ratio ${(x / limit).toFixed(2)}`)
  return lines.join('\n')
}
