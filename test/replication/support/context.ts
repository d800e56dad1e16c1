// A replication test's world: a fresh source database, a fresh ClickHouse database, a config
// file and state directory, and chsync itself running as a child process (`bun src/cli.ts run`),
// so that it can be signalled and killed like the real thing.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client'
import type mysql from 'mysql2/promise'
import type { Flavor, SourceOptions } from '../../../src/binlog/index.ts'
import { ChildRun } from '../../support/child.ts'
import { CLICKHOUSE_URL, SOURCES, type TestServer, flavorOf, freshDatabase, replicaServerId, sqlSession } from '../../support/servers.ts'
import { type TableDiff, compareTable, isEqual } from './compare.ts'
import { keyedCountsDiffer } from './row-counts.ts'

const CLI = join(import.meta.dir, '../../../src/cli.ts')

export interface ContextOptions {
  /** Extra TOML appended to the generated config (sections and keys). */
  config?: string
  /** Source account (default: chsync, all privileges). */
  user?: string
  password?: string
  /** Extra environment for chsync (CHSYNC_<SECTION>_<KEY> overrides any config key). */
  env?: Record<string, string>
  /** Serve the health socket at `healthSocket` (in the context's directory). */
  health?: boolean
  /** The source server (default: the shared test server `server`). */
  source?: SourceOptions
}

export class ReplicationContext {
  readonly dir: string
  readonly configPath: string
  private child: ChildRun | null = null
  /** The server chsync reads and the tests write (switchSource moves both). */
  source: SourceOptions
  private sourceUrl: string | null = null
  /** The output of the runs that ended (the log spans every start). */
  private pastLogs = ''
  readonly flavor: Flavor

  private constructor(
    readonly server: TestServer,
    readonly db: string,
    public sql: mysql.Connection,
    readonly ch: ClickHouseClient,
    private readonly opts: ContextOptions,
  ) {
    this.flavor = flavorOf(server)
    this.dir = mkdtempSync(join(tmpdir(), `chsync-${db}-`))
    this.configPath = join(this.dir, 'config.toml')
    const src = opts.source ?? SOURCES[server]
    this.source = src
    writeFileSync(
      this.configPath,
      `[source]
url = "${this.flavor}://${opts.user ?? src.user}@${src.host}:${src.port}"
server_id = ${replicaServerId()}
heartbeat_seconds = 1
[target]
url = "${CLICKHOUSE_URL.replace('http://', 'http://default@')}"
[replicate]
databases = ["${db}"]
[snapshot]
parallelism = 2
chunk_rows = 1000
[apply]
flush_interval_ms = 200
[state]
path = "${join(this.dir, 'state.db')}"
[health]
socket = ""
[log]
level = "debug"
format = "json"
${opts.config ?? ''}
`,
    )
  }

  static async open(server: TestServer, name: string, opts: ContextOptions = {}): Promise<ReplicationContext> {
    const { name: db, sql } = await freshDatabase(server, name, opts.source)
    const ch = createClient({ url: CLICKHOUSE_URL, log: { level: ClickHouseLogLevel.OFF } })
    await ch.command({ query: `DROP DATABASE IF EXISTS \`${db}\`` })
    return new ReplicationContext(server, db, sql, ch, opts)
  }

  get healthSocket(): string {
    return join(this.dir, 'health.sock')
  }

  get env(): Record<string, string> {
    return {
      ...process.env,
      CHSYNC_SOURCE_PASSWORD: this.opts.password ?? (this.opts.source ?? SOURCES[this.server]).password ?? '',
      CHSYNC_TEST_NO_SERVERS: '1',
      ...(this.opts.health ? { CHSYNC_HEALTH_SOCKET: this.healthSocket } : {}),
      ...(this.sourceUrl ? { CHSYNC_SOURCE_URL: this.sourceUrl } : {}),
      ...this.opts.env,
    } as Record<string, string>
  }

