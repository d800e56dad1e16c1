// The one chDB session behind the adapter: requests run one at a time, and each leaves it as it found it.

import { mkdtempSync, rmSync } from 'node:fs'
import { unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Session } from 'chdb'
import { ClickHouseError, fromEngineError } from './errors.ts'
import type { QueryText } from './query-text.ts'
import { readKinds, readStatement, resultKinds, sql, type Statement } from './statement.ts'

export interface QueryRequest {
  text: QueryText
  /** The request's default database (`database` parameter or X-ClickHouse-Database). */
  database?: string
  /** Output format when the statement has no FORMAT clause; ClickHouse's default is TabSeparated. */
  defaultFormat?: string
  /** Settings from the URL, applied to this request only. */
  settings: ReadonlyArray<readonly [string, string]>
  /** `param_x` values, still in ClickHouse's escaped text form. */
  params: ReadonlyArray<readonly [string, string]>
  /** Why only reading statements may run (HTTP GET, or readonly=1|2), if so. */
  readonlyBecause?: string
}

/** X-ClickHouse-Summary. ClickHouse sends every figure as a string. */
export type Summary = Record<
  'read_rows' | 'read_bytes' | 'written_rows' | 'written_bytes' | 'total_rows_to_read' | 'result_rows' | 'result_bytes' | 'elapsed_ns',
  string
>

export interface QueryResult {
  body: Uint8Array
  /** The output format, for statements that return rows. */
  format?: string
  summary: Summary
}

/** Enough to read any INSERT's head and to spot a second statement in ordinary queries. */
const headLimit = 1 << 20

export class ChdbEngine {
  #tail: Promise<unknown> = Promise.resolve()
  #broken?: ClickHouseError
  #inserts = 0

  private constructor(
    private readonly session: Session,
    /** Every setting (aliases included) and its value between requests. */
    private readonly baseline: ReadonlyMap<string, string>,
    private readonly errorNames: ReadonlyMap<number, string>,
    private readonly homeDatabase: string,
    private readonly scratch: string,
    readonly version: string,
    readonly timezone: string,
  ) {}

  /** Opens the data directory; the engine locks it, so a second process is refused. */
  static async open(dataDir: string): Promise<ChdbEngine> {
    const session = new Session(dataDir)
    const rows = async (query: string): Promise<string[][]> =>
      (await session.queryAsync(query, { format: 'TabSeparated' }))
        .text()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\t'))
    // chDB turns these on for its own users; a ClickHouse server has them off, and refuses what they allow.
    await session.queryAsync('SET implicit_select = 0, allow_introspection_functions = 0')
    const baseline = new Map((await rows('SELECT name, value FROM system.settings')).map(([n, v]): [string, string] => [n, unescapeTsv(v)]))
    const errorNames = new Map(
      (await rows("SELECT number, errorCodeToName(number) FROM numbers(2000) WHERE errorCodeToName(number) != ''")).map(
        ([n, name]): [number, string] => [Number(n), name],
      ),
    )
    const [[version, timezone, database]] = await rows('SELECT version(), timezone(), currentDatabase()')
    const scratch = mkdtempSync(join(tmpdir(), 'chsync-clickhouse-http-'))
    return new ChdbEngine(session, baseline, errorNames, database, scratch, version, timezone)
  }

