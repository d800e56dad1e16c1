// The command line: the command table and --help on each command, version, usage errors (exit 2),
// every kind of configuration error (exit 78, naming the key), status against a live health
// socket (JSON, the TTY table, exit 0/4/69), and run's own start-up failures and log settings.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { $ } from 'bun'
import { COMMANDS } from '../../src/cli/commands.ts'
import { ExitCode } from '../../src/cli/exit-codes.ts'
import { HealthServer, Stats } from '../../src/health/index.ts'
import { main } from '../../src/cli.ts'
import { tableKey } from '../../src/model/index.ts'
import { StateStore } from '../../src/state/index.ts'
import { CLI } from './support/world.ts'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chsync-ops-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs main() in this process; stdout, stderr and the exit code. */
async function cli(argv: string[], opts: { env?: Record<string, string | undefined>; tty?: boolean } = {}) {
  let out = ''
  let err = ''
  const code = await main(argv, {
    env: opts.env ?? {},
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stdoutIsTTY: opts.tty ?? false,
  })
  return { code, out, err }
}

function configFile(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('commands and help', () => {
  test('--help lists every command of the table, the exit codes and the config keys', async () => {
    const r = await cli(['--help'])
    expect(r.code).toBe(0)
    const width = Math.max(...COMMANDS.map((c) => c.name.length))
    for (const c of COMMANDS) expect(r.out).toContain(`\n  ${c.name.padEnd(width)}  ${c.summary}\n`)
    expect(r.out).toContain(
      '\n   78  invalid configuration (every problem is listed); `run`: the source or ClickHouse refuses the account, or target.url is not ClickHouse\n',
    )
    expect(r.out).toContain('  socket = "/run/chsync/health.sock"    path or ""    CHSYNC_HEALTH_SOCKET\n')
  })

  test('run, check, status and version are in the table (others add theirs), names unique', () => {
    const names = COMMANDS.map((c) => c.name)
    expect(names.filter((n) => ['run', 'check', 'status', 'version'].includes(n))).toEqual(['run', 'check', 'status', 'version'])
    expect(new Set(names).size).toBe(names.length)
  })

  test.each(COMMANDS.map((c) => c.name))('chsync %s --help prints its usage and exits 0', async (name) => {
    const command = COMMANDS.find((c) => c.name === name)!
    const r = await cli([name, '--help'])
    expect(r.code).toBe(0)
    expect(r.out).toBe(command.usage)
    expect(r.out).toStartWith(`usage: chsync ${name}`)
    expect((await cli(['help', name])).out).toBe(command.usage)
  })

  test('no command: the help on stdout and exit 2', async () => {
    const r = await cli([])
    expect(r.code).toBe(ExitCode.USAGE)
    expect(r.out).toStartWith('chsync — replicate MySQL and MariaDB into ClickHouse')
  })

  test('version, --version and -V', async () => {
    for (const argv of [['version'], ['--version'], ['-V']]) {
      const r = await cli(argv)
      expect(r.code).toBe(0)
      expect(r.out).toBe(`chsync 0.1.0 (dev) bun ${Bun.version}\n`)
    }
  })

  test('usage errors exit 2 and point at the help', async () => {
    expect(await cli(['replicate'])).toEqual({ code: 2, out: '', err: 'chsync: unknown command "replicate"; see chsync --help\n' })
    expect(await cli(['status', '--bogus'])).toEqual({
      code: 2,
      out: '',
      err: 'chsync: chsync status has no option --bogus; see chsync status --help\n',
    })
    expect(await cli(['run', '--stop-timeout'])).toEqual({
      code: 2,
      out: '',
      err: 'chsync: option --stop-timeout needs a value; see chsync run --help\n',
    })
    const cfg = configFile('ok.toml', '')
    expect(await cli(['run', '-c', cfg, '--stop-timeout', 'soon'])).toEqual({
      code: 2,
      out: '',
      err: 'chsync: --stop-timeout must be a duration like 30s or 2m, got "soon"; see chsync run --help\n',
    })
    expect(await cli(['help', 'nope'])).toEqual({ code: 2, out: '', err: 'chsync: unknown command "nope"; see chsync --help\n' })
  })

  test('a real process exits with the code main returns', async () => {
    expect((await $`bun ${CLI} nope`.quiet().nothrow()).exitCode).toBe(2)
    const v = await $`bun ${CLI} --version`.quiet().nothrow()
    expect(v.exitCode).toBe(0)
    expect(v.stdout.toString()).toBe(`chsync 0.1.0 (dev) bun ${Bun.version}\n`)
  })
})

describe('configuration errors: exit 78, every problem named by its key', () => {
  test('-c names a file that does not exist', async () => {
    const path = join(dir, 'missing.toml')
    expect(await cli(['check', '-c', path])).toEqual({
      code: 78,
      out: '',
      err: `invalid configuration in ${path} (1 problem):\n  - config file ${path} cannot be read: no such file\n`,
    })
  })

  test('CHSYNC_CONFIG names a file that does not exist', async () => {
    const path = join(dir, 'from-env.toml')
    const r = await cli(['status'], { env: { CHSYNC_CONFIG: path } })
    expect(r.code).toBe(78)
    expect(r.err).toBe(
      `invalid configuration in ${path} (1 problem):\n  - config file ${path} (from CHSYNC_CONFIG) cannot be read: no such file\n`,
    )
  })

  test('not TOML', async () => {
    const path = configFile('broken.toml', '[source\n')
    const r = await cli(['run', '-c', path])
    expect(r.code).toBe(78)
    expect(r.err).toBe(
      `invalid configuration in ${path} (1 problem):\n  - ${path} is not valid TOML: illegal character in key (line 1, column 8)\n`,
    )
  })

  test('unknown keys, wrong types, impossible values and bad environment values, all at once', async () => {
    const path = configFile('wrong.toml', '[source]\nurl = 5\nbogus = 1\n[snapshot]\nparallelism = "x"\n[health]\ntcp = "nowhere"\n')
    const r = await cli(['check', '-c', path], { env: { CHSYNC_LOG_LEVEL: 'loud' } })
    expect(r.code).toBe(78)
    expect(r.out).toBe('')
    expect(r.err.split('\n')).toEqual([
      `invalid configuration in ${path} (5 problems):`,
      '  - unknown key "source.bogus"',
      '  - "source.url" must be a URL like "mysql://repl@127.0.0.1:3306", got the number "5"',
      '  - "snapshot.parallelism" must be an integer from 1 to 64, got the string "x"',
      '  - "health.tcp" must be "" or "host:port" with a port from 1 to 65535 (e.g. "127.0.0.1:9105"), got "nowhere"',
      '  - "log.level" (from CHSYNC_LOG_LEVEL) must be one of "debug", "info", "warn", "error", got "loud"',
      '',
    ])
  })

  test('a password never shows in a configuration error', async () => {
    const path = configFile('pw.toml', '[source]\nurl = "ftp://repl:hunter2-Zq9@db:3306"\n')
    const r = await cli(['run', '-c', path])
    expect(r.code).toBe(78)
    expect(r.err).toContain('"source.url" must use mysql:// or mariadb://')
    expect(r.err).not.toContain('hunter2-Zq9')
  })
})

describe('table names on the command line', () => {
  test('resync of a bare table name suggests the replicated tables of that name', async () => {
    const statePath = join(dir, 'resync-names.db')
    const state = StateStore.open(statePath)
    for (const [database, table] of [
      ['shop', 'orders'],
      ['crm', 'orders'],
      ['shop', 'items'],
    ])
      state.saveTable({ database, table, stage: 'streaming', snapshotVersion: 1n, cursor: null, rowsCopied: 0, rowsEstimate: 0 })
    state.close()
    const cfg = configFile('resync-names.toml', `[state]\npath = "${statePath}"\n[health]\nsocket = ""\n`)
    expect(await cli(['resync', '-c', cfg, 'orders'])).toEqual({
      code: 2,
      out: '',
      err: 'chsync: "orders" is not a table name: did you mean crm.orders or shop.orders?; see chsync resync --help\n',
    })
    expect((await cli(['resync', '-c', cfg, 'nothing'])).err).toBe(
      'chsync: "nothing" is not a table name: write it with its database: db.nothing; see chsync resync --help\n',
    )
    const fresh = configFile('resync-fresh.toml', `[state]\npath = "${join(dir, 'none.db')}"\n[health]\nsocket = ""\n`)
    expect((await cli(['resync', '-c', fresh, 'a.b'])).err).toBe(
      'chsync resync: chsync has not started yet: the first run copies every table\n',
    )
    expect((await cli(['resync', '-c', fresh, '`a.b`'])).err).toBe(
      'chsync: "`a.b`" is not a table name: write it with its database: db.`a.b`; see chsync resync --help\n',
    )
  })
})

describe('status', () => {
  const stats = new Stats()
  let server: HealthServer
  let socket: string
  beforeAll(async () => {
    socket = join(dir, 'status', 'health.sock')
    stats.stage = 'streaming'
    stats.caughtUp = true
    stats.gtidDiff = 0
    stats.serverGtid = 'c92d9ce2-e5f9-11f1-ad3d-02fc00000001:1-100'
    stats.consumerGtid = 'c92d9ce2-e5f9-11f1-ad3d-02fc00000001:1-100'
    server = await HealthServer.start({ stats, socket, tcp: { host: '127.0.0.1', port: 0 }, version: '0.1.0', commit: 'x' })
  })
  afterAll(() => server.stop())

  test('--socket: the health JSON as received, exit 0 when healthy', async () => {
    const r = await cli(['status', '--socket', socket])
    expect(r.code).toBe(0)
    const body = JSON.parse(r.out)
    expect(body.stage).toBe('streaming')
    expect(body.gtid_diff).toBe(0)
    expect(r.out.endsWith('}\n')).toBe(true)
  })

  test('the socket from the configuration (health.socket), exit 4 while not healthy', async () => {
    const cfg = configFile('status.toml', `[health]\nsocket = "${socket}"\n`)
    stats.stage = 'starting'
    try {
      const r = await cli(['status', '-c', cfg])
      expect(r.code).toBe(ExitCode.UNHEALTHY)
      expect(JSON.parse(r.out).status).toBe('starting')
    } finally {
      stats.stage = 'streaming'
    }
  })

  test('--url over TCP', async () => {
    const r = await cli(['status', '--url', server.tcpUrl!])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out).status).toBe('ok')
  })

  test('a table on a terminal; --json forces JSON', async () => {
    const r = await cli(['status', '--socket', socket], { tty: true })
    expect(r.code).toBe(0)
    const lines = r.out.split('\n')
    expect(lines[0]).toBe(`chsync 0.1.0 at ${socket}`)
    expect(lines).toContain('  status          ok')
    expect(lines).toContain('  stage           streaming')
    expect(lines).toContain('  lag             0 s')
    expect(lines).toContain('  behind (GTIDs)  0 transactions')
    expect(lines).toContain('  source GTIDs    c92d9ce2-e5f9-11f1-ad3d-02fc00000001:1-100')
    const j = await cli(['status', '--socket', socket, '--json'], { tty: true })
    expect(JSON.parse(j.out).stage).toBe('streaming')
  })

  test('degraded: exit 4; the table names each table set aside and left out with its reason', async () => {
    stats.tablesFailed.set(tableKey('shop', 'orders'), {
      reason: 'ClickHouse refused: Code: 44. DB::Exception: Cannot ALTER key column id',
      sinceMs: Date.now(),
    })
    stats.tablesLeftOut.set(
      tableKey('shop', 'a.b'),
      'chsync cannot read it on the source: SELECT command denied; GRANT SELECT ON `shop`.`a.b` TO the replication user',
    )
    stats.tablesLeftOut.set(tableKey('crm', 'deals'), 'the target cannot hold it: column _version has the name of a column chsync adds')
    try {
      const r = await cli(['status', '--socket', socket], { tty: true })
      expect(r.code).toBe(ExitCode.UNHEALTHY)
      const lines = r.out.split('\n')
      expect(lines.slice(1, 6)).toEqual([
        '  status          degraded: 1 table set aside',
        '  stage           streaming',
        '  set aside       shop.orders: ClickHouse refused: Code: 44. DB::Exception: Cannot ALTER key column id',
        '  left out        shop.`a.b`: chsync cannot read it on the source: SELECT command denied; GRANT SELECT ON `shop`.`a.b` TO the replication user',
        '                  crm.deals: the target cannot hold it: column _version has the name of a column chsync adds',
      ])
      const j = await cli(['status', '--socket', socket])
      expect(j.code).toBe(ExitCode.UNHEALTHY)
      const body = JSON.parse(j.out)
      expect([body.status, body.tables_failed, body.tables_left_out.map((t: { table: string }) => t.table)]).toEqual([
        'degraded',
        [{ table: 'shop.orders', reason: 'ClickHouse refused: Code: 44. DB::Exception: Cannot ALTER key column id' }],
        ['shop.`a.b`', 'crm.deals'],
      ])
      // Left out alone is not degraded: the other tables are whole.
      stats.tablesFailed.clear()
      const left = await cli(['status', '--socket', socket], { tty: true })
      expect(left.code).toBe(0)
      expect(left.out).toContain('\n  status          ok\n')
      expect(left.out).toContain('\n  left out        shop.`a.b`: ')
    } finally {
      stats.tablesFailed.clear()
      stats.tablesLeftOut.clear()
    }
  })

  test('the usage and --help say that degraded is exit 4', async () => {
    expect((await cli(['status', '--help'])).out).toContain('4 answering but not healthy\n(starting, stopping, error, or degraded)')
    expect((await cli(['--help'])).out).toContain(
      '\n    4  `status`: chsync answers but is starting, stopping, failed or degraded (a table set aside)\n',
    )
  })

  test('nothing answering: exit 69 and why, in the words of someone running chsync', async () => {
    const missing = join(dir, 'nobody.sock')
    expect(await cli(['status', '--socket', missing])).toEqual({
      code: ExitCode.UNAVAILABLE,
      out: '',
      err: `chsync status: no chsync is running there: ${missing} does not exist (is it the health.socket of the chsync you mean?)\n`,
    })
    const notSocket = configFile('not-a-socket', '')
    expect((await cli(['status', '--socket', notSocket])).err).toBe(
      `chsync status: ${notSocket} is not a socket: no chsync is running there\n`,
    )
    // A socket file left by a process killed while listening on it.
    const left = join(dir, 'left.sock')
    const holder = Bun.spawn(['bun', '-e', `Bun.listen({ unix: ${JSON.stringify(left)}, socket: { data() {} } }); console.log('up')`], {
      stdout: 'pipe',
    })
    await holder.stdout.getReader().read()
    holder.kill('SIGKILL')
    await holder.exited
    expect(await cli(['status', '--socket', left])).toEqual({
      code: ExitCode.UNAVAILABLE,
      out: '',
      err: `chsync status: no chsync is running there: nothing listens on ${left} (a chsync that stopped left it behind)\n`,
    })
    const port = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } })
    const url = `http://127.0.0.1:${port.port}/`
    port.stop(true)
    expect((await cli(['status', '--url', url])).err).toBe(`chsync status: no chsync is running there: nothing listens at ${url}\n`)
  })

  test('no health endpoint configured: a usage error', async () => {
    const cfg = configFile('nohealth.toml', '[health]\nsocket = ""\n')
    expect(await cli(['status', '-c', cfg])).toEqual({
      code: 2,
      out: '',
      err: 'chsync: the configuration has no health endpoint (health.socket and health.tcp are both off); give --socket or --url; see chsync status --help\n',
    })
  })
})

