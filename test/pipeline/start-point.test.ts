// Where a run starts, decided from the state file and the source's facts, without a server: the
// committed position on the same source or one with its GTIDs, refusals naming why, what a failed
// stream means, the way out of a lost position, and the first version of a run.

import { describe, expect, test } from 'bun:test'
import { PacketTooLargeError, ReplicationError, parseGtidSet } from '../../src/binlog/index.ts'
import { PermanentError } from '../../src/retry/index.ts'
import { PositionLostError, onPositionLost, restartPoint, startPoint, startVersion, streamFailure } from '../../src/pipeline/start-point.ts'
import type { Checkpoint, SourceIdentity } from '../../src/state/index.ts'

const UUID_A = '3e11fa47-71ca-11e1-9e33-c80aa9429562'
const UUID_B = '4f22fb58-82db-22f2-af44-d91bb0530673'
const MYSQL_A: SourceIdentity = { flavor: 'mysql', id: UUID_A }
const MYSQL_B: SourceIdentity = { flavor: 'mysql', id: UUID_B }
const WITH_GTID: Checkpoint = { file: 'binlog.000007', offset: 1234, gtid: `${UUID_A}:1-100`, version: 42n }
const NO_GTID: Checkpoint = { file: 'binlog.000007', offset: 1234, gtid: null, version: 42n }
const PATH = '/var/lib/chsync/state.db'

describe('startPoint', () => {
  test('nothing committed: a first start, whatever the source', () => {
    expect(startPoint({ path: PATH, checkpoint: null, identity: null }, MYSQL_A)).toEqual({ checkpoint: null })
    expect(startPoint({ path: PATH, checkpoint: null, identity: MYSQL_B }, MYSQL_A)).toEqual({ checkpoint: null })
  })

  test('the same source: its committed position, with or without GTIDs', () => {
    expect(startPoint({ path: PATH, checkpoint: WITH_GTID, identity: MYSQL_A }, MYSQL_A)).toEqual({ checkpoint: WITH_GTID })
    expect(startPoint({ path: PATH, checkpoint: NO_GTID, identity: MYSQL_A }, MYSQL_A)).toEqual({ checkpoint: NO_GTID })
  })

  test('a position saved before the source was recorded: taken as it is', () => {
    expect(startPoint({ path: PATH, checkpoint: NO_GTID, identity: null }, MYSQL_B)).toEqual({ checkpoint: NO_GTID })
  })

  test('another server with the GTID set: resumed from the set, the change told', () => {
    expect(startPoint({ path: PATH, checkpoint: WITH_GTID, identity: MYSQL_A }, MYSQL_B)).toEqual({
      checkpoint: WITH_GTID,
      serverChanged: { was: UUID_A, now: UUID_B },
    })
  })

  test('another server and only file:offset: refused, naming both servers and the position', () => {
    const decide = () => startPoint({ path: PATH, checkpoint: NO_GTID, identity: MYSQL_A }, MYSQL_B)
    expect(decide).toThrow(PositionLostError)
    expect(decide).toThrow(
      `the source is another server (${UUID_B}, the state file was made with ${UUID_A}) and the position binlog.000007:1234 has no GTID set`,
    )
  })

  test('another kind of server: refused even with a GTID set, naming the state file and both flavors', () => {
    const mariadb: SourceIdentity = { flavor: 'mariadb', id: 'server_id:2' }
    const decide = () => startPoint({ path: PATH, checkpoint: WITH_GTID, identity: MYSQL_A }, mariadb)
    expect(decide).toThrow(PositionLostError)
    expect(decide).toThrow(
      `the state file ${PATH} was made with a MySQL source (${UUID_A}) and the source is MariaDB (server_id:2): its position (GTID set ${UUID_A}:1-100) cannot be found`,
    )
  })
})

describe('streamFailure', () => {
  test('the binlog gone at the position (1236): position lost', () => {
    const err = new ReplicationError('Could not find first log file name in binary log index file', 1236)
    expect(streamFailure(err, 7)).toBe('position_lost')
  })

  test('1236 because another replica took the server id: ends the run, naming the id and the key to change', () => {
    for (const text of [
      'A replica with the same server_uuid/server_id as this replica has connected to the source',
      'A slave with the same server_uuid/server_id as this slave has connected to the master',
    ]) {
      const out = streamFailure(new ReplicationError(text, 1236), 7)
      expect(out).toBeInstanceOf(PermanentError)
      expect((out as Error).message).toContain("another replica registered with chsync's server id 7")
      expect((out as Error).message).toContain('set source.server_id (CHSYNC_SOURCE_SERVER_ID)')
    }
  })

  test('an account refused: ends the run, pointing at source.url', () => {
    const denied = Object.assign(new Error("Access denied for user 'repl'@'localhost'"), { errno: 1045 })
    const out = streamFailure(denied, 7)
    expect(out).toBeInstanceOf(PermanentError)
    expect((out as Error).message).toStartWith(
      "the source refused the replication stream: Access denied for user 'repl'@'localhost'; check the account in source.url",
    )
  })

  test('a packet over the limit: that error ends the run (it would come again)', () => {
    const err = new PacketTooLargeError('packet of 2000000000 bytes over the limit', 2_000_000_000, 1 << 30)
    expect(streamFailure(err, 7)).toBe(err)
  })

  test('anything else (a cut connection, another server error): read again from the committed position', () => {
    expect(streamFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 7)).toBe('reconnect')
    expect(streamFailure(new ReplicationError('the binlog stream ended'), 7)).toBe('reconnect')
    expect(streamFailure(new ReplicationError('Slave can not handle replication events with the checksum', 1236 + 1), 7)).toBe('reconnect')
  })
})

describe('a lost position', () => {
  const gone = new ReplicationError('Cannot replicate because the source purged required binary logs', 1236)

  test('snapshot.on_position_lost = "fail": refused, naming the position and the key', () => {
    expect(() => onPositionLost('fail', WITH_GTID, gone)).toThrow(
      `the source no longer has the binlog at GTID set ${UUID_A}:1-100 (Cannot replicate because the source purged required binary logs); set snapshot.on_position_lost = "resnapshot" to copy everything again`,
    )
    expect(() => onPositionLost('fail', NO_GTID, gone)).toThrow('the source no longer has the binlog at binlog.000007:1234 (')
  })

  test('"resnapshot": everything is copied again from the source end, above every version written', () => {
    expect(onPositionLost('resnapshot', WITH_GTID, gone)).toBe('resnapshot')
    const now = { file: 'binlog.000012', offset: 157, gtidSet: parseGtidSet('mysql', `${UUID_A}:1-250`) }
    expect(restartPoint(now, 99n)).toEqual({ file: 'binlog.000012', offset: 157, gtid: `${UUID_A}:1-250`, version: 100n })
    expect(restartPoint({ file: 'binlog.000012', offset: 157, gtidSet: null }, 99n)).toEqual({
      file: 'binlog.000012',
      offset: 157,
      gtid: null,
      version: 100n,
    })
  })
})

describe('startVersion', () => {
  test('above every version in the target and committed; one more for copies asked for at a restart', () => {
    expect(startVersion(42n, 0n, false)).toBe(42n)
    // A crashed run wrote past the committed counter: the replay's versions start above it.
    expect(startVersion(42n, 57n, false)).toBe(57n)
    expect(startVersion(42n, 57n, true)).toBe(58n)
    expect(startVersion(42n, 10n, true)).toBe(43n)
  })
})
