// Dedicated server instances for the tests that stop, restart, purge or fail over their source:
// a MariaDB 10.11, MySQL 9.7 or MariaDB 11.8 on its own port and data directory (kept between runs
// and reset by the tests), with TLS from test/servers/tls.sh. The shared servers of
// test/servers/up stay untouched.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import mysql from 'mysql2/promise'
import type { Flavor } from '../../src/binlog/index.ts'
import { type TestServer, flavorOf } from '../support/servers.ts'

const HOME = process.env.CHSYNC_TEST_HOME ?? '/var/tmp/chsync-test'
/** The Debian unstable roots test/servers/up builds: MySQL 9.7 and MariaDB 11.8 run inside them. */
const ROOTS: Partial<Record<TestServer, string>> = {
  mysql: process.env.CHSYNC_CHROOT ?? '/var/cache/chsync/sid-root',
  mariadb11: process.env.CHSYNC_MARIADB_CHROOT ?? '/var/cache/chsync/sid-mariadb-root',
}
export const TLS_DIR = `${HOME}/tls`
export const ADMIN = { user: 'chsync', password: 'chsync-test-pw' }

export interface InstanceSpec {
  server: TestServer
  /** Short name: data directory and log file. */
  name: string
  port: number
  serverId: number
}

/**
 * Where the files are, as the server sees them. MySQL 9.7 and MariaDB 11.8 run in a chroot (`root`):
 * paths inside it and outside it differ, and the socket and pid file go to its /tmp.
 */
function paths(spec: InstanceSpec) {
  const root = ROOTS[spec.server]
  const log = `${HOME}/${spec.name}.log`
  if (root !== undefined) {
    const inside = `/var/lib/chsync-${spec.name}`
    const run = `/tmp/${spec.name}`
    return {
      root,
      datadir: inside,
      hostDatadir: `${root}${inside}`,
      tls: '/etc/chsync-tls',
      log,
      socket: `${run}.sock`,
      pid: `${run}.pid`,
      hostPid: `${root}${run}.pid`,
    }
  }
  const datadir = `${HOME}/${spec.name}`
  const pid = `${datadir}/mysqld.pid`
  return { root, datadir, hostDatadir: datadir, tls: TLS_DIR, log, socket: `${datadir}/mysqld.sock`, pid, hostPid: pid }
}

/** A command as run inside the instance's root, if it has one. */
function inRoot(root: string | undefined, command: string[]): string[] {
  return root === undefined ? command : ['chroot', root, ...command]
}

async function portOpen(port: number): Promise<boolean> {
  try {
    const s = await Bun.connect({ hostname: '127.0.0.1', port, socket: { data() {} } })
    s.end()
    return true
  } catch {
    return false
  }
}

export class ServerInstance {
  private proc: ReturnType<typeof Bun.spawn> | null = null

  readonly flavor: Flavor

  constructor(readonly spec: InstanceSpec) {
    this.flavor = flavorOf(spec.server)
  }

  get port(): number {
    return this.spec.port
  }

  get source() {
    return { host: '127.0.0.1', port: this.spec.port, ...ADMIN }
  }

  /** Initialises the data directory if needed and starts the server (idempotent). */
  async start(): Promise<void> {
    if (await portOpen(this.port)) return
    Bun.spawnSync(['bash', `${import.meta.dir}/tls.sh`, TLS_DIR])
    const p = paths(this.spec)
    const fresh = !existsSync(`${p.hostDatadir}/mysql`)
    if (p.root !== undefined) {
      mkdirSync(`${p.root}/etc/chsync-tls`, { recursive: true })
      for (const f of ['ca.pem', 'server.pem', 'server-key.pem'])
        await Bun.write(`${p.root}/etc/chsync-tls/${f}`, Bun.file(`${TLS_DIR}/${f}`))
    }
    if (fresh) {
      const init =
        this.flavor === 'mysql'
          ? ['/usr/sbin/mysqld', '--initialize-insecure', '--user=root', `--datadir=${p.datadir}`]
          : ['mariadb-install-db', '--user=root', `--datadir=${p.datadir}`, '--auth-root-authentication-method=normal']
      if (p.root === undefined) mkdirSync(p.datadir, { recursive: true })
      const r = Bun.spawnSync(inRoot(p.root, init))
      if (r.exitCode !== 0) throw new Error(`${init[0]} failed: ${r.stderr.toString().slice(-2000)}`)
    }
    // A server killed by a test leaves its socket file; the next one would meet it (see createUsers).
    rmSync(p.root === undefined ? p.socket : `${p.root}${p.socket}`, { force: true })
    // Each start writes its own log (the tail of an old one hides why this start failed).
    writeFileSync(p.log, '')
    const proc = Bun.spawn(this.command(p), { stdout: Bun.file(p.log), stderr: Bun.file(p.log), stdin: 'ignore' })
    this.proc = proc
    let exited = false
    void proc.exited.then(() => (exited = true))
    // A minute: a loaded machine can take long to start a server after a crash (recovery).
    for (let i = 0; i < 1200 && !exited && !(await portOpen(this.port)); i++) await Bun.sleep(50)
    if (!(await portOpen(this.port)))
      throw new Error(
        `${this.spec.name} did not start${exited ? ` (exit ${proc.exitCode})` : ''}:\n${readFileSync(p.log, 'utf8').slice(-3000)}`,
      )
    if (fresh) await this.createUsers()
  }

