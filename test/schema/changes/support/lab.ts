// Runs DDL on a real server and, next to it, derives the schema changes from the same statement;
// after each statement writes one row into every table it changed, so the binlog holds a
// TABLE_MAP to check the derived table against. A marker row after each probe delimits them.

import type mysql from 'mysql2/promise'
import { BinlogClient, type BinlogPosition, type Flavor, type TableMapEvent, type TxItem } from '../../../../src/binlog/index.ts'
import { type ColumnDef, type SchemaChange, tableKey, type TrackedTable } from '../../../../src/model/index.ts'
import { applyChanges, CollationCatalog, collationsQuery, schemaChanges, type CollationRow } from '../../../../src/schema/changes/index.ts'
import { parseDdl, serverVersionNumber, type DdlParseOptions } from '../../../../src/schema/ddl/index.ts'
import { SOURCES, freshDatabase, replicaServerId, sqlSession, type TestServer, flavorOf } from '../../../support/servers.ts'

export interface LabStatement {
  sql: string
  /** For messages: file and entry. */
  where: string
  /** Run first, on the same fresh session. */
  session?: string[]
  options?: DdlParseOptions
  /** Tables not to write a row into (ones the binlog client cannot decode, MERGE tables). */
  noProbe?: string[]
}

interface Expectation {
  marker: number
  where: string
  table: TrackedTable
}

const MARKER = '_chg_marker'

type Rows = Record<string, unknown>[]

async function rows(conn: mysql.Connection, sql: string, values?: unknown[]): Promise<Rows> {
  const [result] = await conn.query(sql, values)
  return result as Rows
}

export class ServerLab {
  readonly tables = new Map<string, TrackedTable>()
  readonly log: { where: string; changes: SchemaChange[] }[] = []
  private readonly expectations: Expectation[] = []
  private marker = 0
  /** The server's version as 90704 / 101119. */
  serverVersion: number | undefined
  readonly flavor: Flavor

  private constructor(
    readonly server: TestServer,
    readonly database: string,
    private readonly admin: mysql.Connection,
    readonly collations: CollationCatalog,
    private readonly databaseCollation: number,
    private readonly start: BinlogPosition,
    private readonly client: BinlogClient,
  ) {
    this.flavor = flavorOf(server)
  }

