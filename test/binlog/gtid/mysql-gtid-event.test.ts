// GTID_LOG_EVENT, ANONYMOUS_GTID_LOG_EVENT and GTID_TAGGED_LOG_EVENT bodies captured from MySQL
// 9.7 (fixtures/). Expected values are the ones mysqlbinlog printed for the same events.

import { describe, expect, test } from 'bun:test'
import { DecodeError } from '../../../src/binlog/errors.ts'
import {
  ANONYMOUS_GTID_LOG_EVENT,
  decodeGtidEvent,
  decodeGtidTaggedEvent,
  GTID_LOG_EVENT,
  GTID_TAGGED_LOG_EVENT,
  type GtidEvent,
  MysqlGtidSet,
} from '../../../src/binlog/gtid/index.ts'
import { encodeVarInt, encodeVarUint } from '../../../src/binlog/gtid/varlen.ts'
import { eventBody, eventFixture, prefixes } from './support.ts'

const U = 'c92d9ce2-e5f9-11f1-ad3d-02fc00000001'

const expected = (over: Partial<GtidEvent>): GtidEvent => ({
  eventType: GTID_LOG_EVENT,
  anonymous: false,
  flags: 0,
  mayHaveSbr: false,
  uuid: U,
  tag: '',
  gno: 0n,
  lastCommitted: null,
  sequenceNumber: null,
  immediateCommitTimestamp: null,
  originalCommitTimestamp: null,
  transactionLength: null,
  immediateServerVersion: null,
  originalServerVersion: null,
  commitGroupTicket: null,
  ...over,
})

describe('GTID_LOG_EVENT (33)', () => {
  test('DDL (rbr_only=no): flags, logical clock, timestamps, length, versions', () => {
    const fx = eventFixture('mysql-gtid-ddl')
    expect(fx.decoded.join('\n')).toContain('last_committed=5\tsequence_number=6\trbr_only=no')
    expect(decodeGtidEvent(eventBody('mysql-gtid-ddl'))).toEqual(
      expected({
        flags: 1,
        mayHaveSbr: true,
        gno: 6n,
        lastCommitted: 5n,
        sequenceNumber: 6n,
        immediateCommitTimestamp: 1795299739894007n,
        originalCommitTimestamp: 1795299739894007n,
        transactionLength: 217n,
        immediateServerVersion: 90704,
        originalServerVersion: 90704,
      }),
    )
  })

  test('row-based DML (rbr_only=yes)', () => {
    expect(decodeGtidEvent(eventBody('mysql-gtid-dml'))).toEqual(
      expected({
        gno: 8n,
        lastCommitted: 7n,
        sequenceNumber: 8n,
        immediateCommitTimestamp: 1795299739905703n,
        originalCommitTimestamp: 1795299739905703n,
        transactionLength: 304n,
        immediateServerVersion: 90704,
        originalServerVersion: 90704,
      }),
    )
  })

  test('fields are read only as far as the body goes, like the server', () => {
    const body = eventBody('mysql-gtid-dml')
    expect(body.length).toBe(56)
    // 25 bytes: flags, uuid, gno only (MySQL 5.6 events).
    expect(decodeGtidEvent(body.subarray(0, 25))).toEqual(expected({ gno: 8n }))
    // + logical clock (5.7).
    expect(decodeGtidEvent(body.subarray(0, 42))).toMatchObject({ lastCommitted: 7n, sequenceNumber: 8n, immediateCommitTimestamp: null })
    // + 1..6 bytes: not enough for a timestamp, ignored.
    expect(decodeGtidEvent(body.subarray(0, 48)).immediateCommitTimestamp).toBe(null)
    // + timestamp (8.0.1): original equals immediate when the flag bit is clear.
    expect(decodeGtidEvent(body.subarray(0, 49))).toMatchObject({
      immediateCommitTimestamp: 1795299739905703n,
      originalCommitTimestamp: 1795299739905703n,
      transactionLength: null,
    })
    // + transaction length (8.0.2), then 1..3 bytes: no server version.
    expect(decodeGtidEvent(body.subarray(0, 52))).toMatchObject({ transactionLength: 304n, immediateServerVersion: null })
    // 1..7 bytes after the server version: no commit group ticket.
    expect(decodeGtidEvent(Buffer.concat([body, Buffer.alloc(7)])).commitGroupTicket).toBe(null)
  })

  test('original timestamp and version follow when their flag bits are set; ticket at the end', () => {
    const body = Buffer.from(eventBody('mysql-gtid-dml'))
    const head = body.subarray(0, 42)
    const seven = (v: bigint) => {
      const b = Buffer.alloc(8)
      b.writeBigUInt64LE(v)
      return b.subarray(0, 7)
    }
    const immediate = seven(1795299739905703n | (1n << 55n))
    const original = seven(1795299700000000n)
    const versions = Buffer.alloc(8)
    versions.writeUInt32LE((90704 | 0x8000_0000) >>> 0, 0)
    versions.writeUInt32LE(80036, 4)
    const ticket = Buffer.alloc(8)
    ticket.writeBigUInt64LE(42n)
    const lengthBig = Buffer.from('fc2c01', 'hex') // 300 as a 3-byte packed integer
    const event = decodeGtidEvent(Buffer.concat([head, immediate, original, lengthBig, versions, ticket]))
    expect(event).toMatchObject({
      immediateCommitTimestamp: 1795299739905703n,
      originalCommitTimestamp: 1795299700000000n,
      transactionLength: 300n,
      immediateServerVersion: 90704,
      originalServerVersion: 80036,
      commitGroupTicket: 42n,
    })
    // Without the original timestamp after a set flag bit: truncated.
    expect(() => decodeGtidEvent(Buffer.concat([head, immediate]))).toThrow(DecodeError)
  })

  test('truncated bodies are DecodeErrors where the server fails', () => {
    const body = eventBody('mysql-gtid-dml')
    for (const n of [0, 1, 17, 24, 26, 33, 41]) {
      expect(() => decodeGtidEvent(body.subarray(0, n))).toThrow(DecodeError)
    }
    // A packed length that announces more bytes than there are.
    expect(() => decodeGtidEvent(Buffer.concat([body.subarray(0, 49), Buffer.from('fe0102', 'hex')]))).toThrow(DecodeError)
  })

  test('gno 0 or beyond 2^63-2 is invalid in GTID_LOG_EVENT', () => {
    const body = Buffer.from(eventBody('mysql-gtid-dml'))
    body.writeBigInt64LE(0n, 17)
    expect(() => decodeGtidEvent(body)).toThrow('invalid gno 0')
    body.writeBigInt64LE((1n << 63n) - 1n, 17)
    expect(() => decodeGtidEvent(body)).toThrow(DecodeError)
  })

  test('a logical clock type other than 2 ends the event (pre-5.7.5 layout)', () => {
    const body = Buffer.from(eventBody('mysql-gtid-dml'))
    body[25] = 1
    expect(decodeGtidEvent(body)).toEqual(expected({ gno: 8n }))
  })
})

