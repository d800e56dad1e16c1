// Example plugin: appends every change to a SQLite file (bun:sqlite), one SQLite transaction per
// batch. Replays after a restart are harmless: a change is identified by table, kind, key and
// version, and inserted only once. The last commit position is kept beside the changes.
//
//   [sink]
//   kind = "plugin"
//   [sink.plugin]
//   path = "examples/sqlite-plugin.ts"
//   [sink.plugin.options]
//   path = "/var/lib/chsync/changes.sqlite"
//
// Read it back with e.g.  sqlite3 changes.sqlite "SELECT kind, tbl, row FROM changes ORDER BY seq"

import { Database } from 'bun:sqlite'
import type { ChangeEvent, ChsyncPlugin, ColumnValue } from '../src/sink/plugin/api.ts'

let db: Database
let insert: ReturnType<Database['prepare']>
let savePosition: ReturnType<Database['prepare']>

/** A value JSON can hold without loss: BIGINT as its digits, bytes as base64. */
function plain(v: ColumnValue | undefined): unknown {
  if (typeof v === 'bigint') return v.toString()
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
  return v ?? null
}

function json(row: Record<string, ColumnValue> | null): string | null {
  return row ? JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)]))) : null
}

function keyOf(c: ChangeEvent): string {
  if (c.kind === 'ddl') return c.statement
  const row = c.after ?? c.before ?? {}
  return JSON.stringify(Object.fromEntries((c.key.length ? c.key : c.columns).map((k) => [k, plain(row[k])])))
}

export default {
  name: 'sqlite',

  init(ctx) {
    const path = ctx.options.path
    if (typeof path !== 'string' || path === '') throw new Error('set [sink.plugin.options] path = "<file>.sqlite"')
    db = new Database(path, { create: true, strict: true })
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;')
    db.exec(`CREATE TABLE IF NOT EXISTS changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, schema TEXT NOT NULL, tbl TEXT,
      key TEXT NOT NULL, version TEXT NOT NULL, row TEXT, before TEXT, gtid TEXT, position TEXT, ts INTEGER,
      UNIQUE (schema, tbl, kind, key, version))`)
    db.exec('CREATE TABLE IF NOT EXISTS position (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT, gtid_set TEXT)')
    insert = db.prepare(`INSERT OR IGNORE INTO changes (kind, schema, tbl, key, version, row, before, gtid, position, ts)
      VALUES ($kind, $schema, $tbl, $key, $version, $row, $before, $gtid, $position, $ts)`)
    savePosition = db.prepare(
      'INSERT INTO position (id, position, gtid_set) VALUES (1, $position, $gtid) ON CONFLICT (id) DO UPDATE SET position = excluded.position, gtid_set = excluded.gtid_set',
    )
    ctx.log.info('writing changes to SQLite', { path })
  },

  onRows(batch) {
    db.transaction(() => {
      for (const c of batch) {
        insert.run({
          kind: c.kind,
          schema: c.schema,
          tbl: c.kind === 'ddl' ? null : c.table,
          key: keyOf(c),
          version: c.version.toString(),
          row: c.kind === 'ddl' ? null : json(c.after),
          before: c.kind === 'ddl' ? null : json(c.before),
          gtid: c.gtid,
          position: c.position,
          ts: c.timestampMs || null,
        })
      }
    })()
  },

  onCommit(p) {
    savePosition.run({ position: p.position, gtid: p.gtidSet })
  },

  close() {
    db?.close()
  },
} satisfies ChsyncPlugin