  run(request: QueryRequest): Promise<QueryResult> {
    return this.#exclusive(async () => {
      if (this.#broken) throw this.#broken
      try {
        const statement = readStatement(request.text.head(headLimit), (offset) => request.text.rest(offset))
        if (request.readonlyBecause !== undefined && !readKinds.has(statement.kind)) {
          throw ClickHouseError.of('READONLY', `Cannot execute query in readonly mode. ${request.readonlyBecause}`)
        }
        return await this.#execute(request, statement)
      } catch (error) {
        throw fromEngineError(error, (code) => this.errorNames.get(code) ?? '')
      }
    })
  }

  /** Waits for the request in progress, then releases the data directory. */
  async close(): Promise<void> {
    await this.#tail
    this.session.close()
    rmSync(this.scratch, { recursive: true, force: true })
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task, task)
    this.#tail = run.catch(() => undefined)
    return run
  }

  async #execute(request: QueryRequest, statement: Statement): Promise<QueryResult> {
    let file: string | undefined
    try {
      // A multi-setting SET is all or nothing, so a refused setting leaves nothing half applied.
      if (request.settings.length > 0) {
        await this.#exec(`SET ${request.settings.map(([name, value]) => `${identifier(name)} = ${literal(value)}`).join(', ')}`)
      }
      // SET param_x takes the value as raw text, exactly like the HTTP parameter; queryBindAsync
      // would escape it a second time (it expects a JS value, not ClickHouse's escaped form).
      if (request.params.length > 0) {
        await this.#exec(`SET ${request.params.map(([name, value]) => `${identifier(`param_${name}`)} = ${literal(value)}`).join(', ')}`)
      }
      if (request.database !== undefined) await this.#exec(`USE ${identifier(request.database)}`)
      let query: string
      if (statement.insert) {
        // The data goes through a file so it reaches the engine's input format byte for byte: binary
        // formats cannot travel in a JS string, and inline text data would be split by chDB's
        // multi-statement reader (a blank line ends it). A file is also faster: a 9.5 MB
        // JSONEachRow body took 155-353 ms inline and 85-108 ms through a file (chDB 3.4, 26.7.2).
        file = join(this.scratch, `insert-${++this.#inserts}.data`)
        await Bun.write(file, statement.insert.data)
        query = statement.insert.fromFile(file)
      } else {
        query = sql(request.text.all())
      }
      const format = outputFormat(request.defaultFormat)
      const result = await this.session.queryAsync(query, { format })
      const returnsRows = resultKinds.has(statement.kind)
      return {
        body: result.bytes(),
        ...(returnsRows ? { format: statement.outputFormat ?? format } : {}),
        summary: summary(result, statement.insert !== undefined, returnsRows),
      }
    } finally {
      if (file !== undefined) await unlink(file).catch(() => undefined)
      await this.#restore(request, statement)
    }
  }

  async #restore(request: QueryRequest, statement: Statement): Promise<void> {
    try {
      const known = request.settings.filter(([name]) => this.baseline.has(name))
      if (known.length > 0) {
        await this.#exec(`SET ${known.map(([name]) => `${identifier(name)} = ${literal(this.baseline.get(name) ?? '')}`).join(', ')}`)
      }
      // A SET statement, or a setting known under another spelling, may have changed anything.
      if (statement.kind === 'SET' || known.length < request.settings.length) await this.#restoreAllSettings()
      // A bound query replaces the session's parameters, and they do not outlive it.
      if (request.params.length > 0 || statement.kind === 'SET') {
        await this.session.queryBindAsync('SELECT 1', { reset: 0 }, { format: 'TabSeparated' })
      }
      if (request.database !== undefined || statement.kind === 'USE') await this.#exec(`USE ${identifier(this.homeDatabase)}`)
    } catch (error) {
      this.#broken = ClickHouseError.of(
        'UNKNOWN_EXCEPTION',
        `The adapter could not restore its chDB session after a request and refuses further requests; restart it. ${String(error)}`,
      )
      throw this.#broken
    }
  }

  async #restoreAllSettings(): Promise<void> {
    const now = (await this.session.queryAsync('SELECT name, value FROM system.settings', { format: 'TabSeparated' })).text()
    const drifted: string[] = []
    for (const line of now.split('\n')) {
      const [name, value] = line.split('\t')
      const was = this.baseline.get(name)
      if (was !== undefined && unescapeTsv(value) !== was) drifted.push(`${identifier(name)} = ${literal(was)}`)
    }
    if (drifted.length > 0) await this.#exec(`SET ${drifted.join(', ')}`)
  }

  async #exec(statement: string): Promise<void> {
    await this.session.queryAsync(statement, { format: 'TabSeparated' })
  }
}

/** ClickHouse format names ignore case; chdb's own 'arrow' (lower case) would mean something else. */
function outputFormat(requested: string | undefined): string {
  if (requested === undefined || requested === '') return 'TabSeparated'
  return requested === 'arrow' ? 'Arrow' : requested
}

// chDB reports rows and bytes of the result for a query, and rows and bytes parsed from the input
// for an INSERT from a file (which is what the INSERT wrote, materialized views aside).
// Rows read from tables are not reported, so read_rows stays 0.
function summary(result: { elapsed: number; rowsRead: number; bytesRead: number }, inserted: boolean, returnsRows: boolean): Summary {
  const rows = String(result.rowsRead)
  const bytes = String(result.bytesRead)
  return {
    read_rows: '0',
    read_bytes: '0',
    written_rows: inserted ? rows : '0',
    written_bytes: inserted ? bytes : '0',
    total_rows_to_read: '0',
    result_rows: returnsRows ? rows : '0',
    result_bytes: returnsRows ? bytes : '0',
    elapsed_ns: String(Math.round(result.elapsed * 1e9)),
  }
}

export function identifier(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``
}

export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\0/g, '\\0')}'`
}

/** TabSeparated escapes \\, \t, \n (and a few more) inside values; settings such as Map ones contain them. */
function unescapeTsv(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '0': '\0', b: '\b', f: '\f' })[c] ?? c)
}
