// The sink the configuration asks for.

import { readFileSync } from 'node:fs'
import { type ChsyncConfig, targetDatabase } from '../config/index.ts'
import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import { ClickHouseSink } from './clickhouse/index.ts'
import type { Sink } from './sink.ts'

export function createSink(config: ChsyncConfig, stats: Stats, log: Logger): Sink {
  switch (config.sink.kind) {
    case 'clickhouse':
      return clickHouseSink(config, stats, log)
    default:
      throw new Error(`sink.kind = "${config.sink.kind}" is not available yet`)
  }
}

export function clickHouseSink(config: ChsyncConfig, stats: Stats, log: Logger): ClickHouseSink {
  const t = config.target
  return new ClickHouseSink({
    url: `${t.url.scheme}://${t.url.host.includes(':') ? `[${t.url.host}]` : t.url.host}:${t.url.port}`,
    username: t.url.user,
    password: t.url.password,
    caCert: t.tlsCaFile ? readFileSync(t.tlsCaFile) : undefined,
    naming: {
      database: (db) => targetDatabase(config, db),
      override: (db, table, column) => t.columns.get(`${db}.${table}.${column}`),
      jsonType: t.jsonType,
      cluster: t.cluster,
    },
    log: log.child({ sink: 'clickhouse' }),
    stats,
  })
}
