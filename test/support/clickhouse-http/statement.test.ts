// readStatement on its own: statement boundaries, INSERT heads and their data, output formats.

import { describe, expect, test } from 'bun:test'
import { ClickHouseError } from './errors.ts'
import { QueryText } from './query-text.ts'
import { readStatement, type Statement } from './statement.ts'

const encode = (s: string): Uint8Array => new TextEncoder().encode(s)
const decode = (b: Uint8Array | undefined): string => new TextDecoder().decode(b)

function read(query: string | null, body = ''): Statement {
  const text = QueryText.of(query, encode(body))
  return readStatement(text.head(1 << 20), (offset) => text.rest(offset))
}

function refusal(query: string): string {
  try {
    read(null, query)
  } catch (error) {
    if (error instanceof ClickHouseError) return `${error.code} ${error.type}: ${error.message}`
    throw error
  }
  throw new Error(`accepted: ${query}`)
}

describe('readStatement', () => {
  test('an INSERT from the URL takes the body as data, exactly', () => {
    const s = read('INSERT INTO db.t (a, b) FORMAT RowBinary', '\x00\x01;\n\nSELECT 1')
    expect(s.kind).toBe('INSERT')
    expect(decode(s.insert?.data)).toBe('\x00\x01;\n\nSELECT 1')
    expect(s.insert?.fromFile('/tmp/x')).toBe("INSERT INTO db.t (a, b) FROM INFILE '/tmp/x' COMPRESSION 'none' FORMAT RowBinary")
  })

  test('data starts after spaces and one line break after the format name', () => {
    expect(decode(read(null, 'INSERT INTO t FORMAT CSV \t\r\n\n1,2\n').insert?.data)).toBe('\n1,2\n')
    expect(decode(read(null, 'INSERT INTO t FORMAT CSV 1,2').insert?.data)).toBe('1,2')
    expect(decode(read('INSERT INTO t FORMAT CSV', '').insert?.data)).toBe('')
  })

  test('FROM INFILE goes before a SETTINGS clause; VALUES becomes FORMAT Values', () => {
    const settings = read(null, 'INSERT INTO `odd name`.t SETTINGS async_insert = 0 FORMAT JSONEachRow\n{"a":1}')
    expect(settings.insert?.fromFile('/f')).toBe(
      "INSERT INTO `odd name`.t FROM INFILE '/f' COMPRESSION 'none' SETTINGS async_insert = 0 FORMAT JSONEachRow",
    )
    expect(decode(settings.insert?.data)).toBe('{"a":1}')
    const values = read(null, "INSERT INTO t (settings, format) VALUES /* c */ (1, 'x;y')")
    expect(values.insert?.fromFile('/f')).toBe("INSERT INTO t (settings, format) FROM INFILE '/f' COMPRESSION 'none' FORMAT Values")
    expect(decode(values.insert?.data)).toBe("(1, 'x;y')")
    const fn = read(null, "INSERT INTO TABLE FUNCTION file('x.csv', 'CSV', 'a UInt8') FORMAT CSV\n1")
    expect(fn.insert?.fromFile('/f')).toBe(
      "INSERT INTO TABLE FUNCTION file('x.csv', 'CSV', 'a UInt8') FROM INFILE '/f' COMPRESSION 'none' FORMAT CSV",
    )
  })

  test('INSERT … SELECT runs as plain SQL', () => {
    expect(read(null, 'INSERT INTO t SELECT 1 FORMAT TSV')).toEqual({ kind: 'INSERT', outputFormat: 'TSV' })
  })

  test('the output format is the last top-level FORMAT clause', () => {
    expect(read(null, 'SELECT 1 FORMAT JSONEachRow')).toEqual({ kind: 'SELECT', outputFormat: 'JSONEachRow' })
    expect(read(null, 'SELECT 1 FORMAT JSON SETTINGS max_threads = 1;')).toEqual({ kind: 'SELECT', outputFormat: 'JSON' })
    expect(read(null, 'SELECT format FROM t')).toEqual({ kind: 'SELECT' })
    expect(read(null, 'SELECT * FROM (SELECT 1 FORMAT CSV)')).toEqual({ kind: 'SELECT' })
    expect(read(null, "(SELECT 'FORMAT CSV') -- FORMAT TSV")).toEqual({ kind: 'SELECT' })
  })

  test('semicolons inside literals, identifiers and comments do not end the statement', () => {
    expect(read(null, "SELECT ';', `;`, \";\", $$;$$, 'it''s;' /* ; /* ; */ ; */ # ;\n; -- ; more")).toEqual({ kind: 'SELECT' })
  })

  test('refuses a second statement, an empty text, INFILE, OUTFILE and a ; before INSERT data', () => {
    expect(refusal('SELECT 1; SELECT 2')).toBe(
      '62 SYNTAX_ERROR: Syntax error (Multi-statements are not allowed): failed at position 9 (end of query): ; SELECT 2.',
    )
    expect(refusal('  /* only a comment */ ')).toBe('62 SYNTAX_ERROR: Empty query.')
    expect(refusal("INSERT INTO t FROM INFILE 'x' FORMAT CSV")).toBe(
      '78 UNKNOWN_TYPE_OF_QUERY: Query has infile and was send directly to server',
    )
    expect(refusal("SELECT 1 INTO OUTFILE 'x'")).toBe('358 INTO_OUTFILE_NOT_ALLOWED: INTO OUTFILE is not allowed')
    expect(refusal('INSERT INTO t FORMAT CSV;1')).toBe("62 SYNTAX_ERROR: You have excessive ';' symbol before data for INSERT.")
  })

  test('refuses an INSERT head that is not UTF-8 rather than altering it', () => {
    const insert = new Uint8Array([...encode('INSERT INTO t'), 0xff, ...encode(' FORMAT CSV\n1')])
    expect(() => readStatement(insert, (o) => insert.subarray(o))).toThrow('not valid UTF-8')
  })
})

describe('QueryText', () => {
  test('joins the URL query and the body with a newline, slicing the body without copying it', () => {
    const body = encode('body')
    const text = new QueryText(encode('url'), body)
    expect([text.length, decode(text.all()), decode(text.head(5)), decode(text.rest(2)), decode(text.rest(5))]).toEqual([
      8,
      'url\nbody',
      'url\nb',
      'l\nbody',
      'ody',
    ])
    expect(text.rest(5).buffer).toBe(body.buffer)
  })
})
