// The GTID of the last transaction a test session committed (MySQL: session_track_gtids reported
// in the OK packet; MariaDB: @@last_gtid), and whether a committed GTID set contains it.

import type mysql from 'mysql2/promise'
import { type Flavor, parseGtidSet } from '../../../src/binlog/index.ts'

export async function trackOwnGtids(flavor: Flavor, sql: mysql.Connection): Promise<void> {
  if (flavor === 'mysql') await sql.query("SET SESSION session_track_gtids = 'OWN_GTID'")
}

/** Runs a write and returns the GTID it was committed with. */
export async function writeWithGtid(flavor: Flavor, sql: mysql.Connection, statement: string): Promise<string> {
  const [result] = await sql.query(statement)
  if (flavor === 'mysql') {
    const gtids = (result as { stateChanges?: { gtids: string[] } }).stateChanges?.gtids ?? []
    if (gtids.length !== 1) throw new Error(`expected the statement's GTID in the OK packet, got ${JSON.stringify(gtids)}`)
    return gtids[0]!
  }
  const [[row]] = (await sql.query('SELECT @@last_gtid AS g')) as unknown as [{ g: string }[]]
  return row!.g
}

export function gtidSetContains(flavor: Flavor, set: string, gtid: string): boolean {
  if (flavor === 'mysql') return parseGtidSet('mysql', gtid).subtract(parseGtidSet('mysql', set)).count() === 0n
  return parseGtidSet('mariadb', set).behind(parseGtidSet('mariadb', gtid)) === 0n
}
