// A small stand-in for the applier, to test foreign-key actions on the real servers before they
// are wired into BinlogApplier: it follows one database's binlog into ClickHouse tables
// (ReplacingMergeTree, RowBinary rows with versions, as the sink writes them) and, like the
// applier will, flushes and asks ForeignKeyActions for the child changes of each rows event.

import type { ClickHouseClient } from '@clickhouse/client'
import type mysql from 'mysql2/promise'
import { BinlogClient, type BinlogPosition, type Flavor, type TxItem } from '../../../../src/binlog/index.ts'
import { type Row, type RowChange, tableKey, type TrackedTable } from '../../../../src/model/index.ts'
import { type CascadeSkip, ForeignKeyActions } from '../../../../src/pipeline/cascade/index.ts'
import { describeSourceTable } from '../../../../src/schema/source/index.ts'
import { RowBinaryWriter, RowEncoder, keyHash } from '../../../../src/sink/clickhouse/encode/index.ts'
import { ClickHouseTargetRows } from '../../../../src/sink/clickhouse/target-rows.ts'
import type { TargetRows } from '../../../../src/sink/target-rows.ts'
import { type TargetNaming, type TargetTable, ident, qualified, targetTable } from '../../../../src/sink/clickhouse/target-table.ts'
import { insertRowBinary } from '../../../sink/encode/support/clickhouse.ts'
import { SOURCES, replicaServerId, type TestServer, flavorOf } from '../../../support/servers.ts'

const NAMING: TargetNaming = { database: (db) => db, override: () => undefined, jsonType: 'String', timeType: 'Time64', cluster: null }

interface Target {
  target: TargetTable
  encoder: RowEncoder
  writer: RowBinaryWriter
}

export interface ReplicaOptions {
  /** apply.emulate_cascades (default true). */
  emulate?: boolean
}

export class CascadeReplica {
  readonly tables = new Map<string, TrackedTable>()
  private readonly targets = new Map<string, Target>()
  private version = 0n
  private readonly start: BinlogPosition
  readonly skips: CascadeSkip[] = []
  /** Rows events whose actions were worked out, reads of the target, child changes written. */
  readonly counts = { emulated: 0, reads: 0, childChanges: 0 }
  private readonly actions: ForeignKeyActions

  private constructor(
    readonly flavor: Flavor,
    readonly db: string,
    private readonly client: BinlogClient,
    private readonly ch: ClickHouseClient,
    private position: BinlogPosition,
    emulate: boolean,
  ) {
    this.start = position
    const rows = new ClickHouseTargetRows(ch, NAMING, client.charsets)
    const counting: TargetRows = {
      rowsWhere: (t, m) => {
        this.counts.reads++
        return rows.rowsWhere(t, m)
      },
    }
    this.actions = new ForeignKeyActions({
      flavor,
      enabled: emulate,
      target: counting,
      tables: () => this.tables.values(),
      onSkip: (s) => this.skips.push(s),
    })
  }

