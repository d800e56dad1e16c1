// A change-feed test's world: a fresh source database, a config file and state folder, and chsync
// running as a child process (`bun src/cli.ts run`, or a compiled binary), so that it can be
// signalled and killed like the real thing. No ClickHouse: the sink is ndjson or a plugin.

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type mysql from 'mysql2/promise'
import type { Flavor } from '../../../src/binlog/index.ts'
import { ChildRun } from '../../support/child.ts'
import { SOURCES, type TestServer, flavorOf, freshDatabase, replicaServerId } from '../../support/servers.ts'

export const CLI = join(import.meta.dir, '../../../src/cli.ts')

export interface FeedContextOptions {
  /** The [sink] part of the config (TOML), given the output file path; default: ndjson into it. */
  sink?: (outPath: string) => string
  /** More TOML appended (other sections). */
  config?: string
  /** Extra environment for chsync. */
  env?: Record<string, string>
}

/** One line of the feed, parsed. */
export interface FeedRecord {
  kind: 'snapshot_insert' | 'insert' | 'update' | 'delete' | 'ddl'
  schema: string
  table?: string
  columnnames?: string[]
  columntypes?: string[]
  columnvalues?: unknown[]
  oldkeys?: { keynames: string[]; keyvalues: unknown[] }
  before?: { columnnames: string[]; columnvalues: unknown[] }
  statement?: string
  gtid: string | null
  position: string | null
  version: number | string
  ts: string | null
}

export class FeedContext {
  readonly dir: string
  readonly configPath: string
  readonly outDir: string
  readonly outPath: string
  private child: ChildRun | null = null
  /** stderr and stdout of the runs that ended (both span every start). */
  private pastLog = ''
  private pastOutput = ''

  readonly flavor: Flavor

  private constructor(
    readonly server: TestServer,
    readonly db: string,
    readonly sql: mysql.Connection,
    private readonly opts: FeedContextOptions,
  ) {
    this.flavor = flavorOf(server)
    this.dir = mkdtempSync(join(tmpdir(), `chsync-${db}-`))
    this.configPath = join(this.dir, 'config.toml')
    this.outDir = join(this.dir, 'out')
    this.outPath = join(this.outDir, 'changes.ndjson')
    const src = SOURCES[server]
    writeFileSync(
      this.configPath,
      `[source]
url = "${this.flavor}://${src.user}@${src.host}:${src.port}"
server_id = ${replicaServerId()}
heartbeat_seconds = 1
[replicate]
databases = ["${db}"]
[snapshot]
parallelism = 2
chunk_rows = 1000
[apply]
flush_interval_ms = 100
[state]
path = "${join(this.dir, 'state.db')}"
[health]
socket = ""
[log]
level = "info"
format = "json"
${opts.sink ? opts.sink(this.outPath) : `[sink]\nkind = "ndjson"\n[sink.ndjson]\noutput = "${this.outPath}"`}
${opts.config ?? ''}
`,
    )
  }

  static async open(server: TestServer, prefix: string, opts: FeedContextOptions = {}): Promise<FeedContext> {
    const { name, sql } = await freshDatabase(server, prefix)
    return new FeedContext(server, name, sql, opts)
  }

  /** Environment for the next starts, on top of the options' (CHSYNC_* overrides config keys). */
  extraEnv: Record<string, string> = {}

  get env(): Record<string, string> {
    return {
      ...process.env,
      CHSYNC_SOURCE_PASSWORD: SOURCES[this.server].password ?? '',
      CHSYNC_TEST_NO_SERVERS: '1',
      ...this.opts.env,
      ...this.extraEnv,
    } as Record<string, string>
  }

  /** Starts `<command> run -c config` (default `bun src/cli.ts`); its output is kept. */
  start(command: string[] = ['bun', CLI], args: string[] = ['run', '-c', this.configPath]): void {
    if (this.child) throw new Error('chsync already running')
    this.child = ChildRun.spawn([...command, ...args], this.env)
  }