  /** From now on chsync (at its next start) and the test's session use `src` (failover). */
  async switchSource(src: SourceOptions): Promise<void> {
    this.source = src
    this.sourceUrl = `${this.flavor}://${this.opts.user ?? src.user}@${src.host}:${src.port}`
    await this.sql.end().catch(() => {})
    this.sql = await sqlSession(this.server, this.db, src)
  }

  /** Starts `chsync run`; its output is kept for assertions and failures. */
  start(args: string[] = [], env: Record<string, string> = {}): void {
    if (this.child) throw new Error('chsync already running')
    this.child = ChildRun.spawn(['bun', CLI, 'run', '-c', this.configPath, ...args], { ...this.env, ...env })
  }

  /** Runs `chsync <command> -c config <args>` to its end (resync, verify, …): exit code and output. */
  cli(command: string, ...args: string[]): Promise<{ code: number; out: string }> {
    return this.cliWith({}, command, ...args)
  }

  /** As cli(), with these environment variables added (a setting changed for this command only). */
  async cliWith(env: Record<string, string>, command: string, ...args: string[]): Promise<{ code: number; out: string }> {
    const p = Bun.spawn(['bun', CLI, command, '-c', this.configPath, ...args], {
      env: { ...this.env, ...env },
      stdout: 'pipe',
      stderr: 'pipe',
    })
    // Both at once: a command that fills one pipe while the other is read first would never end.
    const [out, err] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text()])
    return { code: await p.exited, out: out + err }
  }

  /** Sends a signal and waits for the exit code. */
  async stop(signal: 'SIGTERM' | 'SIGINT' | 'SIGKILL' = 'SIGTERM'): Promise<number | null> {
    const c = this.child
    if (!c) return null
    c.proc.kill(signal)
    return this.ended(await c.exited)
  }

  /** Waits for chsync to exit by itself; its exit code, or null when it still runs after `ms`. */
  async exited(ms: number): Promise<number | null> {
    const c = this.child
    if (!c) return null
    const code = await Promise.race([c.exited, Bun.sleep(ms).then(() => null)])
    return code === null ? null : this.ended(code)
  }

  /** A wait fails at once, with the log, when the started chsync has exited. */
  private throwIfExited(): void {
    if (this.child && !this.child.running) throw new Error(`chsync exited with ${this.child.proc.exitCode}:\n${this.log.slice(-4000)}`)
  }

  private ended(code: number): number {
    this.pastLogs += this.child?.output ?? ''
    this.child = null
    return code
  }

  /** A new session on the current source (after it restarted). */
  async reconnect(): Promise<mysql.Connection> {
    await this.sql.end().catch(() => {})
    this.sql = await sqlSession(this.server, this.db, this.source)
    return this.sql
  }

  /** Resident memory of the running chsync, in MB (0 when not running). */
  rssMB(): number {
    if (!this.child) return 0
    try {
      const status = readFileSync(`/proc/${this.child.proc.pid}/status`, 'utf8')
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
    } catch {
      return 0
    }
  }

  /** The health JSON from the socket (the context must have been opened with `health: true`). */
  async health(): Promise<Record<string, unknown>> {
    const res = await fetch('http://localhost/health', { unix: this.healthSocket })
    return (await res.json()) as Record<string, unknown>
  }

  get running(): boolean {
    return this.child?.running ?? false
  }

  get log(): string {
    return this.pastLogs + (this.child?.output ?? '')
  }

  logLines(): Record<string, unknown>[] {
    return this.log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
  }

  /** Waits until a log line after the first `from` lines matches. */
  async waitForLog(match: (line: Record<string, unknown>) => boolean, from = 0, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) {
      if (this.logLines().slice(from).some(match)) return
      this.throwIfExited()
      await Bun.sleep(20)
    }
    throw new Error(`no such log line after ${ms} ms:\n${this.log.slice(-3000)}`)
  }

  /** Runs a DDL statement on the source and waits until chsync has applied one more DDL event. */
  async ddl(sql: string): Promise<void> {
    const applied = () => this.logLines().filter((l) => l.msg === 'DDL applied').length
    const before = applied()
    await this.sql.query(sql)
    const deadline = Date.now() + 30_000
    while (applied() === before) {
      this.throwIfExited()
      if (Date.now() > deadline) throw new Error(`not applied within 30 s: ${sql}\n${this.log.slice(-3000)}`)
      await Bun.sleep(50)
    }
  }

  async tables(): Promise<string[]> {
    const [rows] = await this.sql.query(
      `SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1`,
      [this.db],
    )
    return (rows as { t: string }[]).map((r) => r.t)
  }

  async compare(): Promise<TableDiff[]> {
    const out: TableDiff[] = []
    for (const t of await this.tables()) out.push(await compareTable(this.server, this.ch, this.db, t, this.source))
    return out
  }

  /** Polls until every table equals its copy; fails with the differences (and the log) after `ms`. */
  async waitEqual(ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms
    let last: TableDiff[] = []
    let lastError: unknown
    let counts: string | null = null
    // Value by value only once the keyed tables' row counts agree (row-counts.ts), and at least every
    // 10 s anyway, so that a count that cannot agree (two source keys one target value) delays no more.
    let comparedAt = Date.now()
    while (Date.now() < deadline) {
      this.throwIfExited()
      try {
        counts = Date.now() - comparedAt < 10_000 ? await keyedCountsDiffer(this.server, this.ch, this.db, this.source) : null
        if (counts === null) {
          comparedAt = Date.now()
          last = await this.compare()
          if (last.every(isEqual)) return
        }
      } catch (err) {
        lastError = err
      }
      await Bun.sleep(250)
    }
    const summary = last
      .filter((d) => !isEqual(d))
      .map(
        (d) =>
          `${d.table}: source ${d.sourceRows} rows, target ${d.targetRows}; missing ${d.missing.slice(0, 5)}; extra ${d.extra.slice(0, 5)}; different ${d.different.slice(0, 3).join(' | ')}`,
      )
    throw new Error(
      `not equal after ${ms} ms: ${summary.join('\n')}${counts ? `\nrow counts: ${counts}` : ''}${lastError ? `\nlast error: ${lastError}` : ''}\nlog tail:\n${this.log.slice(-3000)}`,
    )
  }

  /**
   * Polls until `actual` gives what `expected` gives (compared as JSON); fails with both and the log
   * after `ms`, or at once when chsync exits.
   */
  async untilSame(what: string, actual: () => Promise<unknown>, expected: () => Promise<unknown>, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms
    let got = ''
    let want = ''
    while (Date.now() < deadline) {
      want = JSON.stringify(await expected())
      got = await actual().then(JSON.stringify, (err) => String(err))
      if (got === want) return
      this.throwIfExited()
      await Bun.sleep(200)
    }
    throw new Error(
      `${what}: not the same after ${ms} ms\nexpected ${want.slice(0, 600)}\n     got ${got.slice(0, 600)}\n${this.log.slice(-3000)}`,
    )
  }

  /** close(), after dropping the test's databases on the source and in ClickHouse. */
  async closeAndDrop(): Promise<void> {
    await this.stop('SIGKILL')
    await this.sql.query(`DROP DATABASE IF EXISTS \`${this.db}\``)
    await this.ch.command({ query: `DROP DATABASE IF EXISTS \`${this.db}\`` })
    await this.close()
  }

  async close(): Promise<void> {
    await this.stop('SIGKILL')
    // The last run's log stays for a look after a failure.
    writeFileSync(join(tmpdir(), `chsync-last-${this.db}.log`), this.log)
    await this.sql.end()
    await this.ch.close()
    rmSync(this.dir, { recursive: true, force: true })
  }

  readState(): string {
    return readFileSync(join(this.dir, 'state.db')).toString('latin1')
  }
}
