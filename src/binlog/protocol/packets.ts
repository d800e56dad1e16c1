// Replication commands the client sends, as MySQL protocol payloads (without the 4-byte frame header).

export const COM_REGISTER_SLAVE = 0x15
export const COM_BINLOG_DUMP = 0x12
export const COM_BINLOG_DUMP_GTID = 0x1e

/** COM_BINLOG_DUMP flag: answer EOF at the end of the binlog instead of waiting for more. */
export const BINLOG_DUMP_NON_BLOCK = 0x01
/** COM_BINLOG_DUMP_GTID flag: the start is given by file and position, not by the GTID set. */
export const BINLOG_THROUGH_POSITION = 0x02
/** COM_BINLOG_DUMP_GTID flag: the start is the GTID set (file name empty, position 4). */
export const BINLOG_THROUGH_GTID = 0x04

/**
 * COM_REGISTER_SLAVE: [0x15] server_id u32, hostname (u8 len + bytes), user (u8 len + bytes),
 * password (u8 len + bytes), port u16, replication_rank u32, master_id u32.
 * Only the identity fields matter to the server (SHOW REPLICAS); credentials are never sent here.
 */
export function registerReplicaPacket(serverId: number, hostname: string, port: number): Buffer {
  const host = Buffer.from(hostname.slice(0, 60), 'utf8')
  const out = Buffer.alloc(1 + 4 + 1 + host.length + 1 + 1 + 2 + 4 + 4)
  let p = out.writeUInt8(COM_REGISTER_SLAVE, 0)
  p = out.writeUInt32LE(serverId >>> 0, p)
  p = out.writeUInt8(host.length, p)
  p += host.copy(out, p)
  p = out.writeUInt8(0, p) // user
  p = out.writeUInt8(0, p) // password
  p = out.writeUInt16LE(port & 0xffff, p)
  p = out.writeUInt32LE(0, p) // replication rank
  out.writeUInt32LE(0, p) // master id: the server fills it in
  return out
}

/** COM_BINLOG_DUMP: [0x12] position u32, flags u16, server_id u32, file name (rest of packet). */
export function binlogDumpPacket(serverId: number, file: string, position: number, flags = 0): Buffer {
  if (position > 0xffffffff) throw new RangeError(`binlog position ${position} does not fit COM_BINLOG_DUMP`)
  const name = Buffer.from(file, 'utf8')
  const out = Buffer.alloc(1 + 4 + 2 + 4 + name.length)
  let p = out.writeUInt8(COM_BINLOG_DUMP, 0)
  p = out.writeUInt32LE(position, p)
  p = out.writeUInt16LE(flags, p)
  p = out.writeUInt32LE(serverId >>> 0, p)
  name.copy(out, p)
  return out
}

/**
 * COM_BINLOG_DUMP_GTID: [0x1e] flags u16, server_id u32, file name length u32, file name,
 * position u64, then (with BINLOG_THROUGH_GTID) the encoded GTID set's length u32 and bytes.
 */
export function binlogDumpGtidPacket(
  serverId: number,
  encodedGtidSet: Uint8Array,
  file = '',
  position = 4,
  flags = BINLOG_THROUGH_GTID,
): Buffer {
  const name = Buffer.from(file, 'utf8')
  const out = Buffer.alloc(1 + 2 + 4 + 4 + name.length + 8 + 4 + encodedGtidSet.length)
  let p = out.writeUInt8(COM_BINLOG_DUMP_GTID, 0)
  p = out.writeUInt16LE(flags, p)
  p = out.writeUInt32LE(serverId >>> 0, p)
  p = out.writeUInt32LE(name.length, p)
  p += name.copy(out, p)
  p = out.writeBigUInt64LE(BigInt(position), p)
  p = out.writeUInt32LE(encodedGtidSet.length, p)
  out.set(encodedGtidSet, p)
  return out
}

export interface ServerErrorPacket {
  errno: number
  sqlState: string
  message: string
}

/** ERR packet: [0xff] errno u16, '#' + 5-byte SQL state (protocol 4.1), message (rest). */
export function parseErrorPacket(payload: Buffer): ServerErrorPacket {
  const errno = payload.length >= 3 ? payload.readUInt16LE(1) : 0
  let p = 3
  let sqlState = 'HY000'
  if (payload[p] === 0x23 && payload.length >= p + 6) {
    sqlState = payload.toString('latin1', p + 1, p + 6)
    p += 6
  }
  return { errno, sqlState, message: payload.toString('utf8', p) }
}
