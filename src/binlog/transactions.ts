// Groups the event stream into transactions: begin (with its GTID), the row changes and DDL
// inside, and a commit carrying the position to resume from after it. Nothing is held back:
// rows pass through as they are decoded, so a huge transaction costs no more memory than a small one.
// XA transactions are marked (xa_start, xa_prepare, xa_end): whoever applies rows must hold those
// of a prepared one until its XA COMMIT, which comes later as a transaction of its own.

import type { QueryEvent } from './events/query.ts'
import type { RowsEvent } from './events/rows.ts'
import { type GtidSet, MariadbGtidList, type MysqlGtidSet } from './gtid/index.ts'
import type { StreamEvent } from './stream.ts'

export interface BinlogPosition {
  file: string
  offset: number
  /** Transactions executed up to here, when the source has GTIDs and the set is known. */
  gtidSet: GtidSet | null
}

export interface TxBegin {
  kind: 'begin'
  /** Text of this transaction's GTID ("uuid:7", "uuid:tag:7", "0-1-7"); null when anonymous. */
  gtid: string | null
  /** When the source committed it, ms since the epoch (as its commit item says). */
  timestampMs: number
}

export interface TxRows {
  kind: 'rows'
  event: RowsEvent
}

export interface TxDdl {
  kind: 'ddl'
  /** The session's database when the statement ran. */
  database: string
  statement: string
  event: QueryEvent
}

export interface TxCommit {
  kind: 'commit'
  gtid: string | null
  position: BinlogPosition
  /** When the source committed it, milliseconds since the epoch. */
  timestampMs: number
}

/** Nothing new on the source; the position of the last commit still holds. */
export interface TxKeepAlive {
  kind: 'keepalive'
  position: BinlogPosition
}

/** The rows that follow belong to an XA transaction: they count only once it is committed. */
export interface TxXaStart {
  kind: 'xa_start'
}

/** The open XA transaction ends prepared (`onePhase`: committed at once); its commit item follows. */
export interface TxXaPrepare {
  kind: 'xa_prepare'
  /** As the server prints it, lower-cased: x'gtrid',x'bqual',formatID. */
  xid: string
  onePhase: boolean
}

/** XA COMMIT or XA ROLLBACK of a transaction prepared earlier; this transaction's commit item follows. */
export interface TxXaEnd {
  kind: 'xa_end'
  xid: string
  committed: boolean
}

export type TxItem = TxBegin | TxRows | TxDdl | TxCommit | TxKeepAlive | TxXaStart | TxXaPrepare | TxXaEnd

interface Open {
  gtid: string | null
  /**
   * Saw BEGIN (or a MariaDB GTID not flagged standalone): the transaction ends at XID, COMMIT or
   * ROLLBACK. Otherwise (a MySQL GTID, a standalone MariaDB GTID) the next statement ends it.
   */
  explicit: boolean
  commitMs: number
  apply: ((set: GtidSet | null) => GtidSet | null) | null
}

const CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|XA\s+(START|BEGIN|END|COMMIT|ROLLBACK)|SAVEPOINT|RELEASE\s+SAVEPOINT|ROLLBACK\s+TO)\b/i
const ENDS = /^\s*(COMMIT|ROLLBACK|XA\s+(COMMIT|ROLLBACK))\b/i
const XA_START = /^\s*XA\s+(START|BEGIN)\b/i
/** XA COMMIT / XA ROLLBACK and the xid, which the servers log as X'gtrid',X'bqual',formatID. */
const XA_ENDS = /^\s*XA\s+(COMMIT|ROLLBACK)\s+(.+?)\s*$/is

export class TransactionReader {
  private open: Open | null = null
  private executed: GtidSet | null
  private last: BinlogPosition

  constructor(start: { file: string; offset: number; gtidSet: GtidSet | null }) {
    this.executed = start.gtidSet
    this.last = { ...start }
  }

  /** Position after the last commit seen. */
  get position(): BinlogPosition {
    return this.last
  }

