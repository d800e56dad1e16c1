// Captures the binary JSON fixtures of test/binlog/json/fixtures from the real MySQL 9.7:
//   bash test/servers/up mysql && bun test/binlog/json/capture.ts
// Each case's SQL runs against database t_json_cap; the JSON bytes are cut out of the rows event
// the server wrote (read straight from its binlog file, see support/binlog-capture.ts), and
// stored as hex with the text `SELECT j` returned for the same row. The events can be
// cross-checked with, for example:
//   chroot /var/cache/chsync/sid-root mysqlbinlog --hexdump -vv --start-position=<event_pos> \
//     --stop-position=<next> /var/lib/t-mysql/<file>

import { writeFileSync } from 'node:fs'
import type { Connection } from 'mysql2/promise'
import { binlogPosition, connectMysql, readRowsEvents, type ColumnBytes } from './support/binlog-capture.ts'

const DB = 't_json_cap'
const FIXTURES = `${import.meta.dir}/fixtures`

const SETUP = [
  `DROP DATABASE IF EXISTS ${DB}`,
  `CREATE DATABASE ${DB}`,
  `CREATE TABLE ${DB}.docs (id INT NOT NULL PRIMARY KEY, j JSON NOT NULL)`,
  `CREATE TABLE ${DB}.src (id INT PRIMARY KEY, ts TIMESTAMP(6) NULL, ts0 TIMESTAMP NULL, bitcol BIT(10), blobcol BLOB,
     bin BINARY(3), varbin VARBINARY(10), yr YEAR)`,
  `INSERT INTO ${DB}.src VALUES (1, '2021-03-04 05:06:07.123456', '2038-01-19 03:14:07', b'1010000001', x'00010203',
     x'616263', x'ff00', 2024)`,
  `CREATE TABLE ${DB}.upd (id INT NOT NULL PRIMARY KEY, j JSON, k JSON)`,
  'SET SESSION cte_max_recursion_depth = 100000',
  "SET SESSION time_zone = '+00:00'",
]

const seq = (n: number) => `(WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${n}) SELECT n FROM seq) s`

