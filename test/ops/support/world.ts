// An ops test's world: a fresh source database (t_ops_…), its ClickHouse copy dropped, a folder
// with config.toml, state and health socket, and a way to start chsync as an operator would:
// from source, as the compiled binary, or as the scratch image's binary inside a chroot.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client'
import type mysql from 'mysql2/promise'
import type { Flavor } from '../../../src/binlog/index.ts'
import { compareTable, isEqual, type TableDiff } from '../../replication/support/compare.ts'
import { CLICKHOUSE_URL, SOURCES, type TestServer, flavorOf, freshDatabase, replicaServerId } from '../../support/servers.ts'
import { ChildRun } from '../../support/child.ts'

export const CLI = join(import.meta.dir, '../../../src/cli.ts')

/** The least-privileged account of test/servers/users.sql (REPLICATION SLAVE, REPLICATION CLIENT, SELECT). */
export const REPL = { user: 'repl', password: 'repl-test-pw' }

export interface WorldOptions {
  /** Extra TOML appended to the config (keys of [log] go last, so new sections are safe). */
  config?: string
  /** Where the files live as the process sees them (a chroot's root): `root + inside` on the host. */
  root?: string
  /** ClickHouse URL for chsync (e.g. a proxy); the test's own client always talks to the real one. */
  targetUrl?: string
}

export class OpsWorld {
  /** On the host. */
  readonly dir: string
  /** As chsync sees them. */
  readonly configPath: string
  readonly socketPath: string
  readonly statePath: string
  readonly serverId = replicaServerId()

  readonly flavor: Flavor

  private constructor(
    readonly server: TestServer,
    readonly db: string,
    readonly sql: mysql.Connection,
    readonly ch: ClickHouseClient,
    private readonly opts: WorldOptions,
  ) {
    this.flavor = flavorOf(server)
    const inside = opts.root ? '/etc/chsync' : null
    this.dir = opts.root ? join(opts.root, 'etc/chsync') : mkdtempSync(join(tmpdir(), 'chsync-ops-'))
    mkdirSync(this.dir, { recursive: true })
    const base = inside ?? this.dir
    this.configPath = join(base, 'config.toml')
    this.statePath = opts.root ? '/var/lib/chsync/state.db' : join(base, 'state', 'state.db')
    this.socketPath = opts.root ? '/run/chsync/health.sock' : join(base, 'run', 'health.sock')
    this.writeConfig(opts.config ?? '')
  }

  static async open(server: TestServer, name: string, opts: WorldOptions = {}): Promise<OpsWorld> {
    const { name: db, sql } = await freshDatabase(server, name)
    const ch = createClient({ url: CLICKHOUSE_URL, log: { level: ClickHouseLogLevel.OFF } })
    await ch.command({ query: `DROP DATABASE IF EXISTS \`${db}\`` })
    return new OpsWorld(server, db, sql, ch, opts)
  }

  writeConfig(extra: string): void {
    const src = SOURCES[this.server]
    const target = (this.opts.targetUrl ?? CLICKHOUSE_URL).replace('http://', 'http://default@')
    writeFileSync(
      join(this.dir, 'config.toml'),
      `[source]
url = "${this.flavor}://${REPL.user}@${src.host}:${src.port}"
server_id = ${this.serverId}
heartbeat_seconds = 1
[target]
url = "${target}"
[replicate]
databases = ["${this.db}"]
[snapshot]
parallelism = 2
chunk_rows = 1000
[apply]
flush_interval_ms = 200
[state]
path = "${this.statePath}"
[health]
socket = "${this.socketPath}"
[log]
level = "debug"
format = "json"
${extra}
`,
    )
  }

  /** The socket path on the host. */
  get hostSocketPath(): string {
    return this.opts.root ? join(this.opts.root, this.socketPath) : this.socketPath
  }

  get hostStatePath(): string {
    return this.opts.root ? join(this.opts.root, this.statePath) : this.statePath
  }

  /** The process environment without any CHSYNC_* or systemd variable of the runner's, plus `extra`. */
  env(extra: Record<string, string> = {}): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = {}
    for (const [k, v] of Object.entries(process.env))
      if (!k.startsWith('CHSYNC_') && !/^(NOTIFY_SOCKET|WATCHDOG_USEC|WATCHDOG_PID)$/.test(k)) env[k] = v
    return { ...env, CHSYNC_SOURCE_PASSWORD: REPL.password, CHSYNC_TEST_NO_SERVERS: '1', ...extra }
  }

  /** `bun src/cli.ts <args> -c config.toml` */
  startFromSource(args: string[], env: Record<string, string> = {}): ChildRun {
    return ChildRun.spawn(['bun', CLI, ...args, '-c', this.configPath], this.env(env))
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
    for (const t of await this.tables()) out.push(await compareTable(this.server, this.ch, this.db, t))
    return out
  }

  async equal(): Promise<boolean> {
    try {
      return (await this.compare()).every(isEqual)
    } catch {
      return false
    }
  }

  /** Polls until every table equals its copy. */
  async waitEqual(run: ChildRun | null, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) {
      if (run && !run.running) throw new Error(`chsync exited (${run.proc.exitCode}):\n${run.output.slice(-4000)}`)
      if (await this.equal()) return
      await Bun.sleep(200)
    }
    const diffs = await this.compare().catch((e) => [String(e)])
    throw new Error(`not equal after ${ms} ms: ${JSON.stringify(diffs).slice(0, 2000)}\n${run?.output.slice(-3000) ?? ''}`)
  }

  async close(): Promise<void> {
    await this.sql.query(`DROP DATABASE IF EXISTS \`${this.db}\``).catch(() => {})
    await this.ch.command({ query: `DROP DATABASE IF EXISTS \`${this.db}\`` }).catch(() => {})
    await this.sql.end()
    await this.ch.close()
    if (!this.opts.root) rmSync(this.dir, { recursive: true, force: true })
  }
}
