// Where a run reads the binlog from, decided from the state file and what the source says: the
// committed position when the source is the server it was taken on (or one that has its GTIDs), a
// first start when nothing is committed, and what to do when the source no longer has the binlog
// at the position (fail, or copy everything again from the source's current end).

import { type BinlogPosition, PacketTooLargeError, ReplicationError } from '../binlog/index.ts'
import { PermanentError, isPermanent } from '../retry/index.ts'
import type { Checkpoint, SourceIdentity } from '../state/index.ts'

/** The source no longer has the binlog chsync needs (purged, or another server). */
export class PositionLostError extends Error {
  readonly code = 'position_lost'
}

/** ER_MASTER_FATAL_ERROR_READING_BINLOG: the requested position or GTIDs are gone. */
const ERR_BINLOG_GONE = 1236
/**
 * The same error number when another replica connected with this server id (MySQL: "A replica
 * with the same server_uuid/server_id as this replica has connected to the source"; older and
 * MariaDB: "A slave with the same server_uuid/server_id ..."): not a lost position.
 */
const DUPLICATE_SERVER_ID = /same server_uuid\/server_id|same server_id/i

/** What the state file holds of where the last run got to. */
export interface SavedStart {
  /** The state file, for messages. */
  path: string
  checkpoint: Checkpoint | null
  /** The source the checkpoint was taken on. */
  identity: SourceIdentity | null
}

/**
 * The run starts from `checkpoint`, or with a first start (null). `serverChanged`: the source is
 * another server than the state file's, found again by the GTID set (a promoted replica).
 */
export interface StartPoint {
  checkpoint: Checkpoint | null
  serverChanged?: { was: string; now: string }
}

/** Where this run starts on `source`; PositionLostError when the position cannot be found there. */
export function startPoint(saved: SavedStart, source: SourceIdentity): StartPoint {
  const { checkpoint: cp, identity: known } = saved
  if (!cp || !known) return { checkpoint: cp }
  if (known.flavor !== source.flavor)
    throw new PositionLostError(
      `the state file ${saved.path} was made with a ${flavorName(known.flavor)} source (${known.id}) and the source is ${flavorName(source.flavor)} (${source.id}): ` +
        `its position${cp.gtid ? ` (GTID set ${cp.gtid})` : ''} cannot be found on another kind of server; point chsync at the original source, or start over with a new state file`,
    )
  if (known.id === source.id) return { checkpoint: cp }
  if (!cp.gtid)
    throw new PositionLostError(
      `the source is another server (${source.id}, the state file was made with ${known.id}) and the position ` +
        `${cp.file}:${cp.offset} has no GTID set to find the same place there; point chsync at the original source, or start over with a new state file`,
    )
  return { checkpoint: cp, serverChanged: { was: known.id, now: source.id } }
}

/**
 * The version counter at the start of a run: above every version already in the target, so what
 * the stream writes again after a crash wins over what the crashed run wrote, whatever that run's
 * numbering was. Copies asked for at a restart take one more: above every row in the target
 * (their cleanup removes the older ones), below every change the stream writes from here.
 */
export function startVersion(committed: bigint, maxInTarget: bigint, copiesAtRestart: boolean): bigint {
  const above = maxInTarget > committed ? maxInTarget : committed
  return copiesAtRestart ? above + 1n : above
}

/**
 * What a failed binlog stream means: 'reconnect' (read again from the committed position after a
 * wait), 'position_lost' (the source no longer has that binlog), or an error that ends the run
 * because reading again cannot help.
 */
export function streamFailure(err: unknown, serverId: number): 'reconnect' | 'position_lost' | Error {
  // The same packet would come again: reading again only fills memory again.
  if (err instanceof PacketTooLargeError) return err
  // The account lost its password or REPLICATION SLAVE: waiting cannot bring them back.
  if (isPermanent(err))
    return new PermanentError(
      `the source refused the replication stream: ${(err as Error).message}; check the account in source.url (chsync check lists its privileges)`,
      { cause: err },
    )
  if (err instanceof ReplicationError && DUPLICATE_SERVER_ID.test(err.message))
    return new PermanentError(
      `the source dropped the replication stream because another replica registered with chsync's server id ${serverId} (${err.message}); ` +
        `give each chsync its own: set source.server_id (CHSYNC_SOURCE_SERVER_ID) to an id no other replica of this source uses`,
      { cause: err },
    )
  if (err instanceof ReplicationError && err.serverErrno === ERR_BINLOG_GONE) return 'position_lost'
  return 'reconnect'
}

/**
 * snapshot.on_position_lost at a lost position: "resnapshot" (every table is copied again from
 * restartPoint), or for "fail" a PositionLostError naming the position and the key that changes it.
 */
export function onPositionLost(policy: 'fail' | 'resnapshot', committed: Checkpoint, err: Error): 'resnapshot' {
  if (policy === 'resnapshot') return policy
  throw new PositionLostError(
    `the source no longer has the binlog at ${positionText(committed)} (${err.message}); set snapshot.on_position_lost = "resnapshot" to copy everything again`,
  )
}

/**
 * Where the stream starts over after a lost position: the source's current end, with a version
 * above every one written so far, so the new copy wins over all old rows (which it then removes).
 */
export function restartPoint(now: BinlogPosition, lastWrittenVersion: bigint): Checkpoint {
  return { file: now.file, offset: now.offset, gtid: now.gtidSet ? now.gtidSet.toString() : null, version: lastWrittenVersion + 1n }
}

/** A committed position as a user reads it: its GTID set, or file:offset without GTIDs. */
export function positionText(cp: Checkpoint): string {
  return cp.gtid ? `GTID set ${cp.gtid}` : `${cp.file}:${cp.offset}`
}

function flavorName(flavor: SourceIdentity['flavor']): string {
  return flavor === 'mysql' ? 'MySQL' : 'MariaDB'
}
