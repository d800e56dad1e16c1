// The adapter as chsync sees it: a ClickHouse HTTP endpoint driven by @clickhouse/client.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { ClickHouseError, ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client'
import type { Subprocess } from 'bun'
import { errorCodes } from './errors.ts'

const db = `t_adapter_${process.pid}`
const table = `${db}.rows`
const u64max = 18446744073709551615n

let adapter: Subprocess<'ignore', 'pipe', 'inherit'>
let dataDir: string
let url: string
let client: ClickHouseClient
const logLines: string[] = []

/** Starts the adapter on an ephemeral port and collects its stdout lines. */
async function startAdapter(): Promise<string> {
  adapter = Bun.spawn(['bun', join(import.meta.dir, 'main.ts'), '--port', '0', '--data', dataDir], {
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'inherit',
  })
  const reader = adapter.stdout.getReader()
  const decoder = new TextDecoder()
  let pending = ''
  return await new Promise<string>((resolve, reject) => {
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) {
          reject(new Error(`adapter exited: ${logLines.join(' | ')}`))
          return
        }
        pending += decoder.decode(value, { stream: true })
        const lines = pending.split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) {
          logLines.push(line)
          const m = /^listening on (127\.0\.0\.1:\d+)/.exec(line)
          if (m) resolve(`http://${m[1]}`)
        }
      }
    })()
  })
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 't_adapter_data-'))
  url = await startAdapter()
  client = connect()
  await client.command({ query: `DROP DATABASE IF EXISTS ${db}` })
})

afterAll(async () => {
  await client?.close()
  adapter.kill('SIGTERM')
  expect(await adapter.exited).toBe(0)
  rmSync(dataDir, { recursive: true, force: true })
})

/** A client on the adapter; rejections are asserted, so the client does not log them too. */
function connect(options: Parameters<typeof createClient>[0] = {}): ClickHouseClient {
  return createClient({ url, log: { level: ClickHouseLogLevel.OFF }, ...options })
}

async function rows(query: string, settings: Record<string, string | number> = {}): Promise<unknown[]> {
  const result = await client.query({ query, format: 'JSONEachRow', clickhouse_settings: settings })
  return await result.json()
}

async function rejection(promise: Promise<unknown>): Promise<ClickHouseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof ClickHouseError)) throw new Error(`expected a ClickHouseError, got ${String(error)}`)
  return error
}

