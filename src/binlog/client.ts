// The binlog client's front door: connects to a source, says what it is, where its binlog ends,
// and opens replication streams (each on its own connection, as the protocol requires).

import { readCollationList } from './collation-list.ts'
import { type ServerInfo, SourceConnection, type SourceOptions, isConnectionLost } from './connection.ts'
import { parseGtidSet } from './gtid/index.ts'
import { BinlogStream, type CharsetSource, type StreamOptions, type StreamStart } from './stream.ts'
import { type BinlogPosition, TransactionReader, type TxItem } from './transactions.ts'
import { CharsetRegistry } from './values/charsets.ts'

/** How long ordinary queries wait for a source that went away to answer again. */
const RECONNECT_MS = 60_000

export class BinlogClient {
  private closed = false
  /** Ends the pause of a reconnect in progress (close() was called). */
  private wake: (() => void) | null = null
  /** The source's collations, shared by every stream and copy of this client; refreshCharsets() adds to it. */
  readonly charsets: CharsetRegistry
  private readonly charsetSource: CharsetSource

  private constructor(
    private readonly source: SourceOptions,
    private conn: SourceConnection,
    readonly info: ServerInfo,
  ) {
    this.charsets = new CharsetRegistry(info.collations)
    this.charsetSource = { registry: this.charsets, refresh: () => this.refreshCharsets() }
  }

  /** Reads the server's collations again (a TABLE_MAP named an id the start did not list); true when one was new. */
  async refreshCharsets(): Promise<boolean> {
    const list = await this.withConnection((c) => readCollationList((sql) => c.query(sql), this.info.flavor))
    let added = false
    for (const [id, charset] of list) {
      if (this.charsets.has(id)) continue
      this.charsets.add(id, charset)
      added = true
    }
    return added
  }

  static async connect(source: SourceOptions): Promise<BinlogClient> {
    const conn = await SourceConnection.open(source)
    try {
      return new BinlogClient(source, conn, await conn.serverInfo())
    } catch (err) {
      conn.close()
      throw err
    }
  }

  /** The source's current end of binlog, with its executed GTID set when it has GTIDs. */
  async currentPosition(): Promise<BinlogPosition> {
    const p = await this.withConnection((c) => c.currentPosition(this.info.flavor))
    return { file: p.file, offset: p.offset, gtidSet: this.info.gtidMode ? parseGtidSet(this.info.flavor, p.gtid) : null }
  }

  /** Decoded events from `start` on, on a new connection. */
  async events(start: StreamStart, opts: StreamOptions): Promise<BinlogStream> {
    const conn = await SourceConnection.open(this.source)
    try {
      return await BinlogStream.open(conn, this.info, start, opts, this.charsetSource)
    } catch (err) {
      conn.close()
      throw err
    }
  }

  /**
   * Transactions after `from`: by its GTID set when it has one (a promoted replica has other file
   * names), else by file and offset.
   */
  async transactions(
    from: BinlogPosition,
    opts: StreamOptions,
  ): Promise<{ stream: BinlogStream; reader: TransactionReader; items: AsyncGenerator<TxItem> }> {
    const start: StreamStart = from.gtidSet ? { gtid: from.gtidSet.toString() } : { file: from.file, offset: from.offset }
    const stream = await this.events(start, opts)
    const reader = new TransactionReader(from)
    return { stream, reader, items: reader.read(stream) }
  }

  /** Ordinary queries on the source, over a connection that is opened again if it was lost. */
  get sql(): { query<T = Record<string, unknown>>(sql: string, params?: (string | number | bigint | null)[]): Promise<T[]> } {
    return { query: (sql, params) => this.withConnection((c) => c.query(sql, params)) }
  }

  /**
   * Runs `fn`; when the connection turns out to be gone (the source restarted, the network cut
   * it), again on a new one, for up to a minute while the source does not answer. Again and again
   * within that minute: a connection that is cut once can be cut again right after it reopened.
   * Only reads and session settings go through here, so running one again does no harm.
   */
  private async withConnection<T>(fn: (c: SourceConnection) => Promise<T>): Promise<T> {
    const since = Date.now()
    for (;;) {
      try {
        return await fn(this.conn)
      } catch (err) {
        if (!isConnectionLost(err) || this.closed || Date.now() - since > RECONNECT_MS) throw err
        this.conn.close()
        await this.reopen(since)
      }
    }
  }

  /** A new connection, tried every half second until the minute from `since` is over. */
  private async reopen(since: number): Promise<void> {
    for (;;) {
      try {
        this.conn = await SourceConnection.open(this.source)
        return
      } catch (again) {
        if (!isConnectionLost(again) || Date.now() - since > RECONNECT_MS || this.closed) throw again
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 500)
          this.wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        this.wake = null
        // Closed while the source was away: the caller is stopping, not waiting for it.
        if (this.closed) throw again
      }
    }
  }

  /** Closes the connection; a query waiting for the source to come back fails at once. */
  close(): void {
    this.closed = true
    this.wake?.()
    this.conn.close()
  }
}