  private command(p: ReturnType<typeof paths>): string[] {
    const common = [
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      `--server-id=${this.spec.serverId}`,
      '--binlog-format=ROW',
      '--binlog-row-image=FULL',
      '--binlog-row-metadata=FULL',
      '--innodb-flush-log-at-trx-commit=2',
      '--sync-binlog=0',
      '--innodb-buffer-pool-size=128M',
      '--character-set-server=utf8mb4',
      '--max-connections=200',
      `--ssl-ca=${p.tls}/ca.pem`,
      `--ssl-cert=${p.tls}/server.pem`,
      `--ssl-key=${p.tls}/server-key.pem`,
    ]
    const files = [`--datadir=${p.datadir}`, `--socket=${p.socket}`, `--pid-file=${p.pid}`]
    if (this.flavor === 'mysql') {
      return inRoot(p.root, [
        '/usr/sbin/mysqld',
        '--user=root',
        ...files,
        '--mysqlx=OFF',
        '--log-bin=binlog',
        '--gtid-mode=ON',
        '--enforce-gtid-consistency=ON',
        '--log-replica-updates=ON',
        '--skip-replica-start',
        ...common,
      ])
    }
    return inRoot(p.root, [
      'mariadbd',
      '--user=root',
      ...files,
      '--log-bin=mariadb-bin',
      `--log-basename=${this.spec.name}`,
      '--gtid-strict-mode=ON',
      '--log-slave-updates=ON',
      '--skip-slave-start',
      ...common,
    ])
  }

  /** The accounts of test/servers/users.sql, over the local socket (root has no password there). */
  private async createUsers(): Promise<void> {
    const sql = readFileSync(`${import.meta.dir}/users.sql`, 'utf8')
    const p = paths(this.spec)
    const args = inRoot(p.root, [this.flavor === 'mysql' ? 'mysql' : 'mariadb', '--protocol=socket', '-S', p.socket, '-uroot'])
    // The TCP port opens before the server replaces a socket file a killed server left: retry a while.
    let r = Bun.spawnSync(args, { stdin: Buffer.from(sql) })
    for (let i = 0; i < 60 && r.exitCode !== 0; i++) {
      await Bun.sleep(250)
      r = Bun.spawnSync(args, { stdin: Buffer.from(sql) })
    }
    if (r.exitCode !== 0) throw new Error(`creating users on ${this.spec.name}: ${r.stderr.toString()}`)
  }

  async session(): Promise<mysql.Connection> {
    const conn = await mysql.createConnection({ ...this.source, multipleStatements: true, supportBigNumbers: true, bigNumberStrings: true })
    return conn
  }

  /** Stops the server: 'clean' waits for a shutdown, 'crash' kills it. */
  async stop(how: 'clean' | 'crash' = 'clean'): Promise<void> {
    const pid = this.pid()
    if (how === 'clean') {
      const s = await this.session().catch(() => null)
      if (s) {
        await s.query('SHUTDOWN').catch(() => {})
        await s.end().catch(() => {})
      }
    } else if (pid !== null) {
      process.kill(pid, 'SIGKILL')
    }
    for (let i = 0; i < 400 && (await portOpen(this.port)); i++) await Bun.sleep(50)
    await this.proc?.exited
    this.proc = null
    // The port closes early in a shutdown; the server still holds its files (MariaDB's Aria control
    // file among them) until it exits, and a server started before then aborts ("Unknown storage
    // engine 'Aria'"). A server another object started is not our child: wait for its pid to go.
    if (pid !== null) for (let i = 0; i < 1200 && alive(pid); i++) await Bun.sleep(50)
  }

  private pid(): number | null {
    try {
      return Number(readFileSync(paths(this.spec).hostPid, 'utf8').trim()) || null
    } catch {
      return null
    }
  }

