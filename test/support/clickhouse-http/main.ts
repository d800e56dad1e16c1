// Serves ClickHouse's HTTP interface on 127.0.0.1 from one chDB session (test support):
//   bun test/support/clickhouse-http/main.ts --port 18123 --data DIR
// Prints one line when listening ("listening on 127.0.0.1:PORT …", so --port 0 can be used) and
// one line per failed request. SIGTERM or SIGINT: finish the request in progress, release the
// data directory, exit 0.

import { closeSync, readdirSync, readlinkSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ChdbEngine } from './engine.ts'
import { createHandler } from './handler.ts'

// A long-lived server must not keep its launcher's files open: test/servers/up holds an flock on
// fd 9 while it runs, and an adapter that inherited it would keep every later `up` waiting.
// Only regular files are closed; Bun's own descriptors at this point are pipes, sockets, /dev and anon inodes.
for (const fd of readdirSync('/proc/self/fd')
  .map(Number)
  .filter((fd) => fd > 2)) {
  let target: string
  try {
    target = readlinkSync(`/proc/self/fd/${fd}`)
  } catch {
    continue
  }
  if (target.startsWith('/') && !target.startsWith('/dev/') && !target.startsWith('/proc/')) closeSync(fd)
}

const { values } = parseArgs({ options: { port: { type: 'string' }, data: { type: 'string' } } })
const port = Number(values.port)
if (values.data === undefined || values.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
  console.log('usage: bun test/support/clickhouse-http/main.ts --port PORT --data DIR')
  process.exit(2)
}

let engine: ChdbEngine
try {
  engine = await ChdbEngine.open(values.data)
} catch (error) {
  console.log(`cannot open the chDB data directory ${values.data}: ${String(error).replace(/\s+/g, ' ')}`)
  process.exit(1)
}

const server = Bun.serve({
  hostname: '127.0.0.1',
  port,
  fetch: createHandler(engine, (line) => console.log(line)),
  maxRequestBodySize: 4 * 1024 ** 3,
  // Requests queue behind each other; a connection waiting its turn must not be cut at 10 s.
  idleTimeout: 0,
})
console.log(`listening on 127.0.0.1:${server.port}, data in ${values.data}, ClickHouse ${engine.version} (chDB)`)

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  void server.stop()
  await engine.close()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
