// chsync as the benchmarks run it: `bun src/cli.ts run -c config.toml` in a child process with a
// fresh state file, its JSON log lines kept with the time each arrived, and its peak RSS sampled
// from /proc while it runs (VmHWM only grows, so the last sample before the exit is the peak).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Flavor } from '../../src/binlog/index.ts'
import { peakRssMb } from './child.ts'
import { cpuSeconds } from './cpu.ts'
import { CLICKHOUSE_URL, SOURCES, serverOf } from './servers.ts'

/** chsync's entry point; CHSYNC_BENCH_CLI points at another checkout's (a before/after comparison). */
const CLI = process.env.CHSYNC_BENCH_CLI ?? join(import.meta.dir, '../../src/cli.ts')

export interface ChsyncSetup {
  flavor: Flavor
  /** Source databases to replicate. */
  databases: string[]
  /** Table globs ("db.table"); all tables of the databases when absent. */
  tables?: string[]
  /** Extra TOML sections and keys, appended to the generated config. */
  extra?: string
  serverId: number
  /** Options for bun itself, e.g. ["--cpu-prof-md", "--cpu-prof-dir=/tmp/p"] (CHSYNC_BENCH_BUN_ARGS adds to them). */
  bunArgs?: string[]
}

export interface LogLine {
  /** performance.now() in the parent when the line arrived. */
  at: number
  line: Record<string, unknown>
}

export class ChsyncProcess {
  readonly dir: string
  readonly statePath: string
  readonly configPath: string
  private proc: ReturnType<typeof Bun.spawn> | null = null
  private sampler: ReturnType<typeof setInterval> | null = null
  private peak = 0
  private cpu = 0
  readonly lines: LogLine[] = []
  private readonly other: string[] = []
  startedAt = 0
  /** Index in `lines` of the current run's first line. */
  private firstLine = 0
  readonly flavor: Flavor
  private readonly bunArgs: string[]

  constructor(setup: ChsyncSetup) {
    this.flavor = setup.flavor
    this.bunArgs = [...(setup.bunArgs ?? []), ...(process.env.CHSYNC_BENCH_BUN_ARGS ?? '').split(/\s+/).filter(Boolean)]
    this.dir = mkdtempSync(join(tmpdir(), 'chsync-bench-'))
    this.statePath = join(this.dir, 'state.db')
    this.configPath = join(this.dir, 'config.toml')
    const src = SOURCES[serverOf(setup.flavor)]
    writeFileSync(
      this.configPath,
      `[source]
url = "${setup.flavor}://${src.user}@${src.host}:${src.port}"
server_id = ${setup.serverId}
heartbeat_seconds = 1
[target]
url = "${CLICKHOUSE_URL.replace('http://', 'http://default@')}"
[replicate]
databases = ${JSON.stringify(setup.databases)}
tables = ${JSON.stringify(setup.tables ?? ['*'])}
[state]
path = "${this.statePath}"
[health]
socket = ""
[log]
level = "info"
format = "json"
${setup.extra ?? ''}
`,
    )
  }

  /** Starts chsync; the same state file is used by every start of this object. `env` adds to its environment. */
  start(env: Record<string, string> = {}): void {
    if (this.proc) throw new Error('chsync already running')
    this.startedAt = performance.now()
    this.firstLine = this.lines.length
    const proc = Bun.spawn([process.execPath, ...this.bunArgs, CLI, 'run', '-c', this.configPath], {
      env: { ...process.env, CHSYNC_SOURCE_PASSWORD: SOURCES[serverOf(this.flavor)].password ?? '', CHSYNC_TEST_NO_SERVERS: '1', ...env },
      stdout: 'pipe',
      stderr: 'pipe',
    })
    this.proc = proc
    this.peak = 0
    this.cpu = 0
    void this.collect(proc.stderr as ReadableStream<Uint8Array>)
    void this.collect(proc.stdout as ReadableStream<Uint8Array>)
    this.sampler = setInterval(() => void this.sample(), 50)
  }

  private async collect(s: ReadableStream<Uint8Array>): Promise<void> {
    const dec = new TextDecoder()
    let rest = ''
    for await (const chunk of s) {
      rest += dec.decode(chunk, { stream: true })
      let nl = rest.indexOf('\n')
      while (nl >= 0) {
        const text = rest.slice(0, nl)
        rest = rest.slice(nl + 1)
        if (text.startsWith('{')) {
          try {
            this.lines.push({ at: performance.now(), line: JSON.parse(text) as Record<string, unknown> })
          } catch {
            this.other.push(text)
          }
        } else if (text.trim() !== '') this.other.push(text)
        nl = rest.indexOf('\n')
      }
    }
  }

  /** Takes a sample of RSS and CPU now (they are also taken every 50 ms). */
  sampleNow(): Promise<void> {
    return this.sample()
  }

  private async sample(): Promise<void> {
    const pid = this.proc?.pid
    if (pid === undefined) return
    const mb = await peakRssMb(pid)
    if (mb !== null && mb > this.peak) this.peak = mb
    const cpu = cpuSeconds(pid)
    if (cpu !== null) this.cpu = cpu
  }

  /** CPU seconds of the current or last run (as of the last sample, every 50 ms). */
  get cpuSeconds(): number {
    return this.cpu
  }

  /** Peak RSS (VmHWM) of the current or last run, in MB. */
  get peakRssMb(): number {
    return this.peak
  }

  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null
  }

  /** The current run's first log line (after `from` lines of it) whose message is `msg`; waits up to `ms`. */
  async waitFor(msg: string, ms: number, from = 0): Promise<LogLine> {
    from += this.firstLine
    const deadline = performance.now() + ms
    for (;;) {
      const found = this.lines.slice(from).find((l) => l.line.msg === msg)
      if (found) return found
      if (this.proc && this.proc.exitCode !== null)
        throw new Error(`chsync exited with ${this.proc.exitCode} before "${msg}": ${this.tail()}`)
      if (performance.now() > deadline) throw new Error(`no "${msg}" from chsync within ${ms / 1000} s: ${this.tail()}`)
      await Bun.sleep(20)
    }
  }

  /** Waits for the process to exit by itself; returns its exit code. */
  async exited(ms: number): Promise<number> {
    const p = this.proc
    if (!p) throw new Error('chsync is not running')
    const timer = setTimeout(() => p.kill('SIGKILL'), ms)
    const code = await p.exited
    clearTimeout(timer)
    await this.finish()
    return code
  }

  /** Stops with SIGTERM (flush and commit) and waits; SIGKILL after `ms`. */
  async stop(ms = 60_000): Promise<number | null> {
    const p = this.proc
    if (!p) return null
    await this.sample()
    p.kill('SIGTERM')
    return this.exited(ms)
  }

  private async finish(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler)
    this.sampler = null
    this.proc = null
  }

  /** The last lines of what chsync said, for error messages. */
  tail(n = 8): string {
    const json = this.lines.slice(-n).map((l) => JSON.stringify(l.line))
    return [...this.other.slice(-n), ...json].join('\n')
  }

  close(): void {
    this.proc?.kill('SIGKILL')
    if (this.sampler) clearInterval(this.sampler)
    rmSync(this.dir, { recursive: true, force: true })
  }
}
