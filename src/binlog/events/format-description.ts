// FORMAT_DESCRIPTION_EVENT: first event of every binlog file; says how long each event type's
// post-header is and whether events carry a CRC32.

import type { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'

export interface FormatDescriptionEvent {
  kind: 'format_description'
  binlogVersion: number
  serverVersion: string
  createTimestamp: number
  headerLength: number
  /** Post-header length of event type t at index t - 1. */
  postHeaderLengths: Uint8Array
  checksum: 'none' | 'crc32'
}

/**
 * Body: binlog_version u16, server_version char[50] (NUL padded), create_timestamp u32,
 * header_length u8, one post-header length per event type, checksum algorithm u8 (0 off, 1 CRC32),
 * then the event's own checksum (4 bytes, also present as room when checksums are off). The body
 * handed in includes those last 4 bytes, because the FDE must be parsed before we know whether
 * they are a checksum.
 */
export function decodeFormatDescription(c: Cursor): FormatDescriptionEvent {
  const binlogVersion = c.u16()
  if (binlogVersion !== 4) throw new DecodeError(`binlog version ${binlogVersion}; chsync reads version 4 only`)
  const serverVersion = c.bytes(50, 'server version').toString('latin1').replace(/\0.*$/s, '')
  const createTimestamp = c.u32()
  const headerLength = c.u8()
  if (headerLength !== 19) throw new DecodeError(`event header length ${headerLength}, expected 19`)
  const rest = c.rest()
  if (rest.length < 5) throw new DecodeError('FORMAT_DESCRIPTION without checksum algorithm')
  const alg = rest[rest.length - 5]
  if (alg !== 0 && alg !== 1) throw new DecodeError(`unknown checksum algorithm ${alg}`)
  return {
    kind: 'format_description',
    binlogVersion,
    serverVersion,
    createTimestamp,
    headerLength,
    postHeaderLengths: Uint8Array.from(rest.subarray(0, rest.length - 5)),
    checksum: alg === 1 ? 'crc32' : 'none',
  }
}

/** Size of the table id in TABLE_MAP and rows events: 4 bytes when their post-header is 6 long. */
export function tableIdSize(fde: FormatDescriptionEvent | null, type: number): number {
  const len = fde?.postHeaderLengths[type - 1]
  return len === 6 ? 4 : 6
}