  static async open(server: TestServer, prefix: string): Promise<ServerLab> {
    const flavor = flavorOf(server)
    const { name, sql } = await freshDatabase(server, prefix)
    const catalog = CollationCatalog.fromRows((await rows(sql, collationsQuery(flavor))) as unknown as CollationRow[])
    const [schema] = await rows(sql, 'SELECT DEFAULT_COLLATION_NAME AS c FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name])
    await sql.query(`CREATE TABLE ${MARKER} (n INT PRIMARY KEY) ENGINE=InnoDB`)
    const client = await BinlogClient.connect(SOURCES[server])
    const start = await client.currentPosition()
    const dbCollation = catalog.byName(String(schema.c))?.id
    if (dbCollation === undefined) throw new Error(`unknown collation ${String(schema.c)}`)
    const lab = new ServerLab(server, name, sql, catalog, dbCollation, start, client)
    const [version] = await rows(sql, 'SELECT VERSION() AS v')
    lab.serverVersion = serverVersionNumber(String(version.v)) ?? undefined
    return lab
  }

  /** Derives the changes, applies them to `tables`, runs the statement, probes the tables it changed. */
  async run(statement: LabStatement): Promise<SchemaChange[]> {
    const conn = await sqlSession(this.server, this.database)
    try {
      for (const s of statement.session ?? []) await conn.query(s)
      const [session] = await rows(
        conn,
        this.flavor === 'mysql' ? 'SELECT @@collation_server AS s, @@default_collation_for_utf8mb4 AS u' : 'SELECT @@collation_server AS s',
      )
      const parsed = parseDdl(statement.sql, { flavor: this.flavor, ...statement.options })
      const changes = schemaChanges(parsed, {
        currentDatabase: this.database,
        flavor: this.flavor,
        tables: (db, t) => this.tables.get(tableKey(db, t)),
        collations: this.collations,
        databaseCollation: (db) => (db === this.database ? this.databaseCollation : undefined),
        serverCollation: this.collations.byName(String(session.s))?.id,
        utf8mb4Collation: session.u === undefined ? undefined : this.collations.byName(String(session.u))?.id,
        serverVersion: this.serverVersion,
        trackedTables: () => this.tables.values(),
      })
      this.log.push({ where: statement.where, changes })
      applyChanges(this.tables, changes)
      try {
        await conn.query(statement.sql)
      } catch (err) {
        throw new Error(`${statement.where}: the server refused the statement: ${String(err)}`)
      }
      for (const key of changedTables(changes)) {
        const table = this.tables.get(key)
        if (table === undefined || table.database !== this.database || statement.noProbe?.includes(table.table)) continue
        await this.probe(conn, table, statement.where)
      }
      return changes
    } finally {
      await conn.end()
    }
  }

  /** Runs a statement on the server only (row copies, triggers: what the derivation does not see). */
  async serverOnly(sql: string): Promise<void> {
    await this.admin.query(sql)
  }

  private async probe(conn: mysql.Connection, table: TrackedTable, where: string): Promise<void> {
    const name = `\`${table.table.replaceAll('`', '``')}\``
    const values = await rowValues(conn, this.database, table.table)
    await conn.query("SET SESSION sql_mode = '', SESSION foreign_key_checks = 0")
    await conn.query(`DELETE FROM ${name}`)
    await conn.query(`INSERT INTO ${name} (${values.map((v) => v.column).join(', ')}) VALUES (${values.map((v) => v.value).join(', ')})`)
    this.marker++
    await conn.query(`INSERT INTO ${MARKER} VALUES (${this.marker})`)
    this.expectations.push({ marker: this.marker, where, table: structuredClone(table) })
  }

  /** Reads the binlog since the lab opened; for each probe, the differences between TABLE_MAP and the derived table. */
  async verify(): Promise<{ checked: number; problems: string[] }> {
    const { stream, items } = await this.client.transactions(this.start, { serverId: replicaServerId(), nonBlocking: true })
    const seen = new Map<string, TableMapEvent>()
    const byMarker = new Map(this.expectations.map((e) => [e.marker, e]))
    const problems: string[] = []
    let checked = 0
    try {
      for await (const it of items as AsyncGenerator<TxItem>) {
        if (it.kind !== 'rows' || it.event.table.database !== this.database) continue
        const map = it.event.table
        if (map.table !== MARKER) {
          seen.set(map.table, map)
          continue
        }
        for (const row of it.event.after ?? []) {
          const expectation = byMarker.get(Number(row[0]))
          if (expectation === undefined) continue
          const actual = seen.get(expectation.table.table)
          checked++
          if (actual === undefined) problems.push(`${expectation.where}: no TABLE_MAP for ${expectation.table.table}`)
          else problems.push(...differences(expectation, actual))
          seen.clear()
        }
      }
    } finally {
      stream.close()
    }
    if (checked !== this.expectations.length) problems.push(`checked ${checked} of ${this.expectations.length} probes`)
    return { checked, problems }
  }

  async close(): Promise<void> {
    this.client.close()
    await this.admin.end()
  }
}

/** Tables whose state a list of changes leaves (by tableKey), in order. */
function changedTables(changes: SchemaChange[]): string[] {
  const keys: string[] = []
  for (const c of changes) {
    if (c.kind === 'create_table') keys.push(tableKey(c.table.database, c.table.table))
    else if ('after' in c && c.after !== undefined) keys.push(tableKey(c.after.database, c.after.table))
  }
  return [...new Set(keys)]
}

const FIELDS: (keyof ColumnDef)[] = [
  'index',
  'name',
  'type',
  'meta',
  'nullable',
  'unsigned',
  'collation',
  'length',
  'precision',
  'scale',
  'fsp',
  'bits',
  'enumValues',
  'setValues',
  'geometryType',
  'vectorDimensions',
  'visible',
]

function differences(e: Expectation, actual: TableMapEvent): string[] {
  const where = `${e.where} ${e.table.table}`
  const out: string[] = []
  const expected = e.table.columns
  if (expected.length !== actual.columns.length) {
    out.push(
      `${where}: ${expected.length} columns derived (${expected.map((c) => c.name).join(', ')}), TABLE_MAP has ${actual.columns.length} (${actual.columns.map((c) => c.name).join(', ')})`,
    )
    return out
  }
  expected.forEach((col, i) => {
    const got = actual.columns[i]
    for (const f of FIELDS) {
      if (JSON.stringify(col[f]) !== JSON.stringify(got[f]))
        out.push(`${where}.${got.name} ${f}: derived ${JSON.stringify(col[f])}, TABLE_MAP ${JSON.stringify(got[f])}`)
    }
  })
  if (JSON.stringify(e.table.primaryKey) !== JSON.stringify(actual.primaryKey)) {
    out.push(`${where}: primary key derived ${JSON.stringify(e.table.primaryKey)}, TABLE_MAP ${JSON.stringify(actual.primaryKey)}`)
  }
  return out
}

const GEOMETRY_TEXT: Record<string, string> = {
  geometry: 'POINT(1 1)',
  point: 'POINT(1 1)',
  linestring: 'LINESTRING(0 0,1 1)',
  polygon: 'POLYGON((0 0,1 0,1 1,0 0))',
  multipoint: 'MULTIPOINT((1 1))',
  multilinestring: 'MULTILINESTRING((0 0,1 1))',
  multipolygon: 'MULTIPOLYGON(((0 0,1 0,1 1,0 0)))',
  geometrycollection: 'GEOMETRYCOLLECTION(POINT(1 1))',
  geomcollection: 'GEOMETRYCOLLECTION(POINT(1 1))',
}

/** One value per writable column, from the server's own description of the table. */
async function rowValues(conn: mysql.Connection, database: string, table: string): Promise<{ column: string; value: string }[]> {
  const columns = await rows(
    conn,
    'SELECT * FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    [database, table],
  )
  const out: { column: string; value: string }[] = []
  columns.forEach((c, i) => {
    const extra = String(c.EXTRA ?? '')
    if (/GENERATED/i.test(extra)) return
    const type = String(c.DATA_TYPE).toLowerCase()
    const columnType = String(c.COLUMN_TYPE).toLowerCase()
    const n = i + 1
    let value: string
    if (type in GEOMETRY_TEXT) value = `ST_GeomFromText('${GEOMETRY_TEXT[type]}', ${Number(c.SRS_ID ?? 0)})`
    else if (/int|decimal|float|double|real/.test(type)) value = String(n)
    else if (type === 'bit') value = "b'1'"
    else if (type === 'date') value = `DATE_ADD('2020-01-01', INTERVAL ${n} DAY)`
    else if (type === 'datetime' || type === 'timestamp') value = `TIMESTAMP('2020-01-02 03:04:05') + INTERVAL ${n} SECOND`
    else if (type === 'time') value = "'01:02:03'"
    else if (type === 'year') value = '2020'
    else if (type === 'enum' || type === 'set') value = '1'
    // MariaDB's JSON is a LONGTEXT with a json_valid() check.
    else if (type === 'json' || type === 'longtext') value = "'{}'"
    else if (type === 'vector')
      value = `TO_VECTOR('[${Array.from({ length: Number(/\((\d+)\)/.exec(columnType)?.[1] ?? 1) }, () => 1).join(',')}]')`
    else if (type === 'uuid') value = 'UUID()'
    else if (type === 'inet4') value = "'1.2.3.4'"
    else if (type === 'inet6') value = "'::1'"
    else value = "'a'"
    out.push({ column: `\`${String(c.COLUMN_NAME).replaceAll('`', '``')}\``, value })
  })
  return out
}
