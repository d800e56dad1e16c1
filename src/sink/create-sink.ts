// The sink the configuration asks for.

import { readFileSync } from 'node:fs'
import { type ChsyncConfig, layoutFor, targetDatabase } from '../config/index.ts'
import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import { StateStore } from '../state/index.ts'
import type { CharsetRegistry } from '../binlog/index.ts'
import {
  type ClickHouseProbe,
  ClickHousePreflight,
  ClickHouseSink,
  ClickHouseTargetRows,
  type TargetNaming,
  httpClickHouseProbe,
} from './clickhouse/index.ts'
import { FileOutput, HttpOutput, NdjsonSink, type NdjsonSinkOptions, OutputClosedError, StdoutOutput } from './ndjson/index.ts'
import { KafkaSink } from './kafka/index.ts'
import { PluginSink } from './plugin/index.ts'
import { ShapedSink, ShapedTargetRows, columnShaping } from './shaping/index.ts'
import type { SourceTable } from '../model/index.ts'
import type { Sink, SinkPreflight } from './sink.ts'
import type { TargetRows } from './target-rows.ts'

export function createSink(config: ChsyncConfig, stats: Stats, log: Logger): Sink {
  const shaping = columnShaping(config)
  const sink = baseSink(config, stats, log)
  return shaping.active ? new ShapedSink(sink, shaping) : sink
}

function baseSink(config: ChsyncConfig, stats: Stats, log: Logger): Sink {
  switch (config.sink.kind) {
    case 'clickhouse':
      return clickHouseSink(config, stats, log)
    case 'ndjson':
      return ndjsonSink(config, stats, log)
    case 'kafka':
      return new KafkaSink({
        config: config.sink.kafka,
        state: () => StateStore.open(config.state.path),
        log: log.child({ sink: 'kafka' }),
      })
    case 'plugin':
      return pluginSink(config, stats, log)
    default:
      throw new Error(`sink.kind = "${config.sink.kind}" is not available yet`)
  }
}

/**
 * What `chsync check` examines for the configured sink, or null when there is nothing to examine.
 * `clickhouse`: the probe that asks ClickHouse (by default over HTTP, as target.url says).
 */
export function sinkPreflight(config: ChsyncConfig, seams: { clickhouse?: ClickHouseProbe } = {}): SinkPreflight | null {
  return config.sink.kind === 'clickhouse' ? new ClickHousePreflight(config, seams.clickhouse ?? httpClickHouseProbe(config)) : null
}

export function clickHouseSink(config: ChsyncConfig, stats: Stats, log: Logger): ClickHouseSink {
  const t = config.target
  return new ClickHouseSink({
    url: `${t.url.scheme}://${t.url.host.includes(':') ? `[${t.url.host}]` : t.url.host}:${t.url.port}`,
    username: t.url.user,
    password: t.url.password,
    caCert: t.tlsCaFile ? readFileSync(t.tlsCaFile) : undefined,
    naming: clickHouseNaming(config),
    ignoreDeletes: config.apply.ignoreDeletes,
    timeType: config.target.timeType,
    log: log.child({ sink: 'clickhouse' }),
    stats,
  })
}

/** Where and how the configuration puts each source table in ClickHouse. */
export function clickHouseNaming(config: ChsyncConfig): TargetNaming {
  const t = config.target
  const shaping = columnShaping(config)
  return {
    database: (db) => targetDatabase(config, db),
    override: (db, table, column) => t.columns.get(`${db}.${table}.${column}`),
    fixedBytes: (db, table, column) => shaping.fixedBytes(db, table, column),
    jsonType: t.jsonType,
    // auto: Time64 until the sink has read the server (ClickHouseSink.start); verify and the rows
    // read back follow each table's own (time-choice.ts).
    timeType: t.timeType === 'String' ? 'String' : 'Time64',
    cluster: t.cluster,
    distributed: t.distributed,
    layout: (db, table) => layoutFor(t.layout, db, table),
  }
}

/**
 * What emulated foreign-key actions read child rows with: the ClickHouse sink's tables. The change
 * feed sinks (ndjson, plugin) keep no rows to read: null.
 */
export function targetRows(
  sink: Sink,
  config: ChsyncConfig,
  charsets: CharsetRegistry,
  onSkip: (table: SourceTable, reason: string) => void,
): TargetRows | null {
  if (sink instanceof ShapedSink) {
    const rows = targetRows(sink.inner, config, charsets, onSkip)
    return rows && new ShapedTargetRows(rows, sink.shaping, onSkip)
  }
  return sink instanceof ClickHouseSink ? new ClickHouseTargetRows(sink.client, clickHouseNaming(config), charsets) : null
}

export function ndjsonSink(config: ChsyncConfig, stats: Stats, log: Logger, extra: Pick<NdjsonSinkOptions, 'onFatal'> = {}): NdjsonSink {
  const n = config.sink.ndjson
  const sinkLog = log.child({ sink: 'ndjson' })
  const out = n.output
  const output =
    out.kind === 'stdout'
      ? new StdoutOutput()
      : out.kind === 'file'
        ? new FileOutput(out.path, n.maxFileBytes)
        : new HttpOutput({
            url: out.url,
            batchLines: n.batchRows,
            retries: n.httpRetries,
            onRetry: (why, attempt) => sinkLog.warn('POST failed, trying again', { error: why, attempt }),
          })
  return new NdjsonSink({
    output,
    includeBefore: n.includeBefore,
    batching: { batchRows: n.batchRows, flushIntervalMs: n.flushIntervalMs },
    state: () => StateStore.open(config.state.path),
    log: sinkLog,
    stats,
    // The reader of stdout went away (`chsync tail | head`): nothing is lost, the batch it did
    // not take is not committed, and that is a normal end for a pipe: exit 0.
    onFatal: async (err) => {
      if (!(err instanceof OutputClosedError)) return
      sinkLog.info('standard output was closed; stopping (what it did not take is not committed)')
      await exitNow(0)
    },
    ...extra,
  })
}

export function pluginSink(config: ChsyncConfig, stats: Stats, log: Logger): PluginSink {
  return new PluginSink({
    path: config.sink.plugin.path!,
    options: config.sink.plugin.options,
    state: () => StateStore.open(config.state.path),
    log,
    stats,
  })
}

/** Exits once the log lines already written have left for stderr. */
/** Taken before any plugin is loaded: a plugin's own process.exit() is turned into its failure. */
const exitProcess: (code?: number) => never = process.exit.bind(process)

async function exitNow(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()))
  exitProcess(code)
}