// Documents: [name, SQL expression for j] or [name, full INSERT statement using {id}].
const DOCUMENTS: [string, string][] = [
  ['literal true', `CAST('true' AS JSON)`],
  ['literal false', `CAST('false' AS JSON)`],
  ['literal null', `CAST('null' AS JSON)`],
  ['top-level int16', `CAST('-7' AS JSON)`],
  ['top-level int32', `CAST('100000' AS JSON)`],
  ['top-level int64', `CAST('-9223372036854775808' AS JSON)`],
  ['top-level uint64', `CAST('18446744073709551615' AS JSON)`],
  ['top-level uint16', `CAST(CAST(7 AS UNSIGNED) AS JSON)`],
  ['top-level double', `CAST('1.0' AS JSON)`],
  ['top-level string', `CAST('"hello"' AS JSON)`],
  ['top-level decimal', `CAST(CAST('-1.50' AS DECIMAL(10,2)) AS JSON)`],
  ['top-level date', `CAST(CAST('2020-01-02' AS DATE) AS JSON)`],
  ['top-level opaque', `CAST(x'00ff' AS JSON)`],
  ['empty object', `CAST('{}' AS JSON)`],
  ['empty array', `CAST('[]' AS JSON)`],
  ['nested empties', `CAST('{"a": {}, "b": [], "c": [[], {}, [[]]]}' AS JSON)`],
  [
    'signed integers',
    'JSON_ARRAY(0, 1, -1, 32767, -32768, 32768, -32769, 2147483647, -2147483648, 2147483648, -2147483649, ' +
      '9007199254740993, 9223372036854775807, -9223372036854775808)',
  ],
  [
    'unsigned integers',
    'JSON_ARRAY(CAST(0 AS UNSIGNED), CAST(65535 AS UNSIGNED), CAST(65536 AS UNSIGNED), CAST(4294967295 AS UNSIGNED), ' +
      'CAST(4294967296 AS UNSIGNED), CAST(9007199254740993 AS UNSIGNED), 18446744073709551615)',
  ],
  ['parsed big integers', `CAST('[9223372036854775807, 9223372036854775808, 18446744073709551615, -9223372036854775808]' AS JSON)`],
  [
    'doubles parsed',
    `CAST('[1.0, 1e300, 0.1, -0.0, 1E-7, 123456789012345678901234567890, 1e15, 1e16, 123456789012345.6, ` +
      `1234567890123456.7, 0.0001, 0.00001, 1e-14, 1e-15, 1e-16, 18446744073709551616, -9223372036854775809, ` +
      `3.0e0, 1.5e-300, 5e-324, 1.7976931348623157e308, -2.5, 100e0, 12345678901234567e0, 0.000123456789]' AS JSON)`,
  ],
  ['doubles computed', 'JSON_ARRAY(0.1e0 + 0.2e0, PI(), -1.5e-300, 1e0 / 3e0, 2e0 * 1e22, 1e21, 1e-5 * 3)'],
  [
    'decimals',
    `JSON_ARRAY(CAST('-1.50' AS DECIMAL(10,2)), 0.5, CAST(0 AS DECIMAL(5,2)), ` +
      `CAST('12345678901234567890123456789.123456789' AS DECIMAL(65,9)), ` +
      `CAST('-99999999999999999999999999999999999.999999999999999999999999999999' AS DECIMAL(65,30)), ` +
      `CAST(7 AS DECIMAL(1,0)), CAST('-0.000000001' AS DECIMAL(30,20)), CAST(123456789 AS DECIMAL(9,0)), ` +
      `CAST('1234567890.0987654321' AS DECIMAL(20,10)))`,
  ],
  [
    'dates and times',
    `JSON_OBJECT('d', CAST('2020-01-02' AS DATE), 'd0', CAST('0001-01-01' AS DATE), 'd9', CAST('9999-12-31' AS DATE), ` +
      `'t', CAST('-838:59:59' AS TIME), 't1', CAST('-00:00:01.5' AS TIME(1)), 't2', CAST('123:04:05.000007' AS TIME(6)), ` +
      `'t3', CAST('00:00:00' AS TIME), 't4', CAST('838:59:58.999999' AS TIME(6)), ` +
      `'dt', CAST('2020-01-02 03:04:05.5' AS DATETIME(1)), 'dt6', CAST('9999-12-31 23:59:59.999999' AS DATETIME(6)), ` +
      `'dt0', CAST('1000-01-01 00:00:00' AS DATETIME))`,
  ],
  ['timestamps', `INSERT INTO ${DB}.docs SELECT {id}, JSON_ARRAY(ts, ts0) FROM ${DB}.src WHERE id = 1`],
  ['column opaques', `INSERT INTO ${DB}.docs SELECT {id}, JSON_ARRAY(bitcol, blobcol, bin, varbin, yr) FROM ${DB}.src WHERE id = 1`],
  ['binary strings', `JSON_ARRAY(x'', x'00ff', CAST(REPEAT('a', 100) AS BINARY), CAST(REPEAT('xyz', 60) AS BINARY))`],
  [
    'strings',
    `JSON_ARRAY('', 'plain', 'a"b\\\\c', CONVERT(CONCAT('x', CHAR(0), CHAR(1), CHAR(8), CHAR(9), CHAR(10), CHAR(11), ` +
      `CHAR(12), CHAR(13), CHAR(27), CHAR(31), CHAR(127), '/') USING utf8mb4), '😀é中文', ` +
      `CONVERT(x'e280a8e280a9c2a0' USING utf8mb4), 'it''s')`,
  ],
  ['string of 127 bytes', `JSON_ARRAY(REPEAT('a', 127))`],
  ['string of 128 bytes', `JSON_ARRAY(REPEAT('b', 128))`],
  ['string of 16383 bytes', `JSON_ARRAY(REPEAT('c', 16383))`],
  ['string of 16384 bytes', `JSON_ARRAY(REPEAT('d', 16384))`],
  ['string of 20000 bytes, unicode', `JSON_OBJECT('s', REPEAT('é😀', 3333))`],
  ['key order', `CAST('{"b": 1, "a": 2, "aa": 3, "10": 4, "2": 5, "": 6, "é": 7, "😀": 8, "z": 9, "ab": 10, "A": 11}' AS JSON)`],
  ['unicode keys', `JSON_OBJECT('ключ', 1, 'キー', JSON_OBJECT('鍵', true), '😀', null, 'a\\tb', 'tab key', 'q"uote', 2)`],
  [
    'small mixed',
    `CAST('{"id": 42, "name": "Ada", "tags": ["x", "y"], "ok": true, "none": null, "score": 9.5, ` +
      `"nested": {"list": [1, [2, [3, {"deep": "yes"}]]], "obj": {"k": false}}}' AS JSON)`,
  ],
  ['depth 100', `CAST(CONCAT(REPEAT('[', 99), '{"deep": true}', REPEAT(']', 99)) AS JSON)`],
  [
    'large object',
    `INSERT INTO ${DB}.docs SELECT {id}, JSON_OBJECTAGG(CONCAT('key', n), JSON_EXTRACT(JSON_ARRAY(n * 100000, n, ` +
      `CONCAT('value ', n), n / 7e0, n % 2 = 0, JSON_ARRAY(n, -n * 70000, CAST(n AS UNSIGNED) * 100000, NULL), NULL), ` +
      `CONCAT('$[', n % 7, ']'))) FROM ${seq(6000)}`,
  ],
  [
    'large array',
    `INSERT INTO ${DB}.docs SELECT {id}, JSON_ARRAYAGG(JSON_EXTRACT(JSON_ARRAY(n * 100000, -n, CONCAT('item ', n), ` +
      `JSON_OBJECT('n', n, 'half', n / 2e0), n = 4, CAST(n * 1000000 AS UNSIGNED)), CONCAT('$[', n % 6, ']'))) ` +
      `FROM ${seq(12000)}`,
  ],
  ['large because of one string', `JSON_OBJECT('big', REPEAT('0123456789', 7000), 'small', 1, 'i32', 2000000)`],
  ['empty value from INSERT IGNORE of NULL', `INSERT IGNORE INTO ${DB}.docs VALUES ({id}, NULL)`],
]

