// Every metric family /metrics serves: its name, type, labels and help, in the order it is written.
// The README's metrics table is generated from this list (docs/readme-tables.ts), so the two agree.

export type MetricType = 'gauge' | 'counter' | 'histogram'

export interface MetricFamily {
  name: string
  type: MetricType
  labels: readonly string[]
  help: string
}

const family = (name: string, type: MetricType, labels: readonly string[], help: string): MetricFamily => ({ name, type, labels, help })

export const METRIC_FAMILIES: readonly MetricFamily[] = [
  family('chsync_build_info', 'gauge', ['version', 'commit'], 'Always 1; the labels name the version and commit.'),
  family(
    'chsync_stage',
    'gauge',
    ['stage'],
    '1 for the stage chsync is in (starting, snapshot, catchup, streaming, stopping, error), 0 for the others.',
  ),
  family('chsync_start_time_seconds', 'gauge', [], 'When this process started (Unix time); a change means a restart.'),
  family('chsync_uptime_seconds', 'gauge', [], 'Seconds since this process started.'),
  family(
    'chsync_lag_seconds',
    'gauge',
    [],
    'How far the committed copy is behind the source, in seconds (0 when caught up; absent before the first transaction).',
  ),
  family('chsync_caught_up', 'gauge', [], "1 when the committed position had reached the end of the source's binlog at the last look."),
  family(
    'chsync_gtid_diff_transactions',
    'gauge',
    [],
    'Transactions the source executed that chsync has not applied yet (absent without GTIDs).',
  ),
  family(
    'chsync_last_committed_commit_timestamp_seconds',
    'gauge',
    [],
    'Source commit time of the last transaction whose position is committed (Unix time).',
  ),
  family('chsync_last_applied_commit_timestamp_seconds', 'gauge', [], 'Source commit time of the last applied transaction (Unix time).'),
  family('chsync_events_total', 'counter', [], 'Binlog events read.'),
  family('chsync_events_per_second', 'gauge', [], 'Binlog events read per second (last ~10 s).'),
  family('chsync_rows_total', 'counter', [], 'Row changes applied (binlog and initial copy).'),
  family('chsync_rows_per_second', 'gauge', [], 'Row changes applied per second (last ~10 s).'),
  family('chsync_binlog_bytes_total', 'counter', [], 'Binlog bytes read.'),
  family('chsync_binlog_bytes_per_second', 'gauge', [], 'Binlog bytes read per second (last ~10 s).'),
  family('chsync_batches_total', 'counter', [], 'Insert batches ClickHouse acknowledged.'),
  family(
    'chsync_flushes_total',
    'counter',
    [],
    'Flushes the sink acknowledged and the state store committed: the committed position moving.',
  ),
  family('chsync_flush_duration_seconds', 'histogram', [], 'Time from the start of a flush to its position committed (retries included).'),
  family('chsync_batch_rows', 'histogram', [], 'Rows in each insert batch ClickHouse acknowledged.'),
  family(
    'chsync_apply_lag_seconds',
    'histogram',
    [],
    "Time from a transaction's commit on the source to its position committed here, once per flush.",
  ),
  family('chsync_errors_total', 'counter', ['kind'], 'Errors counted, by kind; every kind is present from the start, at 0.'),
  family(
    'chsync_table_rows_total',
    'counter',
    ['database', 'table'],
    'Row changes applied, by source table (each replicated table from the start).',
  ),
  family(
    'chsync_table_failed',
    'gauge',
    ['database', 'table'],
    '1 for each table set aside: the target refused its changes (the health answer says why).',
  ),
  family('chsync_tables_failed', 'gauge', [], 'Tables set aside.'),
  family('chsync_tables_left_out', 'gauge', [], 'Replicated tables left out: chsync cannot read them, or the target cannot hold them.'),
  family('chsync_degraded', 'gauge', [], '1 while a table is set aside or flushes keep failing.'),
  family(
    'chsync_copy_rows_expected',
    'gauge',
    [],
    'Rows the copies of this process expect (the source estimate, or more once read), all tables.',
  ),
  family('chsync_copy_rows_copied', 'gauge', [], 'Rows the copies of this process have read, all tables.'),
  family(
    'chsync_table_copy_rows_expected',
    'gauge',
    ['database', 'table'],
    "Rows a table's copy (initial or resync) expects, for each table copied by this process.",
  ),
  family(
    'chsync_table_copy_rows_copied',
    'gauge',
    ['database', 'table'],
    "Rows a table's copy has read; a resync starts its table again from 0.",
  ),
  family('chsync_resident_memory_bytes', 'gauge', [], 'Resident memory of the process (RSS).'),
  family('chsync_heap_used_bytes', 'gauge', [], 'JavaScript heap in use.'),
]

/** Metrics renamed to follow Prometheus naming: old name, new name. The README lists them. */
export const RENAMED_METRICS: readonly [string, string][] = [
  ['chsync_init_rows_total', 'chsync_copy_rows_expected'],
  ['chsync_init_rows_parsed', 'chsync_copy_rows_copied'],
  ['chsync_gtid_diff', 'chsync_gtid_diff_transactions'],
]
