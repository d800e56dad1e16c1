// bench/startup: how long the compiled binary takes from exec to a healthy health socket, and how
// big it is. `make bench-startup` (or `bun bench/startup/main.ts [BINARY] [--runs N] [--server mysql|mariadb]`).
//
// Each run starts `chsync run` against a test server twice: a first start (no state file: it
// registers as a replica, copies a 1,000-row table, then streams) and a restart on that state
// (streams from the committed position). It polls the UNIX socket every 2 ms and records when it
// first answers at all and when it first answers HTTP 200 (copying or streaming), then sends
// SIGTERM and records the exit. Medians over the runs are printed, with the last line
// `startup: exec→healthy first start X ms, restart Y ms (median of N); --version Z ms; binary S MiB`.

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import mysql from 'mysql2/promise'

const SERVERS = {
  mysql: { port: 33307, scheme: 'mysql' },
  mariadb: { port: 33306, scheme: 'mariadb' },
} as const
const DATABASE = 'bench_startup'

interface Options {
  binary: string
  runs: number
  server: keyof typeof SERVERS
}

function options(argv: string[]): Options {
  const o: Options = { binary: resolve('dist/chsync'), runs: 5, server: 'mysql' }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--runs') o.runs = Number(argv[++i])
    else if (a === '--server') o.server = argv[++i] as Options['server']
    else if (!a.startsWith('-')) o.binary = resolve(a)
    else throw new Error(`unknown option ${a}`)
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs must be a positive integer')
  if (!(o.server in SERVERS)) throw new Error('--server must be mysql or mariadb')
  return o
}

/** A database with one 1,000-row table, written by the all-privileges test account. */
async function prepare(server: Options['server']): Promise<void> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: SERVERS[server].port, user: 'chsync', password: 'chsync-test-pw' })
  await conn.query(`DROP DATABASE IF EXISTS ${DATABASE}`)
  await conn.query(`CREATE DATABASE ${DATABASE}`)
  await conn.query(`CREATE TABLE ${DATABASE}.items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2))`)
  await conn.query(
    `INSERT INTO ${DATABASE}.items VALUES ${Array.from({ length: 1000 }, (_, i) => `(${i}, 'item ${i}', ${i}.99)`).join(',')}`,
  )
  await conn.end()
}

interface Timing {
  socketMs: number
  healthyMs: number
  stopMs: number
}

async function answer(socket: string): Promise<number | null> {
  try {
    const res = await fetch('http://localhost/health', { unix: socket, signal: AbortSignal.timeout(1000) })
    await res.arrayBuffer()
    return res.status
  } catch {
    return null
  }
}

async function startOnce(binary: string, dir: string, env: Record<string, string | undefined>): Promise<Timing> {
  const socket = join(dir, 'health.sock')
  const t0 = performance.now()
  const proc = Bun.spawn([binary, 'run', '-c', join(dir, 'config.toml')], { env, stdout: 'ignore', stderr: 'pipe' })
  let socketMs = -1
  let healthyMs = -1
  const deadline = t0 + 60_000
  while (performance.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`chsync exited with ${proc.exitCode}: ${await new Response(proc.stderr).text()}`)
    const status = await answer(socket)
    const now = performance.now() - t0
    if (status !== null && socketMs < 0) socketMs = now
    if (status === 200) {
      healthyMs = now
      break
    }
    await Bun.sleep(2)
  }
  if (healthyMs < 0) {
    proc.kill('SIGKILL')
    throw new Error('chsync did not become healthy within 60 s')
  }
  const s0 = performance.now()
  proc.kill('SIGTERM')
  const code = await proc.exited
  if (code !== 0) throw new Error(`chsync exited with ${code} after SIGTERM: ${await new Response(proc.stderr).text()}`)
  return { socketMs, healthyMs, stopMs: performance.now() - s0 }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const ms = (x: number) => `${x.toFixed(1)} ms`

async function main(): Promise<void> {
  const o = options(process.argv.slice(2))
  const size = statSync(o.binary).size
  await prepare(o.server)
  const env: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('CHSYNC_') && k !== 'NOTIFY_SOCKET') env[k] = v
  env.CHSYNC_SOURCE_PASSWORD = 'repl-test-pw'

  const versions: number[] = []
  for (let i = 0; i < o.runs; i++) {
    const t0 = performance.now()
    const p = Bun.spawn([o.binary, '--version'], { stdout: 'ignore' })
    await p.exited
    versions.push(performance.now() - t0)
  }

  const first: Timing[] = []
  const restart: Timing[] = []
  for (let run = 0; run < o.runs; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'chsync-bench-startup-'))
    try {
      writeFileSync(
        join(dir, 'config.toml'),
        `[source]\nurl = "${SERVERS[o.server].scheme}://repl@127.0.0.1:${SERVERS[o.server].port}"\nserver_id = ${200_000 + run}\n` +
          `[target]\nurl = "http://default@127.0.0.1:18123"\ndatabase_prefix = "bench_startup_${run}_"\n` +
          `[replicate]\ndatabases = ["${DATABASE}"]\n[state]\npath = "${join(dir, 'state.db')}"\n[health]\nsocket = "${join(dir, 'health.sock')}"\n[log]\nformat = "json"\n`,
      )
      first.push(await startOnce(o.binary, dir, env))
      restart.push(await startOnce(o.binary, dir, env))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  await dropTargets(o.runs, o.server)

  console.log(`binary        ${o.binary}`)
  console.log(`size          ${size} bytes (${(size / 2 ** 20).toFixed(1)} MiB)`)
  console.log(`source        ${o.server}, ${o.runs} runs, medians:`)
  console.log(`--version     ${ms(median(versions))}`)
  console.log('              socket answers   healthy (HTTP 200)   SIGTERM to exit')
  for (const [label, t] of [
    ['first start', first],
    ['restart', restart],
  ] as const)
    console.log(
      `${label.padEnd(13)} ${ms(median(t.map((x) => x.socketMs))).padStart(14)}   ${ms(median(t.map((x) => x.healthyMs))).padStart(18)}   ${ms(median(t.map((x) => x.stopMs))).padStart(15)}`,
    )
  console.log(
    `startup: exec→healthy first start ${ms(median(first.map((x) => x.healthyMs)))}, restart ${ms(median(restart.map((x) => x.healthyMs)))} (median of ${o.runs}); --version ${ms(median(versions))}; binary ${(size / 2 ** 20).toFixed(1)} MiB`,
  )
}

/** The benchmark's ClickHouse databases (one prefix per run) and its source database. */
async function dropTargets(runs: number, server: Options['server']): Promise<void> {
  for (let run = 0; run < runs; run++)
    await fetch(`http://127.0.0.1:18123/?query=${encodeURIComponent(`DROP DATABASE IF EXISTS bench_startup_${run}_${DATABASE}`)}`, {
      method: 'POST',
    })
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: SERVERS[server].port, user: 'chsync', password: 'chsync-test-pw' })
  await conn.query(`DROP DATABASE IF EXISTS ${DATABASE}`)
  await conn.end()
}

await main()
