// Command-line options of `bun bench/snapshot/main.ts`.

import type { Flavor } from '../../src/binlog/index.ts'
import { parseFlags } from '../support/options.ts'

export interface SnapshotBenchOptions {
  rows: number
  regenerate: boolean
  server: Flavor
  /** Rounds of the three measurements; the best of each counts. */
  runs: number
  /** Rows per insert of the ingest limit (a multiple of 10,000). */
  ingestBatchRows: number
  /** chsync's snapshot.parallelism and snapshot.chunk_rows; its defaults when absent. */
  parallelism?: number
  chunkRows?: number
  /** Where the pre-encoded RowBinary is kept between runs. */
  cacheDir: string
}

export const USAGE = `usage: bun bench/snapshot/main.ts [--rows N] [--regenerate] [--server mysql|mariadb] [--runs N]
                                 [--ingest-batch-rows N] [--parallelism N] [--chunk-rows N]
  --rows N               rows of the bench table (default 5000000)
  --regenerate           write the table again even if a complete one is there
  --server               the source (default mysql, MySQL 9.7)
  --runs N               rounds of scan, ingest and copy; the best of each counts (default 3)
  --ingest-batch-rows N  rows per insert when measuring ClickHouse's ingest (default 1000000)
  --parallelism N        chsync's snapshot.parallelism (default: chsync's default)
  --chunk-rows N         chsync's snapshot.chunk_rows (default: chsync's default)
  Environment: CHSYNC_BENCH_BUN_ARGS="--cpu-prof-md --cpu-prof-dir=DIR" profiles chsync.`

export function parseOptions(argv: string[]): SnapshotBenchOptions {
  const f = parseFlags(
    argv,
    {
      rows: { kind: 'int' },
      regenerate: { kind: 'flag' },
      server: { kind: 'text', choices: ['mysql', 'mariadb'] },
      runs: { kind: 'int' },
      'ingest-batch-rows': { kind: 'int' },
      parallelism: { kind: 'int' },
      'chunk-rows': { kind: 'int' },
    },
    USAGE,
  )
  const ingestBatchRows = (f.get('ingest-batch-rows') as number | undefined) ?? 1_000_000
  if (ingestBatchRows % 10_000 !== 0) throw new Error(`--ingest-batch-rows must be a multiple of 10000, got ${ingestBatchRows}`)
  return {
    rows: (f.get('rows') as number | undefined) ?? 5_000_000,
    regenerate: f.has('regenerate'),
    server: (f.get('server') as Flavor | undefined) ?? 'mysql',
    runs: (f.get('runs') as number | undefined) ?? 3,
    ingestBatchRows,
    parallelism: f.get('parallelism') as number | undefined,
    chunkRows: f.get('chunk-rows') as number | undefined,
    cacheDir: '/var/tmp/chsync-bench',
  }
}