/** RowBinary for (Int64, String, UInt64, UInt8): little-endian integers, LEB128 length + bytes. */
function rowBinary(values: Array<[bigint, string, bigint, number]>): Buffer {
  const parts: Buffer[] = []
  for (const [id, name, version, deleted] of values) {
    const fixed = Buffer.alloc(8)
    fixed.writeBigInt64LE(id)
    const text = Buffer.from(name, 'utf8')
    const length: number[] = []
    for (let n = text.length; ; n >>= 7) {
      if (n < 0x80) {
        length.push(n)
        break
      }
      length.push((n & 0x7f) | 0x80)
    }
    const tail = Buffer.alloc(9)
    tail.writeBigUInt64LE(version)
    tail.writeUInt8(deleted, 8)
    parts.push(fixed, Buffer.from(length), text, tail)
  }
  return Buffer.concat(parts)
}

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('clickhouse-http adapter', () => {
  test('answers /ping and GET / with Ok.', async () => {
    expect(await client.ping()).toEqual({ success: true })
    expect(await (await fetch(`${url}/`)).text()).toBe('Ok.\n')
    expect(await (await fetch(`${url}/ping`)).text()).toBe('Ok.\n')
  })

  test('command() creates a database and a ReplacingMergeTree table; DDL answers 200 with an empty body', async () => {
    await client.command({ query: `CREATE DATABASE ${db}` })
    await client.command({
      query: `CREATE TABLE ${table} (id Int64, name String, _version UInt64, _is_deleted UInt8)
              ENGINE = ReplacingMergeTree(_version, _is_deleted) ORDER BY id`,
    })
    expect(await rows(`SELECT engine, sorting_key FROM system.tables WHERE database = '${db}' AND name = 'rows'`)).toEqual([
      { engine: 'ReplacingMergeTree', sorting_key: 'id' },
    ])

    const response = await fetch(`${url}/`, { method: 'POST', body: `CREATE TABLE ${db}.scratch (x UInt8) ENGINE = Memory` })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
    expect(response.headers.get('x-clickhouse-format')).toBeNull()
    await client.command({ query: `ALTER TABLE ${db}.scratch ADD COLUMN y String` })
    expect(await rows(`SELECT name, type FROM system.columns WHERE database = '${db}' AND table = 'scratch' ORDER BY position`)).toEqual([
      { name: 'x', type: 'UInt8' },
      { name: 'y', type: 'String' },
    ])
  })

  test('inserts JSONEachRow and hand-built RowBinary; FINAL shows the surviving rows with exact values', async () => {
    const json = await client.insert({
      table,
      format: 'JSONEachRow',
      values: [
        { id: 1, name: 'first', _version: 1, _is_deleted: 0 },
        { id: 1, name: 'second', _version: 2, _is_deleted: 0 },
        { id: 2, name: 'gone', _version: 1, _is_deleted: 0 },
        { id: 2, name: 'gone', _version: 2, _is_deleted: 1 },
      ],
    })
    expect(json.summary?.written_rows).toBe('4')

    const binary = rowBinary([
      [-7n, 'tab\there ç€', u64max, 0],
      [1n, 'third', 3n, 0],
    ])
    const exec = await client.exec({ query: `INSERT INTO ${table} FORMAT RowBinary`, values: Readable.from([binary]) })
    await drain(exec.stream)
    expect(exec.summary?.written_rows).toBe('2')

    const final = await client.query({
      query: `SELECT * FROM ${table} FINAL ORDER BY id`,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
    })
    expect(await final.text()).toBe(
      '{"id":"-7","name":"tab\\there ç€","_version":"18446744073709551615","_is_deleted":0}\n' +
        '{"id":"1","name":"third","_version":"3","_is_deleted":0}\n',
    )
  })

  test('INSERT data goes to the engine byte for byte and is never read as SQL', async () => {
    // chDB reading inline data would stop at the blank line and run the rest as a statement.
    const body = '{"id":20,"name":"a","_version":1,"_is_deleted":0}\n\n{"id":21,"name":"b","_version":1,"_is_deleted":0}\n'
    await drain(
      (await client.exec({ query: `INSERT INTO ${table} SETTINGS async_insert = 0 FORMAT JSONEachRow`, values: Readable.from([body]) }))
        .stream,
    )
    await client.command({ query: `INSERT INTO ${table} VALUES (22, 'semi;colon', 1, 0), (23, '', 1, 0)` })
    expect(await rows(`SELECT id, name FROM ${table} FINAL WHERE id >= 20 ORDER BY id`)).toEqual([
      { id: 20, name: 'a' },
      { id: 21, name: 'b' },
      { id: 22, name: 'semi;colon' },
      { id: 23, name: '' },
    ])

    const tsv = rejection(
      client.exec({ query: `INSERT INTO ${table} FORMAT TabSeparated`, values: Readable.from(['24\tx\t1\t0\nSELECT 1\n']) }),
    )
    expect((await tsv).type).toBe('CANNOT_PARSE_INPUT_ASSERTION_FAILED')
    expect(await rows(`SELECT count() AS n FROM ${table} WHERE id = 24`)).toEqual([{ n: 0 }])
  })

  test('query parameters are parsed by the engine from their escaped text, as ClickHouse does', async () => {
    const query = 'SELECT {x:UInt64} AS x, {s:String} AS s, {a:Array(String)} AS a, {n:Nullable(String)} AS n'
    const query_params = { x: u64max, s: "it's a\ttab \\ back", a: ["it's", 'b\\c', "', 'x"], n: null }
    const expected = [{ x: '18446744073709551615', s: "it's a\ttab \\ back", a: ["it's", 'b\\c', "', 'x"], n: null }]
    const settings: ClickHouseSettings = { output_format_json_quote_64bit_integers: 1 }
    expect(await (await client.query({ query, query_params, format: 'JSONEachRow', clickhouse_settings: settings })).json()).toEqual(
      expected,
    )
    const multipart = connect({ use_multipart_params: true })
    expect(await (await multipart.query({ query, query_params, format: 'JSONEachRow', clickhouse_settings: settings })).json()).toEqual(
      expected,
    )
    await multipart.close()
  })

  test('an invalid query rejects with the ClickHouse code, type and message, and logs one line', async () => {
    const error = await rejection(client.query({ query: `SELECT * FROM ${db}.nosuch` }))
    expect(error.code).toBe('60')
    expect(error.type).toBe('UNKNOWN_TABLE')
    expect(error.message).toBe(`Unknown table expression identifier '${db}.nosuch' in scope SELECT * FROM ${db}.nosuch. `)

    const raw = await fetch(`${url}/?query_id=q-404`, { method: 'POST', body: `SELECT * FROM ${db}.nosuch` })
    expect(raw.status).toBe(404)
    expect(raw.headers.get('x-clickhouse-exception-code')).toBe('60')
    expect(raw.headers.get('x-clickhouse-query-id')).toBe('q-404')
    expect(await raw.text()).toBe(
      `Code: 60. DB::Exception: Unknown table expression identifier '${db}.nosuch' in scope SELECT * FROM ${db}.nosuch. (UNKNOWN_TABLE) (version 26.7.2.1)\n`,
    )
    await Bun.sleep(50)
    expect(logLines.filter((l) => l.includes('query_id=q-404'))).toHaveLength(1)
  })

  test('settings, the database, query parameters, SET and USE last for one request only', async () => {
    const [{ v: before }] = (await rows("SELECT toString(getSetting('max_block_size')) AS v")) as [{ v: string }]
    expect(await rows("SELECT toString(getSetting('max_block_size')) AS v", { max_block_size: 1234 })).toEqual([{ v: '1234' }])
    expect(await rows("SELECT toString(getSetting('max_block_size')) AS v")).toEqual([{ v: before }])

    const big = `SELECT toUInt64('18446744073709551615') AS v`
    const quoted = await client.query({
      query: big,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
    })
    expect(await quoted.text()).toBe('{"v":"18446744073709551615"}\n')
    expect(await (await client.query({ query: big, format: 'JSONEachRow' })).text()).toBe('{"v":18446744073709551615}\n')

    const inDb = connect({ database: db })
    expect(await (await inDb.query({ query: 'SELECT currentDatabase() AS d', format: 'JSONEachRow' })).json()).toEqual([{ d: db }])
    expect(await rows('SELECT currentDatabase() AS d')).toEqual([{ d: 'default' }])
    await inDb.close()

    const withParam = await client.query({ query: 'SELECT {p:String} AS p', query_params: { p: 'x' }, format: 'JSONEachRow' })
    expect(await withParam.json()).toEqual([{ p: 'x' }])
    expect((await rejection(rows('SELECT {p:String} AS p'))).type).toBe('UNKNOWN_QUERY_PARAMETER')

    await client.command({ query: 'SET max_block_size = 4321' })
    await client.command({ query: `USE ${db}` })
    expect(await rows("SELECT toString(getSetting('max_block_size')) AS v, currentDatabase() AS d")).toEqual([{ v: before, d: 'default' }])
  })

  test('concurrent requests run one at a time, each with its own settings', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => rows("SELECT toString(getSetting('max_block_size')) AS v", { max_block_size: 1000 + i })),
    )
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => [{ v: String(1000 + i) }]))
  })

  test('gzip request bodies are read, and responses are gzipped when the client asks', async () => {
    const gzip = connect({ compression: { request: true, response: true } })
    await gzip.insert({ table, format: 'JSONEachRow', values: [{ id: 30, name: 'zipped', _version: 1, _is_deleted: 0 }] })
    expect(await (await gzip.query({ query: `SELECT name FROM ${table} WHERE id = 30`, format: 'JSONEachRow' })).json()).toEqual([
      { name: 'zipped' },
    ])
    await gzip.close()

    const raw = await fetch(`${url}/?enable_http_compression=1`, {
      method: 'POST',
      body: Bun.gzipSync(new TextEncoder().encode('SELECT 42 AS n FORMAT JSONEachRow')),
      headers: { 'Content-Encoding': 'gzip', 'Accept-Encoding': 'gzip' },
      decompress: false,
    } as RequestInit)
    expect(raw.headers.get('content-encoding')).toBe('gzip')
    expect(new TextDecoder().decode(Bun.gunzipSync(new Uint8Array(await raw.arrayBuffer())))).toBe('{"n":42}\n')
  })

  test('RowBinary output arrives byte for byte, with ClickHouse headers', async () => {
    const result = await client.exec({
      query: "SELECT toInt64(-7), 'ç€\\t', toUInt64('18446744073709551615'), toUInt8(1), unhex('FF00FE') FORMAT RowBinary",
    })
    expect((await drain(result.stream)).toString('hex')).toBe(
      'f9ffffffffffffff' + '06c3a7e282ac09' + 'ffffffffffffffff' + '01' + '03ff00fe',
    )
    expect(result.response_headers['x-clickhouse-format']).toBe('RowBinary')
    expect(result.response_headers['content-type']).toBe('application/octet-stream')
    expect(JSON.parse(String(result.response_headers['x-clickhouse-summary']))).toMatchObject({ result_rows: '1', written_rows: '0' })
  })

  test('what ClickHouse refuses, the adapter refuses', async () => {
    const post = async (body: string, query = ''): Promise<[number, string]> => {
      const response = await fetch(`${url}/${query}`, { method: 'POST', body })
      return [response.status, (await response.text()).replace(/ \(version [^)]*\)\n$/, '')]
    }
    expect(await post('SELECT 1; SELECT 2')).toEqual([
      400,
      'Code: 62. DB::Exception: Syntax error (Multi-statements are not allowed): failed at position 9 (end of query): ; SELECT 2. (SYNTAX_ERROR)',
    ])
    expect(await post('SELECT 1;')).toEqual([200, '1\n'])
    expect(await post(' -- nothing')).toEqual([400, 'Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)'])
    const [status, implicit] = await post('1 + 1')
    expect([status, implicit.slice(0, 63)]).toEqual([400, 'Code: 62. DB::Exception: Syntax error: failed at position 1 (1)'])
    expect(await post("SELECT 1 INTO OUTFILE '/tmp/t_adapter_out'")).toEqual([
      500,
      'Code: 358. DB::Exception: INTO OUTFILE is not allowed (INTO_OUTFILE_NOT_ALLOWED)',
    ])
    expect(await post(`INSERT INTO ${table} FROM INFILE '/etc/hostname' FORMAT TSV`)).toEqual([
      404,
      'Code: 78. DB::Exception: Query has infile and was send directly to server (UNKNOWN_TYPE_OF_QUERY)',
    ])
    expect(await post('SELECT 1', '?no_such_setting=1')).toEqual([
      404,
      "Code: 115. DB::Exception: Unknown setting 'no_such_setting'. (UNKNOWN_SETTING)",
    ])
    expect(await post(`INSERT INTO ${table} FORMAT JSONEachRow;{}`)).toEqual([
      400,
      "Code: 62. DB::Exception: You have excessive ';' symbol before data for INSERT. (SYNTAX_ERROR)",
    ])

    const get = await fetch(`${url}/?query=${encodeURIComponent(`DROP TABLE ${db}.scratch`)}`)
    expect([get.status, get.headers.get('x-clickhouse-exception-code')]).toEqual([500, '164'])
    expect(await rows(`EXISTS TABLE ${db}.scratch`)).toEqual([{ result: 1 }])

    const stranger = connect({ username: 'stranger', password: 'x' })
    expect((await rejection(stranger.query({ query: 'SELECT 1' }))).type).toBe('AUTHENTICATION_FAILED')
    await stranger.close()
    const withPassword = connect({ username: 'default', password: 'anything' })
    expect(await (await withPassword.query({ query: 'SELECT 1 AS one', format: 'JSONEachRow' })).json()).toEqual([{ one: 1 }])
    await withPassword.close()
  })

  test("the codes the adapter raises itself are the engine's", async () => {
    const codes = Object.values(errorCodes)
    const result = await client.query({
      query: 'SELECT arrayMap(c -> toString(errorCodeToName(c)), {codes:Array(UInt32)}) AS names',
      query_params: { codes },
      format: 'JSONEachRow',
    })
    expect(await result.json()).toEqual([{ names: Object.keys(errorCodes) }])
  })
})