// Partial updates: [name, before (j, k), UPDATE statement using {id}].
const BASE =
  '{"a": 1, "b": [1, 2, 3, "four", {"five": 5}], "c": "a string long enough that a partial update is smaller", ' +
  '"d": {"e": {"f": [10, 20, 30]}, "g": null}, "a b": "quoted key", "é": "unicode key", "n": 1.5, ' +
  '"q\\"uote": 0, "arr": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]}'
const BASE_K = '[1, 2, 3, "a fairly long string so that a diff is shorter than the whole document", {"x": 1}]'
const upd = (set: string) => `UPDATE ${DB}.upd SET ${set} WHERE id = {id}`

const PARTIAL: [string, [string, string | null], string][] = [
  ['replace a member', [BASE, BASE_K], upd(`j = JSON_SET(j, '$.a', 5)`)],
  ['replace with JSON_REPLACE', [BASE, BASE_K], upd(`j = JSON_REPLACE(j, '$.c', 'short')`)],
  ['replace with a longer string', [BASE, BASE_K], upd(`j = JSON_REPLACE(j, '$.a', REPEAT('L', 40))`)],
  ['insert a member', [BASE, BASE_K], upd(`j = JSON_SET(j, '$.zz', 'new')`)],
  ['insert a member between others', [BASE, BASE_K], upd(`j = JSON_SET(j, '$.ab', 1, '$.B', 2)`)],
  ['remove a member', [BASE, BASE_K], upd(`j = JSON_REMOVE(j, '$.a')`)],
  ['remove an array cell', [BASE, BASE_K], upd(`j = JSON_REMOVE(j, '$.b[1]')`)],
  ['replace deep inside', [BASE, BASE_K], upd(`j = JSON_SET(j, '$.d.e.f[2]', 300)`)],
  ['set past the end of an array', [BASE, BASE_K], upd(`j = JSON_SET(j, '$.b[10]', 'appended')`)],
  ['set the last cell', [BASE, BASE_K], upd(`j = JSON_SET(j, '$.arr[last]', 'last')`)],
  ['remove from the end', [BASE, BASE_K], upd(`j = JSON_REMOVE(j, '$.arr[last-1]', '$.arr[last]')`)],
  ['quoted keys', [BASE, BASE_K], upd(`j = JSON_SET(j, '$."a b"', 'x', '$."q\\\\"uote"', 1, '$."new key"', 2)`)],
  ['unicode key', [BASE, BASE_K], upd(`j = JSON_SET(j, '$."é"', 'y', '$.キー', 'z')`)],
  [
    'several operations',
    [BASE, BASE_K],
    upd(
      `j = JSON_SET(JSON_REMOVE(j, '$.a', '$.b[0]'), '$.d.g', JSON_OBJECT('h', 1), '$.new', CAST('2020-01-02' AS DATE), ` +
        `'$.n', 2.5e0, '$.dec', CAST('-1.50' AS DECIMAL(10,2)), '$.b[0]', 'first')`,
    ),
  ],
  ['replace an object by an array', [BASE, BASE_K], upd(`j = JSON_REPLACE(j, '$.b[4]', JSON_ARRAY(5, '5', 5.5e0))`)],
  ['remove a nested object', [BASE, BASE_K], upd(`j = JSON_REMOVE(j, '$.d.e')`)],
  ['both JSON columns', [BASE, BASE_K], upd(`j = JSON_SET(j, '$.a', 2), k = JSON_REMOVE(k, '$[0]')`)],
  ['top-level array', [BASE, BASE_K], upd(`k = JSON_SET(k, '$[1]', 'two', '$[9]', 'appended')`)],
  ['escapes in values', [BASE, BASE_K], upd(`j = JSON_SET(j, '$.c', CONVERT(CONCAT('tab', CHAR(9), 'nul', CHAR(0)) USING utf8mb4))`)],
  ['a path that does not exist', [BASE, BASE_K], upd(`j = JSON_SET(j, '$.x.y', 1, '$.a', 7)`)],
  ['small document written in full', ['{"a": 1}', '[1]'], upd(`j = JSON_SET(j, '$.a', 2)`)],
  ['whole document replaced', [BASE, BASE_K], upd(`j = JSON_SET(j, '$', JSON_OBJECT('x', 1))`)],
  ['other function: JSON_ARRAY_APPEND', [BASE, BASE_K], upd(`j = JSON_ARRAY_APPEND(j, '$.b', 'x')`)],
  ['NULL k stays NULL', [BASE, null], upd(`j = JSON_SET(j, '$.a', 3)`)],
]