  /** Describes the database's tables (foreign keys included), makes their targets, and follows from now on. */
  static async open(
    server: TestServer,
    db: string,
    sql: mysql.Connection,
    ch: ClickHouseClient,
    opts: ReplicaOptions = {},
  ): Promise<CascadeReplica> {
    const client = await BinlogClient.connect(SOURCES[server])
    const replica = new CascadeReplica(flavorOf(server), db, client, ch, await client.currentPosition(), opts.emulate ?? true)
    await ch.command({ query: `DROP DATABASE IF EXISTS ${ident(db)}` })
    await ch.command({ query: `CREATE DATABASE ${ident(db)}` })
    const query = async (text: string, params: string[]) => (await sql.query(text, params))[0] as Record<string, unknown>[]
    const [names] = await sql.query(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
      [db],
    )
    for (const { t } of names as { t: string }[]) {
      const shape = await describeSourceTable(query, db, t)
      const table: TrackedTable = {
        database: db,
        table: t,
        columns: shape.columns,
        primaryKey: shape.primaryKey,
        foreignKeys: shape.foreignKeys,
      }
      replica.tables.set(tableKey(db, t), table)
      const target = targetTable(table, NAMING)
      const cols = target.columns.map((c) => `${ident(c.name)} ${c.type}`)
      const order = target.keyless ? '_key' : `(${table.primaryKey.map((i) => ident(target.columns[i].name)).join(', ')})`
      await ch.command({
        query: `CREATE TABLE ${qualified(target)} (${cols.join(', ')}, ${target.keyless ? '_key UInt64, ' : ''}_version UInt64, _is_deleted UInt8) ENGINE = ReplacingMergeTree(_version, _is_deleted) ORDER BY ${order}`,
      })
      replica.targets.set(tableKey(db, t), { target, encoder: new RowEncoder(target.columns), writer: new RowBinaryWriter(1 << 16) })
    }
    return replica
  }

  /** Applies the binlog up to the source's current end. */
  async catchUp(): Promise<void> {
    const { stream, items } = await this.client.transactions(this.position, { serverId: replicaServerId(), nonBlocking: true })
    let gtid: string | null = null
    try {
      for await (const it of items as AsyncGenerator<TxItem>) {
        if (it.kind === 'begin') gtid = it.gtid
        else if (it.kind === 'commit') {
          await this.flush()
          this.position = it.position
        } else if (it.kind === 'rows') {
          const ev = it.event
          const table = this.tables.get(tableKey(ev.table.database, ev.table.table))
          if (!table) continue
          const n = (ev.before ?? ev.after)?.length ?? 0
          const changes: RowChange[] = []
          for (let i = 0; i < n; i++) {
            changes.push({
              kind: ev.op,
              table,
              before: ev.before?.[i] ?? null,
              after: ev.after?.[i] ?? null,
              version: ++this.version,
              gtid,
              position: null,
              timestampMs: 0,
            })
          }
          for (const c of changes) this.write(c)
          // What the applier will do: flush, then the child changes, written after the parent's.
          if (this.actions.needed(ev.flags, changes)) {
            this.counts.emulated++
            await this.flush()
            const children = await this.actions.changes(changes)
            this.counts.childChanges += children.length
            for (const c of children) this.write(c)
          }
        }
      }
    } finally {
      stream.close()
    }
    await this.flush()
  }

  /** The whole binlog again from where the replica started, with the same versions (a replay after a crash). */
  async replay(): Promise<void> {
    this.position = this.start
    this.version = 0n
    await this.catchUp()
  }

  /** As ClickHouseSink.write: a delete is a tombstone, a new key leaves a tombstone behind. */
  private write(c: RowChange): void {
    const t = this.targets.get(tableKey(c.table.database, c.table.table))
    if (!t) throw new Error(`no target for ${c.table.table}`)
    const keyless = t.target.keyless
    const key = (r: Row) => (keyless ? keyHash(r) : undefined)
    const id = (r: Row) => (keyless ? String(keyHash(r)) : JSON.stringify(c.table.primaryKey.map((i) => String(r[i]))))
    if (c.kind === 'delete') t.encoder.encode(t.writer, c.before!, c.version, true, key(c.before!))
    else if (c.kind === 'update') {
      if (id(c.before!) !== id(c.after!)) t.encoder.encode(t.writer, c.before!, c.version, true, key(c.before!))
      t.encoder.encode(t.writer, c.after!, c.version, false, key(c.after!))
    } else t.encoder.encode(t.writer, c.after!, c.version, false, key(c.after!))
  }

  private async flush(): Promise<void> {
    for (const t of this.targets.values()) {
      if (t.writer.length === 0) continue
      await insertRowBinary(this.ch, qualified(t.target), t.writer.take())
    }
  }

  close(): void {
    this.client.close()
  }
}
