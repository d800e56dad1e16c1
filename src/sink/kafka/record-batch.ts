// One Kafka RecordBatch (message format v2, magic 2) written in one pass into a ByteWriter, from
// the messages' bytes where they already are (the feed's line buffer and the keys' buffer).
//
//   baseOffset int64 (0: the broker assigns) | batchLength int32 (bytes after it)
//   partitionLeaderEpoch int32 (-1) | magic int8 (2) | crc uint32: CRC-32C of the rest
//   attributes int16 (bits 0-2 codec, bit 4 transactional) | lastOffsetDelta int32
//   baseTimestamp int64 | maxTimestamp int64 | producerId int64 | producerEpoch int16
//   baseSequence int32 | record count int32 | records (compressed as one block with a codec)
//
// A record: length varint | attributes int8 (0) | timestampDelta varint | offsetDelta varint |
// key length varint (-1: null), key | value length varint (-1: null), value | header count
// varint, each header: key length varint, key, value length varint, value. Varints are zig-zag.

import type { KafkaSinkConfig } from '../../config/index.ts'
import { ByteWriter, varintSize } from './byte-writer.ts'
import type { KafkaClient } from './client.ts'
import type { MessageEntry, Where } from './pending-messages.ts'

const H_GTID = Buffer.from('gtid')
const H_POSITION = Buffer.from('position')
/** The version header's key after its length (7, as a zig-zag varint 14); its value follows. */
const VERSION_KEY = Buffer.from([14, ...Buffer.from('version')])
const H_TXN = Buffer.from('chsync.txn')
const TRANSACTIONAL = 0x10
/** Bytes of a batch before its records' CRC-covered part: baseOffset, batchLength, epoch, magic, crc. */
const CRC_AT = 8 + 4 + 4 + 1

/** Where the bytes of the entries are: values in `lines`, keys and versions in `side`. */
export interface MessageBytes {
  lines: Buffer
  side: Buffer
}

export interface BatchProducer {
  producerId: bigint
  producerEpoch: number
  transactional: boolean
}

export interface BatchCodec {
  crc32c: (data: Buffer) => number
  /** The codec's bits in the attributes and its compression of the records' block (none: null). */
  compression: { bitmask: number; compress: (data: Buffer) => Buffer } | null
}

/** The CRC-32C and compression codec of the client library. */
export function batchCodec(client: KafkaClient, compression: KafkaSinkConfig['compression']): BatchCodec {
  const codec = compression === 'none' ? null : client.compressionsAlgorithms[compression]
  return {
    // Handed over as the client's DynamicBuffer: given a Buffer, its native CRC-32C first copies it.
    crc32c: (data) => client.crc32c(client.Writer.create().append(data).dynamicBuffer),
    compression: codec ? { bitmask: codec.bitmask, compress: (data) => codec.compressSync(data) } : null,
  }
}

export class RecordBatchWriter {
  private readonly block = new ByteWriter()
  private lastWhere: { where: Where | null; bytes: Buffer; count: number } = { where: null, bytes: Buffer.alloc(0), count: 0 }

  constructor(private readonly codec: BatchCodec) {}

  /** The batch of `entries` (one partition's, in order, all stamped `timestamp`) starting at `baseSequence`. */
  write(
    w: ByteWriter,
    bytes: MessageBytes,
    entries: readonly MessageEntry[],
    p: BatchProducer,
    baseSequence: number,
    txn: Buffer | null,
    timestamp: bigint,
  ): void {
    const start = w.pos
    w.int64(0n)
    w.int32(0) // batchLength, below
    w.int32(-1)
    w.int8(2)
    w.int32(0) // crc, below
    const compression = this.codec.compression
    w.int16((compression?.bitmask ?? 0) | (p.transactional ? TRANSACTIONAL : 0))
    w.int32(entries.length - 1)
    w.int64(timestamp)
    w.int64(timestamp)
    w.int64(p.producerId)
    w.int16(p.producerEpoch)
    w.int32(baseSequence)
    w.int32(entries.length)
    const txnHeader = txn ? encodeHeader(H_TXN, txn) : null
    if (compression) {
      const block = this.block
      block.pos = 0
      for (let i = 0; i < entries.length; i++) this.writeRecord(block, bytes, entries[i], i, txnHeader)
      w.bytes(compression.compress(block.buf.subarray(0, block.pos)))
    } else {
      for (let i = 0; i < entries.length; i++) this.writeRecord(w, bytes, entries[i], i, txnHeader)
    }
    w.buf.writeInt32BE(w.pos - start - 12, start + 8)
    w.buf.writeUInt32BE(this.codec.crc32c(w.buf.subarray(start + CRC_AT + 4, w.pos)) >>> 0, start + CRC_AT)
  }

  private writeRecord(w: ByteWriter, bytes: MessageBytes, e: MessageEntry, offsetDelta: number, txnHeader: Buffer | null): void {
    const keyLength = e.keyEnd - e.keyStart
    const valueLength = e.end < 0 ? -1 : e.end - e.start
    const versionLength = e.versionEnd - e.keyEnd
    const where = this.whereHeaders(e.where)
    const headers = where.count + (versionLength > 0 ? 1 : 0) + (txnHeader ? 1 : 0)
    let size =
      2 + // attributes, timestampDelta 0
      varintSize(offsetDelta) +
      varintSize(keyLength) +
      keyLength +
      varintSize(valueLength) +
      Math.max(valueLength, 0) +
      varintSize(headers) +
      where.bytes.length +
      (txnHeader?.length ?? 0)
    if (versionLength > 0) size += VERSION_KEY.length + varintSize(versionLength) + versionLength
    w.room(size + 5)
    w.varint(size)
    w.int8(0)
    w.varint(0)
    w.varint(offsetDelta)
    w.varint(keyLength)
    w.range(bytes.side, e.keyStart, e.keyEnd)
    w.varint(valueLength)
    if (valueLength > 0) w.range(bytes.lines, e.start, e.end)
    w.varint(headers)
    w.bytes(where.bytes)
    if (versionLength > 0) {
      w.bytes(VERSION_KEY)
      w.varint(versionLength)
      w.range(bytes.side, e.keyEnd, e.versionEnd)
    }
    if (txnHeader) w.bytes(txnHeader)
  }

  /** The GTID and position headers of a source transaction, encoded once for all its rows. */
  private whereHeaders(where: Where): { bytes: Buffer; count: number } {
    const last = this.lastWhere
    if (last.where === where) return last
    const parts: Buffer[] = []
    if (where.gtidBytes) parts.push(encodeHeader(H_GTID, where.gtidBytes))
    if (where.positionBytes) parts.push(encodeHeader(H_POSITION, where.positionBytes))
    this.lastWhere = { where, bytes: Buffer.concat(parts), count: parts.length }
    return this.lastWhere
  }
}

/** A header as a record carries it: key length, key, value length, value. */
function encodeHeader(key: Buffer, value: Buffer): Buffer {
  const w = new ByteWriter(key.length + value.length + 10)
  w.varint(key.length)
  w.bytes(key)
  w.varint(value.length)
  w.bytes(value)
  return w.written()
}