  async *read(events: AsyncIterable<StreamEvent>): AsyncGenerator<TxItem> {
    for await (const ev of events) {
      const b = ev.body
      switch (b.kind) {
        case 'gtid': {
          const g = b.gtid
          const gtid = g.anonymous ? null : g.tag ? `${g.uuid}:${g.tag}:${g.gno}` : `${g.uuid}:${g.gno}`
          const ms = g.immediateCommitTimestamp !== null ? Number(g.immediateCommitTimestamp / 1000n) : ev.header.timestamp * 1000
          this.open = {
            gtid,
            explicit: false,
            commitMs: ms,
            apply: g.anonymous ? null : (set) => (set ? (set as MysqlGtidSet).add(g.uuid, g.tag, g.gno) : null),
          }
          yield { kind: 'begin', gtid, timestampMs: this.open.commitMs }
          break
        }
        case 'mariadb_gtid': {
          const g = b.gtid
          const gtid = `${g.domainId}-${g.serverId}-${g.seqNo}`
          const standalone = g.standalone
          this.open = {
            gtid,
            explicit: !standalone,
            commitMs: ev.header.timestamp * 1000,
            apply: (set) => (set ? (set as MariadbGtidList).advance(g) : null),
          }
          yield { kind: 'begin', gtid, timestampMs: this.open.commitMs }
          // MariaDB marks the GTID of a transaction that ends in XA PREPARE (no XA START is logged).
          if (g.preparedXa) yield { kind: 'xa_start' }
          break
        }
        case 'previous_gtids':
          this.executed ??= b.set
          break
        case 'gtid_list':
          // The binlog state at the file's start, one GTID per domain and server: keep each domain's last.
          this.executed ??= MariadbGtidList.of(b.list.domains().map((d) => b.list.positionOf(d)!))
          break
        case 'query': {
          const q = b.query
          if (!CONTROL.test(q)) {
            if (!this.open) {
              this.open = { gtid: null, explicit: false, commitMs: ev.header.timestamp * 1000, apply: null }
              yield { kind: 'begin', gtid: null, timestampMs: this.open.commitMs }
            }
            yield { kind: 'ddl', database: b.database, statement: q, event: b }
            if (!this.open.explicit) yield this.commit(ev)
            break
          }
          const xaStart = XA_START.test(q)
          if (/^\s*BEGIN\b/i.test(q) || xaStart) {
            if (!this.open) {
              this.open = { gtid: null, explicit: true, commitMs: ev.header.timestamp * 1000, apply: null }
              yield { kind: 'begin', gtid: null, timestampMs: this.open.commitMs }
            } else this.open.explicit = true
            if (xaStart) yield { kind: 'xa_start' }
          } else if (ENDS.test(q)) {
            // A ROLLBACK in the binlog follows changes to non-transactional tables: they happened.
            if (!this.open) {
              this.open = { gtid: null, explicit: false, commitMs: ev.header.timestamp * 1000, apply: null }
              yield { kind: 'begin', gtid: null, timestampMs: this.open.commitMs }
            }
            const xa = XA_ENDS.exec(q)
            if (xa) yield { kind: 'xa_end', xid: xa[2].toLowerCase(), committed: xa[1].toUpperCase() === 'COMMIT' }
            yield this.commit(ev)
          }
          break
        }
        case 'rows':
          if (!this.open) {
            // Rows without a GTID or BEGIN before them: a source that lost its place; keep them.
            this.open = { gtid: null, explicit: true, commitMs: ev.header.timestamp * 1000, apply: null }
            yield { kind: 'begin', gtid: null, timestampMs: this.open.commitMs }
          }
          yield { kind: 'rows', event: b }
          break
        case 'xid':
          if (this.open) yield this.commit(ev)
          break
        case 'xa_prepare':
          if (!this.open) break
          yield { kind: 'xa_prepare', xid: b.xid, onePhase: b.onePhase }
          yield this.commit(ev)
          break
        case 'heartbeat':
          if (!this.open) yield { kind: 'keepalive', position: this.last }
          break
        default:
          break
      }
    }
  }

  private commit(ev: StreamEvent): TxCommit {
    const open = this.open!
    this.open = null
    if (open.apply) this.executed = open.apply(this.executed)
    this.last = { file: ev.file, offset: ev.nextOffset, gtidSet: this.executed }
    return { kind: 'commit', gtid: open.gtid, position: this.last, timestampMs: open.commitMs }
  }
}
