// A fresh source database and ClickHouse target for one streaming run, and chsync started once on
// it so that its state file holds the source's position before the workload is written.

import type { Flavor } from '../../src/binlog/index.ts'
import { ChsyncProcess } from '../support/chsync.ts'
import { clickhouse, dropDatabase } from '../support/clickhouse.ts'
import { allowPackets } from '../../test/support/big-row.ts'
import { sourceSession } from '../support/servers.ts'
import { StateFileReader } from '../support/state-file.ts'
import { BIG_ROW_TABLE, CREATE_BIG_ROW_TABLE, CREATE_TABLE, DATABASE, TABLE, numbersSql } from './workload.ts'

/** Drops and makes the source database (tables and numbers) and drops the target database; raises max_allowed_packet for the big row. */
export async function freshDatabases(flavor: Flavor): Promise<void> {
  const sql = await sourceSession(flavor)
  try {
    // Before chsync connects: it sizes the largest packet it takes by max_allowed_packet.
    await allowPackets(sql)
    await sql.query(`DROP DATABASE IF EXISTS ${DATABASE}`)
    await sql.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4`)
    await sql.query(`USE ${DATABASE}`)
    await sql.query(CREATE_TABLE)
    await sql.query(CREATE_BIG_ROW_TABLE)
    // The numbers table stays out of the binlog: only the workload's table is replicated anyway.
    await sql.query('SET SESSION sql_log_bin = 0')
    for (const s of numbersSql()) await sql.query(s)
  } finally {
    await sql.end()
  }
  const ch = clickhouse()
  await dropDatabase(ch, DATABASE)
  await ch.close()
}

/** A chsync for the bench tables with a fresh state file; `extra`: more TOML. */
export function streamChsync(flavor: Flavor, serverId: number, extra = ''): ChsyncProcess {
  const tables = [TABLE, BIG_ROW_TABLE].map((t) => `${DATABASE}.${t}`)
  return new ChsyncProcess({ flavor, databases: [DATABASE], tables, serverId, extra })
}

/** Starts chsync on the empty table, waits until it streams and has committed a position, stops it. */
export async function primeState(chsync: ChsyncProcess): Promise<void> {
  const state = new StateFileReader(chsync.statePath)
  chsync.start()
  await chsync.waitFor('streaming', 60_000)
  await chsync.waitFor('copy done', 60_000)
  const deadline = Date.now() + 30_000
  while (!state.checkpoint() && Date.now() < deadline) await Bun.sleep(50)
  state.close()
  const code = await chsync.stop()
  if (code !== 0) throw new Error(`chsync exited with ${code}: ${chsync.tail()}`)
}