describe('run: start-up failures, log.level and log.format', () => {
  const holder = new Stats()
  let busy: HealthServer
  beforeAll(async () => {
    busy = await HealthServer.start({ stats: holder, socket: join(dir, 'busy.sock'), tcp: null, version: 'x', commit: 'x' })
  })
  afterAll(() => busy.stop())

  test('the health socket is held by another process: exit 1, said in a JSON log line', async () => {
    const cfg = configFile(
      'busy.toml',
      `[state]\npath = "${join(dir, 'busy-state.db')}"\n[health]\nsocket = "${join(dir, 'busy.sock')}"\n[log]\nformat = "json"\n`,
    )
    const r = await $`bun ${CLI} run -c ${cfg}`
      .env({ ...process.env, CHSYNC_SOURCE_PASSWORD: 'pw-Qz7-long-enough' })
      .quiet()
      .nothrow()
    const stderr = r.stderr.toString()
    expect({ code: r.exitCode, stderr }).toMatchObject({ code: 1 })
    const lines = stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.length).toBe(1)
    const line = lines[0]!
    expect(line.level).toBe('error')
    expect(line.msg).toBe('cannot start the health endpoint')
    expect(line.error).toBe(`health.socket ${join(dir, 'busy.sock')} is in use by a running process (another chsync?)`)
  })

  test('log.format = "human" and log.level: which lines, in which form', async () => {
    // The state file cannot be created under a regular file: run fails right after the health endpoint is up.
    const blocker = configFile('blocker', 'x')
    const text = (level: string, format: string) =>
      `[state]\npath = "${join(blocker, 'state.db')}"\n[health]\nsocket = "${join(dir, `h-${level}.sock`)}"\n[log]\nlevel = "${level}"\nformat = "${format}"\n`
    const info = await $`bun ${CLI} run -c ${configFile('info.toml', text('info', 'human'))}`
      .env({ ...process.env, CHSYNC_SOURCE_PASSWORD: 'pw-Qz7-long-enough' })
      .quiet()
      .nothrow()
    expect(info.exitCode).toBe(1)
    const lines = info.stderr.toString().trim().split('\n')
    expect(lines.length).toBe(2)
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}health endpoint listening {2}socket=\S+h-info\.sock$/)
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR replication failed {2}error=cannot open the state file /)
    const quiet = await $`bun ${CLI} run -c ${configFile('error.toml', text('error', 'json'))}`
      .env({ ...process.env, CHSYNC_SOURCE_PASSWORD: 'pw-Qz7-long-enough' })
      .quiet()
      .nothrow()
    expect(quiet.exitCode).toBe(1)
    const only = quiet.stderr
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(only.map((l) => [l.level, l.msg])).toEqual([['error', 'replication failed']])
  })

  test('a password shorter than 8 characters: a warning naming where it is set, never the password', async () => {
    const blocker = configFile('blocker-short', 'x')
    const cfg = configFile('short.toml', `[state]\npath = "${join(blocker, 'state.db')}"\n[health]\nsocket = ""\n[log]\nformat = "json"\n`)
    const r = await $`bun ${CLI} run -c ${cfg}`
      .env({ ...process.env, CHSYNC_SOURCE_PASSWORD: 'pw-Qz7' })
      .quiet()
      .nothrow()
    const stderr = r.stderr.toString()
    expect(stderr).not.toContain('pw-Qz7')
    const lines = stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines[0]).toMatchObject({
      level: 'warn',
      msg: 'the source password is shorter than 8 characters: logs and health answers hide it wherever those characters appear, which garbles other text holding them; a longer one is safer',
    })
  })
})
