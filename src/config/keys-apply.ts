// The [apply] and [sink] keys: how changes are batched, and where they go.

import { freeTable } from './collections.ts'
import { duration } from './duration.ts'
import { key } from './key-spec.ts'
import { ndjsonOutput } from './ndjson-output.ts'
import { filePath } from './paths.ts'
import { boolean, integer, oneOf } from './scalars.ts'
import { size } from './size.ts'

export const APPLY = {
  batchRows: key('apply.batch_rows', integer(1, 100_000_000), 100000, "Flush a table's batch when it holds this many rows."),
  batchBytes: key('apply.batch_bytes', size(1024), '32MiB', '... or this many bytes (B, KiB, MiB, GiB, TiB, or a plain integer).'),
  flushIntervalMs: key('apply.flush_interval_ms', integer(1, 3_600_000), 500, '... or this many milliseconds after its first row.'),
  flushWhenIdle: key(
    'apply.flush_when_idle',
    boolean(),
    true,
    'Adaptive batching: flush as soon as a transaction ends, the source has nothing more to send and no flush is running, but leave at least four flush times (and at least 100 ms, at most flush_interval_ms) between the starts of two flushes, so a busy source makes bigger batches. Lag of about one flush for up to 10 ClickHouse parts per second per table at a moderate load, about as many as false at a high one. false: only by batch_rows, batch_bytes and flush_interval_ms (about 1.6 parts per second per table at a steady load, and a lag of up to flush_interval_ms more).',
  ),
  maxBufferBytes: key(
    'apply.max_buffer_bytes',
    size(1024 * 1024),
    '64MiB',
    'Bound on the memory chsync uses above idle for what it buffers: the binlog read ahead of decoding (an eighth of it, at most 32 MiB), the batches (half; reading from the source pauses beyond it), and the rest for the decoded rows until the garbage collector takes them (it runs after every sixteenth decoded) and the request in flight. At least batch_bytes. One row costs about 1.1 to 1.3 times its size while it passes (its packet is held once, at its full size), so a row of more than about three quarters of it goes over.',
  ),
  optimizeInterval: key(
    'apply.optimize_interval',
    duration(1000),
    '0',
    'How often to run OPTIMIZE TABLE ... FINAL CLEANUP on replicated tables ("0" = never; e.g. "1h", "30m").',
  ),
  emulateCascades: key(
    'apply.emulate_cascades',
    boolean(),
    true,
    "Apply foreign keys' ON DELETE / ON UPDATE actions to the ClickHouse copy of child tables where the source does not log them (MariaDB, MySQL with InnoDB's own foreign keys).",
  ),
  ignoreDeletes: key(
    'apply.ignore_deletes',
    boolean(),
    false,
    'Rows deleted on the source stay in the ClickHouse tables (no tombstones; the old row of an update that changes its key stays too, and a copy again removes nothing); updates still replace their rows, TRUNCATE and DROP are still followed. verify then counts rows only in ClickHouse as kept, not as differences. The change feed carries deletes as ever.',
  ),
} as const

export const SINK = {
  kind: key(
    'sink.kind',
    oneOf(['clickhouse', 'ndjson', 'kafka', 'plugin']),
    'clickhouse',
    'Where changes go: ClickHouse tables, JSON lines, Kafka topics, or a plugin module.',
  ),
} as const

export const NDJSON = {
  output: key('sink.ndjson.output', ndjsonOutput(), '-', '"-" for stdout, a file path, or an http(s):// URL to POST batches to.'),
  maxFileBytes: key('sink.ndjson.max_file_bytes', size(1024), '256MiB', 'Rotate the output file at this size.'),
  includeBefore: key('sink.ndjson.include_before', boolean(), false, 'Include the row before the change in update events.'),
  batchRows: key('sink.ndjson.batch_rows', integer(1, 10_000_000), 1000, 'Write (or POST) when this many lines are waiting ...'),
  flushIntervalMs: key('sink.ndjson.flush_interval_ms', integer(1, 3_600_000), 500, '... or this many milliseconds after the first.'),
  httpRetries: key('sink.ndjson.http_retries', integer(0, 1000), 10, 'Retries of a failed POST before the sink gives up with an error.'),
} as const

export const PLUGIN = {
  path: key(
    'sink.plugin.path',
    filePath({ optional: true }),
    '',
    'The .ts or .js module of the plugin; required when sink.kind = "plugin".',
  ),
  options: key('sink.plugin.options', freeTable(), {}, 'Handed to the plugin as is; chsync does not look inside. In env: a JSON object.'),
} as const
