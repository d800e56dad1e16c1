// `run` with a state file it cannot use: it stops before it connects, exit 1, naming the file and
// what is wrong; a state file made with the other kind of server is named as such (its GTID set
// cannot be found there), not as a position without GTIDs.

import { Database } from 'bun:sqlite'
import { expect, test } from 'bun:test'
import { StateStore } from '../../src/state/index.ts'
import type { ChildRun } from '../support/child.ts'
import { cleanupsAfterEach } from './support/cleanups.ts'
import { OpsWorld } from './support/world.ts'

const { track } = cleanupsAfterEach()

function failure(run: ChildRun): string {
  return String(run.logLines().find((l) => l.msg === 'replication failed')?.error)
}

test('a MariaDB state file on MySQL: named as made with MariaDB, exit 1, nothing committed over it', async () => {
  const world = track(await OpsWorld.open('mysql', 't_ops_state_flavor'))
  await world.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
  const before = StateStore.open(world.hostStatePath)
  before.setIdentity({ flavor: 'mariadb', id: 'server_id:2' })
  before.commit({ file: 'mariadb-bin.000001', offset: 1234, gtid: '0-2-5', version: 9n })
  before.close()
  const run = track(world.startFromSource(['run']))
  expect(await run.exited).toBe(1)
  const error = failure(run)
  expect(error).toStartWith(`the state file ${world.statePath} was made with a MariaDB source (server_id:2) and the source is MySQL (`)
  expect(error).toEndWith(
    '): its position (GTID set 0-2-5) cannot be found on another kind of server; point chsync at the original source, or start over with a new state file',
  )
  const after = StateStore.open(world.hostStatePath)
  expect(after.identity).toEqual({ flavor: 'mariadb', id: 'server_id:2' })
  expect(after.checkpoint).toEqual({ file: 'mariadb-bin.000001', offset: 1234, gtid: '0-2-5', version: 9n })
  after.close()
}, 30_000)

test('a damaged committed position: exit 1 before connecting, naming the file and the entry', async () => {
  const world = track(await OpsWorld.open('mariadb10', 't_ops_state_broken'))
  const store = StateStore.open(world.hostStatePath)
  store.commit({ file: 'mariadb-bin.000001', offset: 4, gtid: '0-2-5', version: 9n })
  store.close()
  const db = new Database(world.hostStatePath)
  db.run(`UPDATE meta SET value = '{"file":"mariadb-bin.000001","offset":4,"gtid":"0-2-5","version":"9' WHERE key = 'checkpoint'`)
  db.close()
  const run = track(world.startFromSource(['run']))
  expect(await run.exited).toBe(1)
  expect(failure(run)).toStartWith(`state file ${world.statePath}: the committed position (meta "checkpoint") is not valid JSON (`)
  expect(run.logLines().some((l) => l.msg === 'connected to the source')).toBe(false)
}, 30_000)