  /** Sends a signal and waits for the exit code. */
  async stop(signal: 'SIGTERM' | 'SIGINT' | 'SIGKILL' = 'SIGTERM'): Promise<number | null> {
    const c = this.child
    if (!c) return null
    c.proc.kill(signal)
    return this.ended(await c.exited)
  }

  /** Waits for chsync to exit by itself (fails after `ms`). */
  async exited(ms = 30_000): Promise<number> {
    const c = this.child
    if (!c) throw new Error('chsync is not running')
    const code = await Promise.race([c.exited, Bun.sleep(ms).then(() => null)])
    if (code === null) throw new Error(`chsync did not exit within ${ms} ms:\n${this.log.slice(-3000)}`)
    return this.ended(code)
  }

  private ended(code: number): number {
    this.pastLog += this.child?.stderr ?? ''
    this.pastOutput += this.child?.stdout ?? ''
    this.child = null
    return code
  }

  /** chsync's log (stderr) over every run. */
  get log(): string {
    return this.pastLog + (this.child?.stderr ?? '')
  }

  /** chsync's stdout over every run. */
  get output(): string {
    return this.pastOutput + (this.child?.stdout ?? '')
  }

  logLines(): Record<string, unknown>[] {
    return this.log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
  }

  /** Waits until a log line after the first `from` lines matches. */
  async waitForLog(match: (line: Record<string, unknown>) => boolean, from = 0, ms = 30_000): Promise<Record<string, unknown>> {
    return this.poll(() => this.logLines().slice(from).find(match), ms, 'no such log line')
  }

  /** The output files in order: rotated segments by number, then the current one. */
  segments(): string[] {
    if (!existsSync(this.outDir)) return []
    const rotated = readdirSync(this.outDir)
      .filter((n) => /^changes\.\d{6,}\.ndjson$/.test(n))
      .sort()
      .map((n) => join(this.outDir, n))
    return existsSync(this.outPath) ? [...rotated, this.outPath] : rotated
  }

  /** Every complete line of the output files, parsed (read again when a file rotated away meanwhile). */
  records(): FeedRecord[] {
    for (let attempt = 1; ; attempt++) {
      try {
        const out: FeedRecord[] = []
        for (const f of this.segments()) out.push(...parseLines(readFileSync(f, 'utf8')))
        return out
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw err
      }
    }
  }

  /** Polls the file output until `done(records)`; returns the records then. */
  async waitForRecords(done: (r: FeedRecord[]) => boolean, ms = 30_000): Promise<FeedRecord[]> {
    return this.poll(
      () => {
        const r = this.records()
        return done(r) ? r : undefined
      },
      ms,
      'the output never got there',
    )
  }

  async poll<T>(probe: () => T | undefined, ms: number, what: string): Promise<T> {
    const deadline = Date.now() + ms
    let lastError: unknown
    while (Date.now() < deadline) {
      try {
        const v = probe()
        if (v !== undefined) return v
      } catch (err) {
        lastError = err
      }
      if (this.child && !this.child.running) throw new Error(`chsync exited with ${this.child.proc.exitCode}:\n${this.log.slice(-3000)}`)
      await Bun.sleep(50)
    }
    throw new Error(`${what} after ${ms} ms${lastError ? ` (${lastError})` : ''}:\n${this.log.slice(-3000)}`)
  }

  async close(): Promise<void> {
    await this.stop('SIGKILL')
    writeFileSync(join(tmpdir(), `chsync-last-${this.db}.log`), this.log)
    // The test's database goes with it (its log stays, above, for a failure's post-mortem).
    await this.sql.query(`DROP DATABASE IF EXISTS \`${this.db}\``).catch(() => {})
    await this.sql.end()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** Complete lines (ending in a newline) of JSON-lines text, parsed. */
export function parseLines(text: string): FeedRecord[] {
  const lines = text.split('\n')
  lines.pop()
  return lines.filter((l) => l !== '').map((l) => JSON.parse(l) as FeedRecord)
}