async function main(): Promise<void> {
  const conn = await connectMysql()
  const [[version]] = (await conn.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]]
  for (const sql of SETUP) await conn.query(sql)

  const documents = []
  let id = 0
  for (const [name, expr] of DOCUMENTS) {
    id++
    const sql = expr.startsWith('INSERT') ? expr.replace('{id}', String(id)) : `INSERT INTO ${DB}.docs VALUES (${id}, ${expr})`
    const from = await binlogPosition(conn)
    await conn.query(sql)
    const to = await binlogPosition(conn)
    const events = readRowsEvents(from, to, DB, 'docs')
    const j = single(events, name).after!.columns[1]
    const [rows] = await conn.query(`SELECT j FROM ${DB}.docs WHERE id = ?`, [id])
    documents.push({
      name,
      sql,
      binlog: { file: from.file, event_pos: events[0].pos },
      hex: hex(j),
      select: (rows as { j: string }[])[0].j,
    })
  }

  const partial = []
  id = 0
  await conn.query(`SET SESSION binlog_row_value_options = 'PARTIAL_JSON'`)
  for (const [name, [j, k], template] of PARTIAL) {
    id++
    const insert = `INSERT INTO ${DB}.upd VALUES (${id}, ${quote(j)}, ${k === null ? 'NULL' : quote(k)})`
    await conn.query(insert)
    const beforeSelect = await selectUpd(conn, id)
    const sql = template.replaceAll('{id}', String(id))
    const from = await binlogPosition(conn)
    await conn.query(sql)
    const to = await binlogPosition(conn)
    const events = readRowsEvents(from, to, DB, 'upd')
    const afterSelect = await selectUpd(conn, id)
    const entry: Record<string, unknown> = { name, insert, sql, select_before: beforeSelect, select_after: afterSelect }
    if (events.length === 0) entry.event = null
    else {
      const row = single(events, name)
      const after = row.after!
      entry.event = {
        file: from.file,
        event_pos: events[0].pos,
        type: events[0].type,
        value_options: after.valueOptions,
        partial_bits: after.partialBits,
        before: { j: hex(row.before![1]), k: hex(row.before![2]) },
        after: { j: hex(after.columns[1]), k: hex(after.columns[2]) },
      }
    }
    partial.push(entry)
  }
  await conn.end()

  const header = (what: string) => ({
    about: what,
    server: `MySQL ${version.v} at 127.0.0.1:33307 (test/servers/up), binlog_row_image=FULL`,
    captured_by: 'bun test/binlog/json/capture.ts',
    setup: SETUP,
  })
  const small = documents.filter((d) => d.hex!.length <= 20000)
  const large = documents.filter((d) => d.hex!.length > 20000)
  write('documents.json', {
    ...header('JSON column values of WRITE_ROWS events (hex, without the 4-byte length) and what SELECT j returned'),
    cases: small,
  })
  write('large-documents.json', { ...header('as documents.json, for documents over 10 KB'), cases: large })
  write('partial-updates.json', {
    ...header(
      'UPDATEs with binlog_row_value_options=PARTIAL_JSON: before/after column bytes of the PARTIAL_UPDATE_ROWS event ' +
        '(hex, without the 4-byte length; in the after image a column whose partial bit is set holds the diff list), ' +
        'and SELECT j, k before and after. partial_bits: bit 0 = j, bit 1 = k.',
    ),
    cases: partial,
  })
}

function single(events: ReturnType<typeof readRowsEvents>, name: string) {
  if (events.length !== 1 || events[0].rows.length !== 1) {
    throw new Error(`case ${name}: expected one rows event with one row, got ${events.length} events`)
  }
  return events[0].rows[0]
}

async function selectUpd(conn: Connection, id: number): Promise<{ j: string | null; k: string | null }> {
  const [rows] = await conn.query(`SELECT j, k FROM ${DB}.upd WHERE id = ?`, [id])
  return (rows as { j: string | null; k: string | null }[])[0]
}

function hex(b: ColumnBytes): string | null {
  return b === null ? null : b.toString('hex')
}

function quote(s: string): string {
  return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
}

function write(file: string, data: unknown): void {
  writeFileSync(`${FIXTURES}/${file}`, JSON.stringify(data, null, 1) + '\n')
  console.log(`wrote ${FIXTURES}/${file}`)
}

await main()
