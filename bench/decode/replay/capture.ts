// `bun bench/decode/replay/capture.ts [--server mysql|mariadb10|mariadb11] [--rows N] OUT`: copies
// bench-decode's binlog range of one server into OUT (and OUT.json), so replay.ts can decode the
// very events bench-decode streams without a server, as often as a profiler needs.
//
// OUT is binlog-file bytes: the 4-byte magic, the range's first file's FORMAT_DESCRIPTION, then
// the range's events as the server stored (and sends) them, files after the first from their own
// FORMAT_DESCRIPTION on. OUT.json holds what decoding needs besides: the flavor, the source's
// collations, and the range with its row counts.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { BinlogClient } from '../../../src/binlog/index.ts'
import { type TestServer, ALL_SERVERS } from '../../../test/support/servers.ts'
import { MYSQL_ROOT, toolCommand } from '../decoders/native-tools.ts'
import { ensureRange } from '../generate.ts'
import { rangeFiles } from '../range.ts'
import { SERVERS } from '../servers.ts'
import type { Capture } from './capture-file.ts'

const args = process.argv.slice(2)
let server: TestServer = 'mysql'
let rows = 1_000_000
let out = ''
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--server') server = args[++i] as TestServer
  else if (args[i] === '--rows') rows = Number(args[++i])
  else out = args[i]
}
if (!out || !ALL_SERVERS.includes(server) || !Number.isInteger(rows) || rows <= 0) {
  console.error('usage: bun bench/decode/replay/capture.ts [--server mysql|mariadb10|mariadb11] [--rows N] OUT')
  process.exit(2)
}

const bench = SERVERS[server]
const { range } = await ensureRange(bench, { rows, regenerate: false, log: (l) => process.stderr.write(`[capture] ${l}\n`) })
const client = await BinlogClient.connect(bench.reader)
const collations = client.info.collations
client.close()

// The tool's --raw copies whole files (it ignores --stop-position); the range is cut out here.
const mysql = bench.flavor === 'mysql'
const local = mkdtempSync(`${mysql ? `${MYSQL_ROOT}/tmp` : '/tmp'}/chsync-capture-`)
try {
  const s = bench.reader
  const files = rangeFiles(range)
  const copy = Bun.spawnSync(
    [
      ...toolCommand(bench.flavor),
      '--raw',
      '--read-from-remote-server',
      `--host=${s.host}`,
      `--port=${s.port}`,
      `--user=${s.user}`,
      `--start-position=${range.start.offset}`,
      `--result-file=${mysql ? local.slice(MYSQL_ROOT.length) : local}/`,
      ...files,
    ],
    { env: { ...process.env, MYSQL_PWD: s.password ?? '' }, stderr: 'pipe' },
  )
  if (copy.exitCode !== 0) throw new Error(`--raw copy failed: ${copy.stderr.toString().trim()}`)
  const parts: Uint8Array[] = []
  for (const name of files) {
    const from = name === range.start.file ? range.start.offset : 0
    const to = name === range.end.file ? range.end.offset : Number.POSITIVE_INFINITY
    parts.push(...eventsBetween(readFileSync(`${local}/${name}`), from, to))
  }
  parts.unshift(Buffer.from([0xfe, 0x62, 0x69, 0x6e]))
  writeFileSync(out, Buffer.concat(parts))
  const meta: Capture = { server, flavor: bench.flavor, collations, range }
  writeFileSync(`${out}.json`, `${JSON.stringify(meta)}\n`)
  process.stderr.write(
    `[capture] ${server}: ${range.bytes} bytes of binlog, ${range.inserts + range.updates + range.deletes} row changes, in ${out}\n`,
  )
} finally {
  rmSync(local, { recursive: true, force: true })
}

/**
 * The events of one copied file that the server stored at offsets [from, to), and the file's
 * FORMAT_DESCRIPTION. The copy does not keep the server's offsets (with --start-position it holds
 * the magic, the FORMAT_DESCRIPTION, then the events from that position on), so each event is
 * placed by its header's log_pos (the server offset of the event after it) less its size.
 */
function eventsBetween(file: Buffer, from: number, to: number): Buffer[] {
  const kept: Buffer[] = []
  for (let p = 4; p < file.length; ) {
    const size = file.readUInt32LE(p + 9)
    const at = file.readUInt32LE(p + 13) - size
    if (p === 4 || (at >= from && at < to)) kept.push(file.subarray(p, p + size))
    p += size
  }
  return kept
}
