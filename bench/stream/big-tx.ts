// Memory under one huge transaction and under one huge row: chsync streams while a single
// transaction of more than a million row changes, or a row of 60 MB, is written; its peak RSS must
// follow apply.max_buffer_bytes, not the transaction's or the row's size.

import type { Flavor } from '../../src/binlog/index.ts'
import { bigValueSql, groupConcatFor } from '../../test/support/big-row.ts'
import type { ChsyncProcess } from '../support/chsync.ts'
import { type Session, binlogBytesBetween, binlogEnd, sourceSession } from '../support/servers.ts'
import { StateFileReader, atOrAfter } from '../support/state-file.ts'
import { endWithMark } from './end-mark.ts'
import { BIG_ROW_TABLE, DATABASE, TABLE } from './workload.ts'

export interface BigTxResult {
  changes: number
  binlogBytes: number
  writeSeconds: number
  /** From the commit on the source to chsync's committed position reaching it. */
  applySeconds: number
  peakRssMb: number
}

/** Inserts `inserts` new rows (ids after `firstId`), then updates and deletes older rows, in one transaction. */
export function bigTransaction(
  flavor: Flavor,
  chsync: ChsyncProcess,
  firstId: number,
  inserts: number,
  timeoutMs: number,
): Promise<BigTxResult> {
  return timedApply(flavor, chsync, timeoutMs, async (sql) => {
    const [results] = await sql.query(`START TRANSACTION;
      INSERT INTO ${TABLE} SELECT i, i % 1000, CONCAT('bulk #', i), i / 100, TIMESTAMPADD(SECOND, i, '2021-01-01'), i / 3e0, i % 100, NULL
        FROM (SELECT ${firstId} + n + 1 AS i FROM numbers WHERE n < ${inserts}) s;
      UPDATE ${TABLE} SET score = score + 1 WHERE id BETWEEN 1 AND 150000;
      DELETE FROM ${TABLE} WHERE id BETWEEN 150001 AND 200000;
      COMMIT`)
    return (results as { affectedRows?: number }[]).reduce((n, r) => n + (r.affectedRows ?? 0), 0)
  })
}

/** Inserts one row of `bytes` in a LONGBLOB (the value built by the source: no client packet of that size). */
export function bigRow(flavor: Flavor, chsync: ChsyncProcess, id: number, bytes: number, timeoutMs: number): Promise<BigTxResult> {
  return timedApply(flavor, chsync, timeoutMs, async (sql) => {
    await sql.query(groupConcatFor(bytes))
    await sql.query(`INSERT INTO ${BIG_ROW_TABLE} VALUES (${id}, ${bigValueSql(bytes, `row ${id}`)})`)
    return 1
  })
}

/** Runs `write` (returns the row changes it made) and waits for chsync's committed position to pass it. */
async function timedApply(
  flavor: Flavor,
  chsync: ChsyncProcess,
  timeoutMs: number,
  write: (sql: Session) => Promise<number>,
): Promise<BigTxResult> {
  const sql = await sourceSession(flavor, DATABASE)
  const state = new StateFileReader(chsync.statePath)
  try {
    const before = await binlogEnd(sql, flavor)
    const began = performance.now()
    const changes = await write(sql)
    const writeSeconds = (performance.now() - began) / 1000
    const end = await endWithMark(flavor)
    const committed = performance.now()
    const deadline = committed + timeoutMs
    for (;;) {
      const cp = state.checkpoint()
      if (cp && atOrAfter(cp, end)) break
      if (!chsync.running) throw new Error(`chsync exited while applying the big write: ${chsync.tail()}`)
      if (performance.now() > deadline) throw new Error(`chsync did not apply the big write within ${timeoutMs / 1000} s`)
      await Bun.sleep(10)
    }
    const applySeconds = (performance.now() - committed) / 1000
    const binlogBytes = await binlogBytesBetween(sql, before, end)
    return { changes, binlogBytes, writeSeconds, applySeconds, peakRssMb: chsync.peakRssMb }
  } finally {
    state.close()
    await sql.end()
  }
}
