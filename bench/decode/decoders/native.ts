// The servers' own command-line readers as anchors beside chsync: `mysqlbinlog -vv` (MySQL 9.7's,
// in the MySQL chroot) or `mariadb-binlog -vv` (MariaDB's, on the host) decoding the range to text,
// and the same tool's `--raw` copying the binlog files unchanged: the byte rate a client can get
// out of the server, with nothing decoded.
// Usage: native.ts <job JSON> decode|raw

import { closeSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync } from 'node:fs'
import { type DecodeJob, type DecodeResult, readJob, reportResult } from '../measure.ts'
import { rangeFiles } from '../range.ts'
import { MYSQL_ROOT, toolCommand } from './native-tools.ts'

/** The range's files: --start-position applies to the first, --stop-position to the last. */
function rangeArgs(job: DecodeJob, files: string[]): string[] {
  const s = job.source
  return [
    '--read-from-remote-server',
    `--host=${s.host}`,
    `--port=${s.port}`,
    `--user=${s.user}`,
    `--start-position=${job.range.start.offset}`,
    `--stop-position=${job.range.end.offset}`,
    ...files,
  ]
}

const job = readJob()
const mode = process.argv[3]
if (mode !== 'decode' && mode !== 'raw') throw new Error('usage: native.ts <job JSON> decode|raw')
// The password through the environment, never on a command line (both tools read MYSQL_PWD).
const env = { ...process.env, MYSQL_PWD: job.source.password ?? '' }
const tool = toolCommand(job.range.flavor)
const files = rangeFiles(job.range)

reportResult(mode === 'decode' ? await decode() : await raw())

/**
 * Decodes to text, counting as the text streams by: each `### INSERT INTO`, `### UPDATE` and
 * `### DELETE FROM` of the bench table is one row change, each `###   @N=value` line that is not
 * `=NULL` one non-null value (both images of an update, as chsync counts them).
 */
async function decode(): Promise<DecodeResult> {
  const began = performance.now()
  const child = Bun.spawn([...tool, '-vv', '--base64-output=DECODE-ROWS', ...rangeArgs(job, files)], {
    env,
    stdout: 'pipe',
    stderr: 'pipe',
  })
  const rss = watchPeakRss(child.pid)
  const table = `\`${job.database}\`.\`${job.table}\``
  const counter = new RowTextCounter(table)
  for await (const chunk of child.stdout) counter.add(chunk)
  const peakRssMb = rss.stop()
  const code = await child.exited
  const seconds = (performance.now() - began) / 1000
  if (code !== 0) throw new Error(`${tool.at(-1)} exited with ${code}: ${(await new Response(child.stderr).text()).trim()}`)
  return { ...counter.result(), seconds, peakRssMb }
}

/**
 * Copies the range's files unchanged into a temporary folder (raw mode ignores --stop-position,
 * so it reads the last file to its end) and reports the seconds the range's bytes took at the
 * rate it reached; it decodes nothing, so it counts no rows.
 */
async function raw(): Promise<DecodeResult> {
  const local = mkdtempSync(`${job.range.flavor === 'mysql' ? `${MYSQL_ROOT}/tmp` : '/tmp'}/chsync-bench-raw-`)
  const seen = job.range.flavor === 'mysql' ? local.slice(MYSQL_ROOT.length) : local
  try {
    const began = performance.now()
    const child = Bun.spawn([...tool, '--raw', `--result-file=${seen}/`, ...rangeArgs(job, files)], {
      env,
      stdout: 'ignore',
      stderr: 'pipe',
    })
    const rss = watchPeakRss(child.pid)
    const code = await child.exited
    const peakRssMb = rss.stop()
    const seconds = (performance.now() - began) / 1000
    if (code !== 0) throw new Error(`${tool.at(-1)} --raw exited with ${code}: ${(await new Response(child.stderr).text()).trim()}`)
    // With --start-position the first file's copy is the magic, its FORMAT_DESCRIPTION, then the
    // events from that position on (not the file's bytes before it): only the events count.
    const bytes = readdirSync(local).reduce((sum, f) => sum + statSync(`${local}/${f}`).size, 0) - copyHeaderBytes(`${local}/${files[0]}`)
    return { inserts: 0, updates: 0, deletes: 0, values: 0, seconds: (seconds * job.range.bytes) / bytes, peakRssMb, transferBytes: bytes }
  } finally {
    rmSync(local, { recursive: true, force: true })
  }
}

/**
 * Follows the child's VmHWM (a high-water mark, so the last read before it exits is its peak to
 * within the last 50 ms) in MB; stop() ends the polling and gives the figure.
 */
function watchPeakRss(pid: number): { stop(): number } {
  let peak = 0
  const read = () => {
    try {
      const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (m) peak = Math.max(peak, (Number(m[1]) * 1024) / 1e6)
    } catch {
      // Gone already: keep the last figure.
    }
  }
  const timer = setInterval(read, 50)
  return {
    stop() {
      clearInterval(timer)
      return peak
    },
  }
}

/** Counts row changes and non-null values in the text of `-vv`, across chunk boundaries. */
class RowTextCounter {
  private carry = ''
  private inserts = 0
  private updates = 0
  private deletes = 0
  private values = 0
  /** Whether the current row event is the bench table's. */
  private inTable = false
  private readonly decoder = new TextDecoder()

  constructor(private readonly table: string) {}

  add(chunk: Uint8Array): void {
    const text = this.carry + this.decoder.decode(chunk, { stream: true })
    let from = 0
    for (let nl = text.indexOf('\n', from); nl >= 0; nl = text.indexOf('\n', from)) {
      if (text.startsWith('###', from)) this.line(text.slice(from, nl))
      from = nl + 1
    }
    this.carry = text.slice(from)
  }

  private line(l: string): void {
    if (l.startsWith('###   @')) {
      if (this.inTable && !l.startsWith('NULL', l.indexOf('=') + 1)) this.values++
      return
    }
    const m = /^### (INSERT INTO|UPDATE|DELETE FROM) (\S+)$/.exec(l)
    if (!m) return
    this.inTable = m[2] === this.table
    if (!this.inTable) return
    if (m[1] === 'INSERT INTO') this.inserts++
    else if (m[1] === 'UPDATE') this.updates++
    else this.deletes++
  }

  result(): Omit<DecodeResult, 'seconds' | 'peakRssMb'> {
    return { inserts: this.inserts, updates: this.updates, deletes: this.deletes, values: this.values }
  }
}

/** The magic and the FORMAT_DESCRIPTION at the head of a copied binlog file, in bytes. */
function copyHeaderBytes(path: string): number {
  const head = Buffer.alloc(4 + 13)
  const fd = openSync(path, 'r')
  try {
    if (readSync(fd, head, 0, head.length, 0) < head.length) throw new Error(`${path}: shorter than a binlog header`)
  } finally {
    closeSync(fd)
  }
  return 4 + head.readUInt32LE(4 + 9)
}
