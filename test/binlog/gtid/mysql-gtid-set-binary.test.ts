// The binary GTID set: the bytes mysqlbinlog 9.7 sent in COM_BINLOG_DUMP_GTID and the bytes of
// PREVIOUS_GTIDS events in MySQL 9.7 binlogs (fixtures/), both formats, and malformed input.

import { describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DecodeError } from '../../../src/binlog/errors.ts'
import { decodeMysqlGtidSet, decodePreviousGtidsEvent, encodeMysqlGtidSet, MysqlGtidSet } from '../../../src/binlog/gtid/index.ts'
import { eventBody, prefixes } from './support.ts'

interface DumpCapture {
  excludeGtids: string
  packet: string
}

const dumps = (
  JSON.parse(readFileSync(join(import.meta.dir, 'fixtures', 'mysql-binlog-dump-gtid.json'), 'utf8')) as {
    captures: DumpCapture[]
  }
).captures

/** The encoded set inside a COM_BINLOG_DUMP_GTID payload. */
function dumpData(packetHex: string): Buffer {
  const p = Buffer.from(packetHex, 'hex')
  const nameLength = p.readUInt32LE(7)
  const sizeAt = 11 + nameLength + 8
  return p.subarray(sizeAt + 4, sizeAt + 4 + p.readUInt32LE(sizeAt))
}

const U = 'c92d9ce2-e5f9-11f1-ad3d-02fc00000001'
const A = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa'

describe('COM_BINLOG_DUMP_GTID sets from mysqlbinlog', () => {
  const expected = [`${A}:1-100,\n${U}:1-3:5`, `${A}:1-100:zz:9,\n${U}:1-3:other:5-6:t_gtid_tag:1`, '']
  dumps.forEach((capture, k) => {
    test(`--exclude-gtids=${JSON.stringify(capture.excludeGtids)}`, () => {
      const data = dumpData(capture.packet)
      const set = decodeMysqlGtidSet(data)
      expect(set.toString()).toBe(expected[k])
      // Our encoding of the same text is byte for byte what mysqlbinlog sent.
      expect(encodeMysqlGtidSet(MysqlGtidSet.parse(capture.excludeGtids)).toString('hex')).toBe(data.toString('hex'))
    })
  })

  test('classic format: n_sids with a zero top byte', () => {
    const data = dumpData(dumps[0].packet)
    expect(data.subarray(0, 8).toString('hex')).toBe('0200000000000000')
    expect(data.length).toBe(8 + 2 * (16 + 8) + 3 * 16)
  })

  test('tagged format: 0x01, n_sids << 8, 0x01 in the top byte; tags length-prefixed', () => {
    const data = dumpData(dumps[1].packet)
    expect(data.subarray(0, 8).toString('hex')).toBe('0105000000000001')
    // First tsid: untagged aaaa... (tag length 0), then aaaa...:zz (varlen 2 = 0x04, "zz").
    expect(data.subarray(24, 25).toString('hex')).toBe('00')
    expect(data.subarray(8 + 16 + 1 + 8 + 16 + 16, 8 + 16 + 1 + 8 + 16 + 16 + 3).toString('hex')).toBe('047a7a')
  })
})

describe('PREVIOUS_GTIDS_LOG_EVENT', () => {
  test('empty set at the start of the first binlog (classic format)', () => {
    const body = eventBody('mysql-previous-gtids-empty')
    expect(body.toString('hex')).toBe('0000000000000000')
    const set = decodePreviousGtidsEvent(body)
    expect(set.isEmpty).toBe(true)
    expect(encodeMysqlGtidSet(set).equals(body)).toBe(true)
  })

  test('after tagged transactions the next binlog starts with a tagged set', () => {
    const body = eventBody('mysql-previous-gtids-tagged')
    const set = decodePreviousGtidsEvent(body)
    // mysqlbinlog printed: c92d9ce2-e5f9-11f1-ad3d-02fc00000001:1-8:t_gtid_tag:1-2
    expect(set.toString()).toBe(`${U}:1-8:t_gtid_tag:1-2`)
    expect(set.count()).toBe(10n)
    expect(encodeMysqlGtidSet(set).equals(body)).toBe(true)
  })
})

