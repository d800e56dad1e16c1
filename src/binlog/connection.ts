// A connection to the source server, opened by mysql2 (handshake, authentication including
// caching_sha2_password, TLS), plus what chsync needs to know about the server before reading.

import mysql from 'mysql2'
import { readCollationList } from './collation-list.ts'
import { ReplicationError } from './errors.ts'
import type { Mysql2Core } from './protocol/replication-command.ts'

export interface TlsOptions {
  /** PEM of the CA(s) to verify the server certificate against. */
  ca?: string | Buffer
  cert?: string | Buffer
  key?: string | Buffer
  /** Verify the certificate chain and host name (default true). */
  verify?: boolean
}

export interface SourceOptions {
  host: string
  port: number
  user: string
  password?: string
  /** undefined: no TLS. */
  tls?: TlsOptions
  connectTimeoutMs?: number
}

export type Flavor = 'mysql' | 'mariadb'

export interface ServerInfo {
  flavor: Flavor
  version: string
  serverId: number
  /** MySQL's @@server_uuid; MariaDB has none. */
  serverUuid: string | null
  binlogChecksum: 'none' | 'crc32'
  /** MySQL: gtid_mode=ON; MariaDB: always. */
  gtidMode: boolean
  /** (collation id, charset name) as the server lists them (readCollationList). */
  collations: [number, string][]
  /** @@global.max_allowed_packet: what bounds the size of a binlog event (see BinlogStream). */
  maxAllowedPacket: number
}

type Params = (string | number | bigint | null)[]

const ER_PARSE_ERROR = 1064

export class SourceConnection {
  private closed = false

  private constructor(
    private readonly conn: mysql.Connection,
    readonly options: SourceOptions,
  ) {
    // mysql2 emits connection errors as events; the failing command also rejects, so only keep
    // the process from treating them as unhandled.
    conn.on('error', () => {})
  }

  static async open(options: SourceOptions): Promise<SourceConnection> {
    const conn = mysql.createConnection({
      host: options.host,
      port: options.port,
      user: options.user,
      password: options.password ?? '',
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      charset: 'utf8mb4_general_ci',
      ssl: options.tls
        ? {
            ca: options.tls.ca,
            cert: options.tls.cert,
            key: options.tls.key,
            rejectUnauthorized: options.tls.verify ?? true,
          }
        : undefined,
    })
    await new Promise<void>((resolve, reject) => {
      conn.once('connect', () => resolve())
      conn.once('error', (err: Error) => reject(connectError(options, err)))
    })
    return new SourceConnection(conn, options)
  }

  /** Calls `cb` once when the connection ends or fails (not after close()). */
  onClose(cb: (err?: Error) => void): void {
    let called = false
    const once = (err?: Error) => {
      if (called || this.closed) return
      called = true
      cb(err && new ReplicationError(`connection to the source lost: ${err.message}`, undefined, {}, { cause: err }))
    }
    this.conn.on('error', (err: Error) => once(err))
    this.conn.on('end', () => once())
  }

  /** The mysql2 connection object, for replication commands. */
  get core(): Mysql2Core {
    return this.conn as unknown as Mysql2Core
  }

  async query<T = Record<string, unknown>>(sql: string, params: Params = []): Promise<T[]> {
    const [rows] = await this.conn.promise().query(sql, params)
    return rows as T[]
  }

  async serverInfo(): Promise<ServerInfo> {
    const [v] = await this.query<{ version: string; server_id: string | number; max_packet: string | number }>(
      'SELECT @@version AS version, @@server_id AS server_id, @@global.max_allowed_packet AS max_packet',
    )
    const flavor: Flavor = /mariadb/i.test(v.version) ? 'mariadb' : 'mysql'
    const [g] =
      flavor === 'mysql'
        ? await this.query<{ uuid: string; gtid: string; checksum: string }>(
            'SELECT @@server_uuid AS uuid, @@global.gtid_mode AS gtid, @@global.binlog_checksum AS checksum',
          )
        : await this.query<{ uuid: null; gtid: string; checksum: string }>(
            "SELECT NULL AS uuid, 'ON' AS gtid, @@global.binlog_checksum AS checksum",
          )
    const collations = await readCollationList((sql) => this.query(sql), flavor)
    return {
      flavor,
      version: v.version,
      serverId: Number(v.server_id),
      serverUuid: g.uuid,
      binlogChecksum: String(g.checksum).toUpperCase() === 'CRC32' ? 'crc32' : 'none',
      gtidMode: String(g.gtid).toUpperCase() === 'ON',
      collations,
      maxAllowedPacket: Number(v.max_packet),
    }
  }

  /** The source's end of binlog now: file, position and executed GTID set text. */
  async currentPosition(flavor: Flavor): Promise<{ file: string; offset: number; gtid: string }> {
    const rows = flavor === 'mysql' ? await this.binaryLogStatus() : await this.query<Record<string, string>>('SHOW MASTER STATUS')
    if (!rows.length) throw new ReplicationError('the source has binary logging off (log_bin=OFF)')
    const [g] =
      flavor === 'mysql'
        ? await this.query<{ gtid: string }>('SELECT @@global.gtid_executed AS gtid')
        : await this.query<{ gtid: string }>('SELECT @@global.gtid_binlog_pos AS gtid')
    return { file: rows[0].File, offset: Number(rows[0].Position), gtid: g.gtid.replace(/\s+/g, '') }
  }

  /** SHOW BINARY LOG STATUS (MySQL 8.2+, the only form 8.4 and 9 know), SHOW MASTER STATUS before (8.0). */
  private async binaryLogStatus(): Promise<Record<string, string>[]> {
    try {
      return await this.query<Record<string, string>>('SHOW BINARY LOG STATUS')
    } catch (err) {
      if ((err as { errno?: number }).errno !== ER_PARSE_ERROR) throw err
      return this.query<Record<string, string>>('SHOW MASTER STATUS')
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.conn.destroy()
  }
}

/** Whether `err` means the connection is gone (a new one may work), not that the query failed. */
export function isConnectionLost(err: unknown): boolean {
  const e = err as { fatal?: boolean; code?: string; message?: string; cause?: unknown }
  if (e?.cause && isConnectionLost(e.cause)) return true
  if (e?.fatal) return true
  if (e?.code && ['PROTOCOL_CONNECTION_LOST', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ER_SERVER_SHUTDOWN'].includes(e.code))
    return true
  return /closed state|Connection lost/i.test(e?.message ?? '')
}

/** A connection error that names the server but never the password. */
function connectError(o: SourceOptions, err: Error): ReplicationError {
  const code = (err as { code?: string }).code
  const errno = (err as { errno?: number }).errno
  return new ReplicationError(
    `cannot connect to ${o.user}@${o.host}:${o.port}${o.tls ? ' (TLS)' : ''}: ${err.message}${code ? ` [${code}]` : ''}`,
    errno,
    {},
    { cause: err },
  )
}
