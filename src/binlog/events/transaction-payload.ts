// TRANSACTION_PAYLOAD_EVENT (MySQL 8.0.20+, binlog_transaction_compression=ON): a whole
// transaction's events, compressed with zstd, inside one event.

import type { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'

export interface TransactionPayload {
  compression: 'zstd' | 'none'
  uncompressedSize: number
  /** The inner events, back to back, each with its 19-byte header. */
  events: Buffer
}

// Header fields: type (packed), then for all but the end mark a length (packed) and a value.
const END_MARK = 0
const PAYLOAD_SIZE = 1
const COMPRESSION_TYPE = 2
const UNCOMPRESSED_SIZE = 3

const ZSTD = 0
const NONE = 255

/** Upper bound on one transaction's uncompressed payload we accept (the server's is 1 GiB per event). */
const MAX_UNCOMPRESSED = 1 << 30

export function decodeTransactionPayload(c: Cursor): TransactionPayload {
  let size = -1
  let compression = NONE
  let uncompressedSize = -1
  for (;;) {
    const type = c.lenenc('payload header field')
    if (type === END_MARK) break
    const length = c.lenenc('payload header field length')
    const end = c.need(length, 'payload header field') + length
    if (type === PAYLOAD_SIZE) size = c.lenenc('payload size')
    else if (type === COMPRESSION_TYPE) compression = c.lenenc('compression type')
    else if (type === UNCOMPRESSED_SIZE) uncompressedSize = c.lenenc('uncompressed size')
    c.pos = end
  }
  const data = c.rest()
  if (size >= 0 && size !== data.length) throw new DecodeError(`transaction payload is ${data.length} bytes, header says ${size}`)
  if (compression === NONE) return { compression: 'none', uncompressedSize: data.length, events: data }
  if (compression !== ZSTD) throw new DecodeError(`transaction payload compressed with unknown type ${compression}`)
  if (uncompressedSize < 0 || uncompressedSize > MAX_UNCOMPRESSED)
    throw new DecodeError(`transaction payload uncompressed size ${uncompressedSize} is not acceptable`)
  let events: Buffer
  try {
    events = Buffer.from(Bun.zstdDecompressSync(data))
  } catch (err) {
    throw new DecodeError('transaction payload does not decompress (zstd)', {}, { cause: err })
  }
  if (events.length !== uncompressedSize)
    throw new DecodeError(`transaction payload decompresses to ${events.length} bytes, header says ${uncompressedSize}`)
  return { compression: 'zstd', uncompressedSize, events }
}
