// A state file that cannot be used is refused when it is opened, with a message naming the file,
// the entry and what is wrong in it: not SQLite at all, damaged pages, or an entry that does not
// hold what chsync wrote there (broken JSON, a counter that is not a number).

import { Database } from 'bun:sqlite'
import { afterAll, expect, test } from 'bun:test'
import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateError, StateStore, type TableState } from '../../src/state/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'chsync-state-errors-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let n = 0
/** A state file as chsync leaves it: a position, one table's progress; then `spoil` changes it underneath. */
function stateFile(spoil: (db: Database) => void = () => {}): string {
  const path = join(dir, `state-${++n}.db`)
  const store = StateStore.open(path)
  const t: TableState = {
    database: 'shop',
    table: 'orders',
    stage: 'streaming',
    snapshotVersion: 7n,
    cursor: null,
    rowsCopied: 10,
    rowsEstimate: 10,
  }
  store.setIdentity({ flavor: 'mariadb', id: 'server_id:2' })
  store.commit({ file: 'mariadb-bin.000001', offset: 4, gtid: '0-2-5', version: 9n }, [t])
  store.close()
  const db = new Database(path)
  spoil(db)
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  db.close()
  return path
}

function refusal(path: string): string {
  try {
    StateStore.open(path).close()
  } catch (err) {
    expect(err).toBeInstanceOf(StateError)
    return (err as Error).message
  }
  throw new Error(`${path} was opened`)
}

test('an intact file opens and gives back what was committed', () => {
  const store = StateStore.open(stateFile())
  expect(store.checkpoint).toEqual({ file: 'mariadb-bin.000001', offset: 4, gtid: '0-2-5', version: 9n })
  expect(store.identity).toEqual({ flavor: 'mariadb', id: 'server_id:2' })
  expect(store.tables().map((t) => [t.table, t.snapshotVersion])).toEqual([['orders', 7n]])
  store.close()
})

test('a file that is not SQLite: named, with state.path to check', () => {
  const path = join(dir, 'notes.db')
  writeFileSync(path, 'these are my notes, not a database\n'.repeat(200))
  expect(refusal(path)).toBe(
    `cannot open the state file ${path}: it is not a chsync state file (SQLite: file is not a database); check state.path`,
  )
})

test('damaged pages: named as damaged, with what to do', () => {
  const path = stateFile((db) => {
    // Enough rows for the tables' data to live on pages of their own, past the first.
    for (let i = 0; i < 200; i++)
      db.run("INSERT INTO tables (db, tbl, stage, snapshot_version) VALUES ('shop', ?, 'streaming', '1')", [`t${i}`.padEnd(60, 'x')])
  })
  const fd = openSync(path, 'r+')
  // Page 1 (the schema) stays; the pages after it are overwritten.
  writeSync(fd, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, 4096)
  closeSync(fd)
  const message = refusal(path)
  expect(message).toMatch(
    new RegExp(`^state file ${path}: cannot read (.+): it is damaged \\(SQLite: database disk image is malformed\\); `),
  )
  expect(message).toEndWith('restore it from a backup, or move it away to start over with a full copy')
})

test('a committed position that is not JSON, or has a counter that is not a number', () => {
  const broken = stateFile((db) => db.run(`UPDATE meta SET value = '{"file":"mariadb-bin.000001","offset":4' WHERE key = 'checkpoint'`))
  expect(refusal(broken)).toStartWith(`state file ${broken}: the committed position (meta "checkpoint") is not valid JSON (`)
  expect(refusal(broken)).toEndWith(`): {"file":"mariadb-bin.000001","offset":4`)
  const counter = stateFile((db) =>
    db.run(`UPDATE meta SET value = '{"file":"mariadb-bin.000001","offset":4,"gtid":null,"version":"9x"}' WHERE key = 'checkpoint'`),
  )
  expect(refusal(counter)).toBe(
    `state file ${counter}: the committed position (meta "checkpoint") has version "9x", expected the version counter, an unsigned integer in a string`,
  )
  const offset = stateFile((db) =>
    db.run(`UPDATE meta SET value = '{"file":"mariadb-bin.000001","offset":-1,"gtid":null,"version":"9"}' WHERE key = 'checkpoint'`),
  )
  expect(refusal(offset)).toBe(`state file ${offset}: the committed position (meta "checkpoint") has offset -1, expected a byte offset`)
})

test('a source identity or a table entry that is not what chsync wrote', () => {
  const identity = stateFile((db) => db.run(`UPDATE meta SET value = '["mariadb"]' WHERE key = 'source'`))
  expect(refusal(identity)).toBe(`state file ${identity}: the source identity (meta "source") is not a JSON object: ["mariadb"]`)
  const version = stateFile((db) => db.run(`UPDATE tables SET snapshot_version = 'seven' WHERE tbl = 'orders'`))
  expect(refusal(version)).toBe(
    `state file ${version}: the progress of shop.orders has snapshot_version "seven", expected an unsigned integer`,
  )
  const stage = stateFile((db) => db.run(`UPDATE tables SET stage = 'copying' WHERE tbl = 'orders'`))
  expect(refusal(stage)).toBe(
    `state file ${stage}: the progress of shop.orders has stage "copying", expected snapshot, streaming, resync, failed`,
  )
})
