// Command-line options of `bun bench/stream/main.ts`.

import type { Flavor } from '../../src/binlog/index.ts'
import { parseFlags } from '../support/options.ts'

export interface StreamBenchOptions {
  servers: Flavor[]
  /** Row changes of the backlog. */
  rows: number
  /** Catch-up measurements (each on a fresh backlog); the best counts. */
  runs: number
  /** The paced load of the lag measurement: row changes per second, for how long, on how many connections. */
  rate: number
  /** A second paced load, at a high rate (0: none). */
  highRate: number
  seconds: number
  connections: number
  /** Rounds of the paced loads (each: adaptive batching, then by size and time). */
  lagRuns: number
  /** Rows inserted by the one big transaction (it also updates and deletes older rows). */
  bigTxRows: number
  /** Bytes of the one big row. */
  bigRowBytes: number
  skipLag: boolean
  /** (d) bench/decode's range: its row count (as bench-decode's --rows) and rounds. */
  rangeRows: number
  rangeRuns: number
  skipRange: boolean
  skipBigTx: boolean
  skipBigRow: boolean
}

export const USAGE = `usage: bun bench/stream/main.ts [--server mysql|mariadb|both] [--rows N] [--runs N] [--rate N] [--high-rate N] [--skip-high-rate] [--seconds N] [--lag-runs N]
                               [--connections N] [--big-tx-rows N] [--big-row-mb N] [--skip-lag] [--skip-big-tx] [--skip-big-row]
  --server          the source (default mysql, MySQL 9.7)
  --rows N          row changes of the backlog (default 1000000)
  --runs N          catch-up measurements, each on a freshly written backlog; the best counts (default 2)
  --rate N          row changes per second of the paced load (default 20000)
  --high-rate N     then a second paced load at this rate (default 100000)
  --skip-high-rate  no second paced load
  --seconds N       how long the paced load runs (default 60)
  --connections N   writer connections of the paced load (default 4)
  --lag-runs N      rounds of the paced loads, each with adaptive batching and without (default 1)
  --big-tx-rows N   rows the one big transaction inserts (default 1000000)
  --big-row-mb N    MB (10^6 bytes) of the one big row, at most 64 (default 60)
  --skip-lag        no paced-load measurement
  --skip-big-tx     no big-transaction measurement
  --range-rows N    bench-decode's range streamed and decoded (its --rows, default 1000000)
  --range-runs N    rounds of that, alternating decode and stream, the best of each counting (default 2)
  --skip-range      no streaming of bench-decode's range
  --skip-big-row    no big-row measurement
  Environment: CHSYNC_BENCH_BUN_ARGS="--cpu-prof-md --cpu-prof-dir=DIR" profiles chsync.`

export function parseOptions(argv: string[]): StreamBenchOptions {
  const f = parseFlags(
    argv,
    {
      server: { kind: 'text', choices: ['mysql', 'mariadb', 'both'] },
      rows: { kind: 'int' },
      runs: { kind: 'int' },
      rate: { kind: 'int' },
      'high-rate': { kind: 'int' },
      seconds: { kind: 'int' },
      connections: { kind: 'int' },
      'lag-runs': { kind: 'int' },
      'big-tx-rows': { kind: 'int' },
      'big-row-mb': { kind: 'int' },
      'skip-lag': { kind: 'flag' },
      'range-rows': { kind: 'int' },
      'range-runs': { kind: 'int' },
      'skip-range': { kind: 'flag' },
      'skip-high-rate': { kind: 'flag' },
      'skip-big-tx': { kind: 'flag' },
      'skip-big-row': { kind: 'flag' },
    },
    USAGE,
  )
  const server = (f.get('server') as string | undefined) ?? 'mysql'
  return {
    servers: server === 'both' ? ['mysql', 'mariadb'] : [server as Flavor],
    rows: (f.get('rows') as number | undefined) ?? 1_000_000,
    runs: (f.get('runs') as number | undefined) ?? 2,
    rate: (f.get('rate') as number | undefined) ?? 20_000,
    highRate: f.has('skip-high-rate') ? 0 : ((f.get('high-rate') as number | undefined) ?? 100_000),
    seconds: (f.get('seconds') as number | undefined) ?? 60,
    connections: (f.get('connections') as number | undefined) ?? 4,
    lagRuns: (f.get('lag-runs') as number | undefined) ?? 1,
    bigTxRows: (f.get('big-tx-rows') as number | undefined) ?? 1_000_000,
    bigRowBytes: ((f.get('big-row-mb') as number | undefined) ?? 60) * 1_000_000,
    skipLag: f.has('skip-lag'),
    rangeRows: (f.get('range-rows') as number | undefined) ?? 1_000_000,
    rangeRuns: (f.get('range-runs') as number | undefined) ?? 2,
    skipRange: f.has('skip-range'),
    skipBigTx: f.has('skip-big-tx'),
    skipBigRow: f.has('skip-big-row'),
  }
}
