// decodeJson and jsonText on binary JSON captured from MySQL 9.7 (fixtures/*.json, made by
// capture.ts): the text must equal what `SELECT j` returned for the same row, character for character.

import { describe, expect, test } from 'bun:test'
import {
  decodeJson,
  JsonDecimal,
  JsonDouble,
  JsonInt,
  JsonOpaque,
  JsonTemporal,
  JsonUint,
  jsonText,
  type JsonObject,
  type JsonValue,
} from '../../../src/binlog/values/json/index.ts'
import { ALL_DOCUMENTS, bytesOf, documentCase } from './support/fixtures.ts'

const decoded = (name: string): JsonValue => decodeJson(bytesOf(documentCase(name).hex))

describe('every captured document prints as SELECT printed it', () => {
  for (const c of ALL_DOCUMENTS) {
    test(c.name, () => {
      expect(jsonText(decodeJson(bytesOf(c.hex)))).toBe(c.select)
    })
  }
})

describe('node types', () => {
  test('each top-level type byte the fixtures cover', () => {
    const firstByte = (name: string) => documentCase(name).hex.slice(0, 2)
    expect(firstByte('empty object')).toBe('00')
    expect(firstByte('large object')).toBe('01')
    expect(firstByte('empty array')).toBe('02')
    expect(firstByte('large array')).toBe('03')
    expect(firstByte('literal true')).toBe('04')
    expect(firstByte('top-level int16')).toBe('05')
    expect(firstByte('top-level uint16')).toBe('06')
    expect(firstByte('top-level int32')).toBe('07')
    expect(firstByte('top-level int64')).toBe('09')
    expect(firstByte('top-level uint64')).toBe('0a')
    expect(firstByte('top-level double')).toBe('0b')
    expect(firstByte('top-level string')).toBe('0c')
    expect(firstByte('top-level opaque')).toBe('0f')
  })

  test('literals', () => {
    expect(decoded('literal true')).toBe(true)
    expect(decoded('literal false')).toBe(false)
    expect(decoded('literal null')).toBe(null)
  })

  test('an empty value is JSON null (INSERT IGNORE of NULL into a NOT NULL column)', () => {
    expect(documentCase('empty value from INSERT IGNORE of NULL').hex).toBe('')
    expect(decodeJson(Buffer.alloc(0))).toBe(null)
  })

  test('top-level scalars', () => {
    expect(decoded('top-level int16')).toEqual(new JsonInt(-7))
    expect(decoded('top-level int32')).toEqual(new JsonInt(100000))
    expect(decoded('top-level int64')).toEqual(new JsonInt(-9223372036854775808n))
    expect(decoded('top-level uint64')).toEqual(new JsonUint(18446744073709551615n))
    expect(decoded('top-level uint16')).toEqual(new JsonUint(7))
    expect(decoded('top-level double')).toEqual(new JsonDouble(1))
    expect(decoded('top-level string')).toBe('hello')
    expect(decoded('top-level decimal')).toEqual(new JsonDecimal('-1.50', 11, 2))
    expect(decoded('top-level date')).toEqual(new JsonTemporal(10, '2020-01-02'))
    expect(decoded('top-level opaque')).toEqual(new JsonOpaque(15, Buffer.from([0x00, 0xff])))
  })

  test('signed integers keep int16/int32 as numbers and int64 as bigint', () => {
    expect(decoded('signed integers')).toEqual([
      new JsonInt(0),
      new JsonInt(1),
      new JsonInt(-1),
      new JsonInt(32767),
      new JsonInt(-32768),
      new JsonInt(32768),
      new JsonInt(-32769),
      new JsonInt(2147483647),
      new JsonInt(-2147483648),
      new JsonInt(2147483648n),
      new JsonInt(-2147483649n),
      new JsonInt(9007199254740993n),
      new JsonInt(9223372036854775807n),
      new JsonInt(-9223372036854775808n),
    ])
  })

  test('unsigned integers (uint16 inlined, uint32 and uint64 stored apart in the small format)', () => {
    const hex = documentCase('unsigned integers').hex
    // value entries: 06ffff = inlined uint16 65535, 08.... = uint32 at an offset, 0a.... = uint64
    expect(hex).toContain('06ffff')
    expect(hex).toContain('081900')
    expect(decoded('unsigned integers')).toEqual([
      new JsonUint(0),
      new JsonUint(65535),
      new JsonUint(65536),
      new JsonUint(4294967295),
      new JsonUint(4294967296n),
      new JsonUint(9007199254740993n),
      new JsonUint(18446744073709551615n),
    ])
  })

  test('positive integers parsed from text beyond 32 bits become uint64', () => {
    expect(decoded('parsed big integers')).toEqual([
      new JsonUint(9223372036854775807n),
      new JsonUint(9223372036854775808n),
      new JsonUint(18446744073709551615n),
      new JsonInt(-9223372036854775808n),
    ])
  })

  test('doubles are doubles, even integral ones', () => {
    const values = decoded('doubles parsed') as JsonDouble[]
    expect(values.every((v) => v instanceof JsonDouble)).toBe(true)
    expect(values.slice(0, 4).map((v) => v.value)).toEqual([1, 1e300, 0.1, -0])
    expect(Object.is(values[3].value, -0)).toBe(true)
  })

  test('decimals keep their exact digits; precision is what the server stored (whole 9-digit groups)', () => {
    expect(decoded('decimals')).toEqual([
      new JsonDecimal('-1.50', 11, 2),
      new JsonDecimal('0.5', 2, 1),
      new JsonDecimal('0.00', 11, 2),
      new JsonDecimal('12345678901234567890123456789.123456789', 45, 9),
      new JsonDecimal('-99999999999999999999999999999999999.999999999999999999999999999999', 66, 30),
      new JsonDecimal('7', 9, 0),
      new JsonDecimal('-0.00000000100000000000', 29, 20),
      new JsonDecimal('123456789', 9, 0),
      new JsonDecimal('1234567890.0987654321', 28, 10),
    ])
  })

  test('dates, times and datetimes', () => {
    const o = decoded('dates and times') as JsonObject
    expect(o.get('d')).toEqual(new JsonTemporal(10, '2020-01-02'))
    expect(o.get('d0')).toEqual(new JsonTemporal(10, '0001-01-01'))
    expect(o.get('t')).toEqual(new JsonTemporal(11, '-838:59:59.000000'))
    expect(o.get('t1')).toEqual(new JsonTemporal(11, '-00:00:01.500000'))
    expect(o.get('t2')).toEqual(new JsonTemporal(11, '123:04:05.000007'))
    expect(o.get('dt')).toEqual(new JsonTemporal(12, '2020-01-02 03:04:05.500000'))
    expect(o.get('dt6')).toEqual(new JsonTemporal(12, '9999-12-31 23:59:59.999999'))
  })

  test('timestamps from TIMESTAMP columns', () => {
    expect(decoded('timestamps')).toEqual([
      new JsonTemporal(7, '2021-03-04 05:06:07.123456'),
      new JsonTemporal(7, '2038-01-19 03:14:07.000000'),
    ])
  })

  test('opaque values of columns keep field type and bytes', () => {
    expect(decoded('column opaques')).toEqual([
      new JsonOpaque(16, Buffer.from([0x02, 0x81])), // BIT(10)
      new JsonOpaque(252, Buffer.from([0, 1, 2, 3])), // BLOB
      new JsonOpaque(254, Buffer.from('abc')), // BINARY(3)
      new JsonOpaque(15, Buffer.from([0xff, 0x00])), // VARBINARY
      new JsonUint(2024), // YEAR becomes an unsigned integer
    ])
  })

  test('string sizes take 1, 2 and 3 bytes', () => {
    // type 0c in the entry, then at the value's offset the variable-length size, then the bytes
    expect(documentCase('string of 127 bytes').hex).toContain('7f' + '61'.repeat(8))
    expect(documentCase('string of 128 bytes').hex).toContain('8001' + '62'.repeat(8))
    expect(documentCase('string of 16383 bytes').hex).toContain('ff7f' + '63'.repeat(8))
    expect(documentCase('string of 16384 bytes').hex).toContain('808001' + '64'.repeat(8))
    expect((decoded('string of 16384 bytes') as string[])[0]).toBe('d'.repeat(16384))
    expect((decoded('string of 20000 bytes, unicode') as JsonObject).get('s')).toBe('é😀'.repeat(3333))
  })

  test('object members stay in stored order: by UTF-8 length, then bytes', () => {
    const o = decoded('key order') as JsonObject
    expect([...o.keys()]).toEqual(['', '2', 'A', 'a', 'b', 'z', '10', 'aa', 'ab', 'é', '😀'])
    expect(o.get('10')).toEqual(new JsonInt(4))
  })

  test('unicode keys', () => {
    const o = decoded('unicode keys') as JsonObject
    expect([...o.keys()]).toEqual(['a\tb', '😀', 'q"uote', 'キー', 'ключ'])
    expect((o.get('キー') as JsonObject).get('鍵')).toBe(true)
  })

  test('nesting 100 deep', () => {
    let v = decoded('depth 100')
    let depth = 0
    while (Array.isArray(v)) {
      v = v[0]
      depth++
    }
    expect(depth).toBe(99)
    expect(v).toEqual(new Map([['deep', true]]))
  })

  test('large object: 4-byte offsets, int32 and uint32 inlined in the entries', () => {
    const c = documentCase('large object')
    expect(bytesOf(c.hex).length).toBeGreaterThan(65536)
    expect(c.hex).toContain('0760ae0a00') // key7: int32 700000 inlined in its 5-byte value entry
    const o = decoded('large object') as JsonObject
    expect(o.size).toBe(6000)
    expect(o.get('key7')).toEqual(new JsonInt(700000))
    expect(o.get('key1')).toEqual(new JsonInt(1))
    expect(o.get('key2')).toBe('value 2')
    expect(o.get('key3')).toEqual(new JsonDouble(3 / 7))
    expect(o.get('key4')).toBe(true)
    expect(o.get('key5')).toEqual([new JsonInt(5), new JsonInt(-350000), new JsonUint(500000), null])
    expect(o.get('key6')).toBe(null)
  })

  test('large array', () => {
    const c = documentCase('large array')
    expect(c.hex).toContain('07c0270900') // int32 600000 inlined
    expect(c.hex).toContain('08404b4c00') // uint32 5000000 inlined
    const a = decoded('large array') as JsonValue[]
    expect(a.length).toBe(12000)
    expect(a[0]).toEqual(new JsonInt(-1))
    expect(a[1]).toBe('item 2')
    expect(a[2]).toEqual(
      new Map<string, JsonValue>([
        ['n', new JsonInt(3)],
        ['half', new JsonDouble(1.5)],
      ]),
    )
    expect(a[3]).toBe(true)
    expect(a[4]).toEqual(new JsonUint(5000000))
    expect(a[5]).toEqual(new JsonInt(600000))
  })

  test('a small document made large by one long string', () => {
    const o = decoded('large because of one string') as JsonObject
    expect(documentCase('large because of one string').hex.slice(0, 2)).toBe('01')
    expect(o.get('big')).toBe('0123456789'.repeat(7000))
    expect(o.get('i32')).toEqual(new JsonInt(2000000))
  })

  test('opaque bytes are copied out of the input', () => {
    const bytes = bytesOf(documentCase('top-level opaque').hex)
    const v = decodeJson(bytes) as JsonOpaque
    bytes.fill(0)
    expect(v.bytes).toEqual(Buffer.from([0x00, 0xff]))
  })
})