  async restart(how: 'clean' | 'crash' = 'clean'): Promise<void> {
    await this.stop(how)
    await this.start()
  }

  /** Drops every non-system database and forgets binlogs and GTIDs: a clean start for a test. */
  async reset(): Promise<void> {
    const s = await this.session()
    try {
      if (this.flavor === 'mysql') {
        await s.query('STOP REPLICA').catch(() => {})
        await s.query('RESET REPLICA ALL').catch(() => {})
      } else {
        await s.query('STOP SLAVE').catch(() => {})
        await s.query('RESET SLAVE ALL').catch(() => {})
      }
      const [rows] = await s.query(
        "SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema')",
      )
      for (const { n } of rows as { n: string }[]) await s.query(`DROP DATABASE \`${n}\``)
      if (this.flavor === 'mysql') await s.query('RESET BINARY LOGS AND GTIDS')
      else await s.query("RESET MASTER; SET GLOBAL gtid_slave_pos = ''")
    } finally {
      await s.end()
    }
  }

  /** Makes this server a replica of `primary`, by GTID. */
  async replicateFrom(primary: ServerInstance): Promise<void> {
    const s = await this.session()
    try {
      if (this.flavor === 'mysql') {
        await s.query(
          `CHANGE REPLICATION SOURCE TO SOURCE_HOST='127.0.0.1', SOURCE_PORT=${primary.port}, SOURCE_USER='chsync', SOURCE_PASSWORD='${ADMIN.password}', SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1`,
        )
        await s.query('START REPLICA')
      } else {
        await s.query(
          `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='chsync', MASTER_PASSWORD='${ADMIN.password}', MASTER_USE_GTID=slave_pos`,
        )
        await s.query('START SLAVE')
      }
    } finally {
      await s.end()
    }
  }

  /** The executed GTID set (MySQL) or binlog position (MariaDB) as the server prints it. */
  async gtid(): Promise<string> {
    const s = await this.session()
    try {
      const [[row]] = (await s.query(
        this.flavor === 'mysql' ? 'SELECT @@global.gtid_executed AS g' : 'SELECT @@global.gtid_binlog_pos AS g',
      )) as unknown as [{ g: string }[]]
      return row.g.replace(/\s+/g, '')
    } finally {
      await s.end()
    }
  }

  /** Waits until this server has applied everything `primary` has. */
  async catchUpWith(primary: ServerInstance, ms = 60_000): Promise<void> {
    const target = await primary.gtid()
    const s = await this.session()
    try {
      if (this.flavor === 'mysql') await s.query('SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)', [target, ms / 1000])
      else await s.query('SELECT MASTER_GTID_WAIT(?, ?)', [target, ms / 1000])
    } finally {
      await s.end()
    }
  }

  /** Stops replication and makes the server a primary of its own. */
  async promote(): Promise<void> {
    const s = await this.session()
    try {
      if (this.flavor === 'mysql') await s.query('STOP REPLICA; RESET REPLICA ALL')
      else await s.query('STOP SLAVE; RESET SLAVE ALL')
    } finally {
      await s.end()
    }
  }
}

/** Ports of each server's failover pair. */
const PAIR_PORTS: Record<TestServer, number> = { mysql: 33326, mariadb10: 33336, mariadb11: 33346 }

/** The failover pair of a test server: primary and replica, on their own ports. */
export function pair(server: TestServer): [ServerInstance, ServerInstance] {
  const base = PAIR_PORTS[server]
  // The data directories of 10.11 keep their names from before there were two MariaDB servers.
  const name = server === 'mariadb10' ? 'mariadb' : server
  return [
    new ServerInstance({ server, name: `${name}-primary`, port: base, serverId: base }),
    new ServerInstance({ server, name: `${name}-replica`, port: base + 1, serverId: base + 1 }),
  ]
}

/**
 * Ports of each server's quiet instance: below the kernel's ephemeral range (32768 and up), where no
 * client connection of the tests can be holding them (one did: "Bind on TCP/IP port ... in use").
 */
const QUIET_PORTS: Record<TestServer, number> = { mysql: 31328, mariadb10: 31338, mariadb11: 31348 }

/**
 * A source nothing else writes to, for a test that needs one idle: the shared servers are kept busy
 * by other tests (their writes, purges and background work), and a busy source sends no heartbeats.
 */
export function quietInstance(server: TestServer): ServerInstance {
  const port = QUIET_PORTS[server]
  return new ServerInstance({ server, name: `${server}-quiet`, port, serverId: port })
}

/** Whether `pid` is a database server still running (not gone, not a zombie, not a reused pid). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && /^(mysqld|mariadbd)$/.test(name)
  } catch {
    return false
  }
}