describe('ANONYMOUS_GTID_LOG_EVENT (34)', () => {
  // The test server runs with gtid_mode=ON and cannot write anonymous transactions: this body is
  // the captured DML GTID event with the uuid and gno zeroed, which is how the server writes one.
  const body = Buffer.from(eventBody('mysql-gtid-dml'))
  body.fill(0, 1, 25)

  test('decodes with anonymous set and gno 0', () => {
    expect(decodeGtidEvent(body, ANONYMOUS_GTID_LOG_EVENT)).toEqual(
      expected({
        eventType: ANONYMOUS_GTID_LOG_EVENT,
        anonymous: true,
        uuid: '00000000-0000-0000-0000-000000000000',
        gno: 0n,
        lastCommitted: 7n,
        sequenceNumber: 8n,
        immediateCommitTimestamp: 1795299739905703n,
        originalCommitTimestamp: 1795299739905703n,
        transactionLength: 304n,
        immediateServerVersion: 90704,
        originalServerVersion: 90704,
      }),
    )
  })

  test('a non-zero gno is invalid', () => {
    expect(() => decodeGtidEvent(eventBody('mysql-gtid-dml'), ANONYMOUS_GTID_LOG_EVENT)).toThrow('invalid gno 8')
  })
})

describe('GTID_TAGGED_LOG_EVENT (42)', () => {
  const tagged = (gno: bigint, sequenceNumber: bigint, ts: bigint): GtidEvent =>
    expected({
      eventType: GTID_TAGGED_LOG_EVENT,
      tag: 't_gtid_tag',
      gno,
      lastCommitted: 7n,
      sequenceNumber,
      immediateCommitTimestamp: ts,
      originalCommitTimestamp: ts,
      transactionLength: 311n,
      immediateServerVersion: 90704,
      originalServerVersion: 90704,
    })

  test("SET gtid_next='AUTOMATIC:t_gtid_tag', first and second transaction", () => {
    const fx = eventFixture('mysql-gtid-tagged-1')
    expect(fx.decoded.join('\n')).toContain(`GTID_NEXT= '${U}:t_gtid_tag:1'`)
    expect(decodeGtidTaggedEvent(eventBody('mysql-gtid-tagged-1'))).toEqual(tagged(1n, 9n, 1795299739906128n))
    expect(decodeGtidTaggedEvent(eventBody('mysql-gtid-tagged-2'))).toEqual(tagged(2n, 10n, 1795299739906350n))
  })

  test('the decoded GTID is what @@gtid_executed lists', () => {
    const e = decodeGtidTaggedEvent(eventBody('mysql-gtid-tagged-2'))
    expect(MysqlGtidSet.parse(`${U}:1-8:t_gtid_tag:1-2`).contains(e)).toBe(true)
  })

  test('every truncation is a DecodeError', () => {
    for (const prefix of prefixes(eventBody('mysql-gtid-tagged-1'))) {
      expect(() => decodeGtidTaggedEvent(prefix)).toThrow(DecodeError)
    }
  })

  /** A tagged event body built field by field, for the cases the server never wrote for us. */
  function message(fields: [number, Buffer][], lastNonIgnorable = 0n, trailing = Buffer.alloc(0)): Buffer {
    const payload = Buffer.concat([encodeVarUint(lastNonIgnorable), ...fields.flatMap(([id, data]) => [encodeVarUint(BigInt(id)), data])])
    // The size counts the version byte and itself; find the fixpoint as the server does.
    let size = payload.length + 2
    while (1 + encodeVarUint(BigInt(size)).length + payload.length !== size) {
      size = 1 + encodeVarUint(BigInt(size)).length + payload.length
    }
    return Buffer.concat([encodeVarUint(1n), encodeVarUint(BigInt(size)), payload, trailing])
  }
  const uuidField = Buffer.concat([...Buffer.from(U.replaceAll('-', ''), 'hex')].map((b) => encodeVarUint(BigInt(b))))
  const tagField = (t: string) => Buffer.concat([encodeVarUint(BigInt(t.length)), Buffer.from(t)])
  const base: [number, Buffer][] = [
    [0, encodeVarUint(1n)],
    [1, uuidField],
    [2, encodeVarInt(42n)],
    [3, tagField('Abc')],
    [4, encodeVarInt(3n)],
    [5, encodeVarInt(4n)],
    [6, encodeVarUint(1795299739906128n)],
    [8, encodeVarUint(500n)],
    [9, encodeVarUint(90704n)],
  ]

  test('our message builder reproduces the captured body', () => {
    const real = eventBody('mysql-gtid-tagged-1')
    const rebuilt = message([
      [0, encodeVarUint(0n)],
      [1, uuidField],
      [2, encodeVarInt(1n)],
      [3, tagField('t_gtid_tag')],
      [4, encodeVarInt(7n)],
      [5, encodeVarInt(9n)],
      [6, encodeVarUint(1795299739906128n)],
      [8, encodeVarUint(311n)],
      [9, encodeVarUint(90704n)],
    ])
    expect(rebuilt.toString('hex')).toBe(real.toString('hex'))
  })

  test('optional fields: original timestamp and version, commit group ticket', () => {
    const fields: [number, Buffer][] = [
      ...base,
      [7, encodeVarUint(1795299700000000n)],
      [10, encodeVarUint(80036n)],
      [11, encodeVarUint(9n)],
    ]
    const e = decodeGtidTaggedEvent(message(fields.sort((a, b) => a[0] - b[0])))
    expect(e).toMatchObject({
      flags: 1,
      mayHaveSbr: true,
      gno: 42n,
      tag: 'abc',
      immediateCommitTimestamp: 1795299739906128n,
      originalCommitTimestamp: 1795299700000000n,
      immediateServerVersion: 90704,
      originalServerVersion: 80036,
      commitGroupTicket: 9n,
    })
  })

  test('fields of newer servers are skipped; unknown non-ignorable ones refused', () => {
    const newer = message([...base, [12, encodeVarUint(7n)], [13, Buffer.from('0aabbc', 'hex')]])
    expect(decodeGtidTaggedEvent(newer)).toMatchObject({ gno: 42n, transactionLength: 500n })
    expect(() => decodeGtidTaggedEvent(message(base, 14n))).toThrow('needs field 13')
    expect(decodeGtidTaggedEvent(message(base, 12n)).gno).toBe(42n)
  })

  test('bytes after the message are ignored, as the server does', () => {
    expect(decodeGtidTaggedEvent(message(base, 0n, Buffer.from('ffff', 'hex'))).gno).toBe(42n)
  })

  test('malformed messages are DecodeErrors', () => {
    const good = message(base)
    const wrongVersion = Buffer.from(good)
    wrongVersion[0] = 0x04 // version 2
    expect(() => decodeGtidTaggedEvent(wrongVersion)).toThrow('serialization format 2')
    const tooLong = Buffer.from(good)
    tooLong[1] = good[1] + 2 // size beyond the body
    expect(() => decodeGtidTaggedEvent(tooLong)).toThrow(DecodeError)
    expect(() => decodeGtidTaggedEvent(message(base.filter(([id]) => id !== 2)))).toThrow('without flags, uuid, gno or tag')
    expect(() => decodeGtidTaggedEvent(message([...base.slice(0, 3), [2, encodeVarInt(1n)]]))).toThrow(DecodeError)
    expect(() => decodeGtidTaggedEvent(message(base.map(([id, d]) => [id, id === 2 ? encodeVarInt(0n) : d])))).toThrow('invalid gno 0')
    expect(() => decodeGtidTaggedEvent(message(base.map(([id, d]) => [id, id === 3 ? tagField('9x') : d])))).toThrow(DecodeError)
    expect(() => decodeGtidTaggedEvent(message(base.map(([id, d]) => [id, id === 0 ? encodeVarUint(256n) : d])))).toThrow(DecodeError)
  })
})
