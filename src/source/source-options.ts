// Connection options for the source (and the read replica used for copying) from the configuration.

import { readFileSync } from 'node:fs'
import type { SourceOptions } from '../binlog/index.ts'
import type { ChsyncConfig, MysqlEndpoint } from '../config/index.ts'

export function sourceOptions(config: ChsyncConfig, endpoint: MysqlEndpoint = config.source.url): SourceOptions {
  const s = config.source
  const file = (path: string | null) => (path ? readFileSync(path) : undefined)
  return {
    host: endpoint.host,
    port: endpoint.port,
    user: endpoint.user,
    password: endpoint.password,
    connectTimeoutMs: s.connectTimeoutSeconds * 1000,
    tls:
      s.tls === 'off' ? undefined : { ca: file(s.tlsCaFile), cert: file(s.tlsCertFile), key: file(s.tlsKeyFile), verify: s.tls === 'on' },
  }
}