describe('encoding', () => {
  test('untagged sets use the classic format, exact layout', () => {
    const bytes = encodeMysqlGtidSet(MysqlGtidSet.parse(`${U}:1-3:5`))
    expect(bytes.toString('hex')).toBe(
      '0100000000000000' +
        'c92d9ce2e5f911f1ad3d02fc00000001' +
        '0200000000000000' +
        '0100000000000000' +
        '0400000000000000' +
        '0500000000000000' +
        '0600000000000000',
    )
  })

  test('the largest gno round-trips', () => {
    const set = MysqlGtidSet.parse(`${U}:1-9223372036854775806:x:9223372036854775806`)
    expect(decodeMysqlGtidSet(encodeMysqlGtidSet(set)).equals(set)).toBe(true)
  })
})

describe('malformed encodings are DecodeErrors', () => {
  const tagged = dumpData(dumps[1].packet)
  const classic = dumpData(dumps[0].packet)

  test('every truncation', () => {
    for (const bytes of [tagged, classic]) {
      for (const prefix of prefixes(bytes)) expect(() => decodeMysqlGtidSet(prefix)).toThrow(DecodeError)
    }
  })

  test('trailing bytes', () => {
    expect(() => decodeMysqlGtidSet(Buffer.concat([classic, Buffer.from([0])]))).toThrow(DecodeError)
  })

  test('unknown format byte', () => {
    const bad = Buffer.from(classic)
    bad[7] = 2
    expect(() => decodeMysqlGtidSet(bad)).toThrow('unknown GTID set encoding format 2')
  })

  test('a count the bytes cannot hold', () => {
    const bad = Buffer.from(classic)
    bad.writeBigUInt64LE(1n << 40n, 0)
    expect(() => decodeMysqlGtidSet(bad)).toThrow(DecodeError)
  })

  const oneSid = (start: bigint, end: bigint, start2?: bigint, end2?: bigint) => {
    const n = start2 === undefined ? 1 : 2
    const b = Buffer.alloc(8 + 16 + 8 + 16 * n)
    b.writeBigUInt64LE(1n, 0)
    Buffer.from('c92d9ce2e5f911f1ad3d02fc00000001', 'hex').copy(b, 8)
    b.writeBigUInt64LE(BigInt(n), 24)
    b.writeBigInt64LE(start, 32)
    b.writeBigInt64LE(end, 40)
    if (start2 !== undefined && end2 !== undefined) {
      b.writeBigInt64LE(start2, 48)
      b.writeBigInt64LE(end2, 56)
    }
    return b
  }

  test('intervals the server refuses: empty, gno 0, negative, overlapping or touching, unsorted', () => {
    expect(decodeMysqlGtidSet(oneSid(1n, 4n, 5n, 6n)).toString()).toBe(`${U}:1-3:5`)
    for (const bad of [
      oneSid(3n, 3n),
      oneSid(0n, 3n),
      oneSid(-5n, 3n),
      oneSid(1n, 4n, 4n, 6n),
      oneSid(1n, 4n, 2n, 6n),
      oneSid(5n, 6n, 1n, 2n),
    ]) {
      expect(() => decodeMysqlGtidSet(bad)).toThrow(DecodeError)
    }
  })

  test('invalid tags', () => {
    const withTag = (tag: Buffer) =>
      Buffer.concat([
        Buffer.from('0101000000000001', 'hex'),
        Buffer.from('c92d9ce2e5f911f1ad3d02fc00000001', 'hex'),
        tag,
        Buffer.from('01000000000000000100000000000000' + '0200000000000000', 'hex'),
      ])
    expect(decodeMysqlGtidSet(withTag(Buffer.from('04417a', 'hex'))).toString()).toBe(`${U}:az:1`)
    expect(() => decodeMysqlGtidSet(withTag(Buffer.from('04317a', 'hex')))).toThrow(DecodeError) // "1z"
    expect(() => decodeMysqlGtidSet(withTag(Buffer.from('042d7a', 'hex')))).toThrow(DecodeError) // "-z"
    expect(() => decodeMysqlGtidSet(withTag(Buffer.concat([Buffer.from([66]), Buffer.alloc(33, 0x61)])))).toThrow('GTID tag of 33 bytes')
  })
})
