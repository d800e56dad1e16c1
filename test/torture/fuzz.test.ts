// Bad input into every decoder, from a fixed seed within a time budget: binlog events of every
// type, binary JSON, DDL text, GTID text, configuration files. Only typed errors may come out —
// never a crash, an untyped exception or a hang (each input is bounded by the budget).

import { expect, test } from 'bun:test'
import { BinlogError, CharsetRegistry, EventDecoder, parseGtidSet } from '../../src/binlog/index.ts'
import { decodeJson } from '../../src/binlog/values/json/index.ts'
import { ConfigError, loadConfig } from '../../src/config/index.ts'
import { DdlParseError, parseDdl } from '../../src/schema/ddl/index.ts'
import mysqlEvents from '../binlog/fixtures/events-mysql.json'
import mariadbEvents from '../binlog/fixtures/events-mariadb.json'
import { seeded } from '../support/random.ts'
import { scale, scenario } from './support/report.ts'

const BUDGET_MS = scale(4000, 60_000)

function mutate(rand: () => number, src: Uint8Array): Buffer {
  const b = Buffer.from(src)
  const n = 1 + Math.floor(rand() * 6)
  for (let i = 0; i < n && b.length; i++) {
    const r = rand()
    const at = Math.floor(rand() * b.length)
    if (r < 0.6) b[at] = Math.floor(rand() * 256)
    else if (r < 0.8) return b.subarray(0, at)
    else b[at] ^= 1 << Math.floor(rand() * 8)
  }
  return b
}

test(
  'every decoder answers bad input with typed errors only',
  () =>
    scenario('fuzz: bad inputs into every decoder', async (result) => {
      const rand = seeded(20261121)
      const events = [...mysqlEvents.events, ...mariadbEvents.events].map((e) => Buffer.from(e.hex, 'hex'))
      const ddl = [
        "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10) DEFAULT 'a,b')",
        'ALTER TABLE t ADD COLUMN x INT FIRST, DROP y',
        'RENAME TABLE a TO b, c TO d',
      ]
      const toml = '[source]\nurl = "mysql://repl@127.0.0.1:3306"\n[snapshot]\nparallelism = 4\n[replicate]\ndatabases = ["a*"]\n'
      const jsonDocs = [Buffer.from('000200190000000a000b000100050000000c0061626300', 'hex')]
      let inputs = 0
      let typed = 0
      const untyped: string[] = []
      const attempt = (fn: () => unknown, ok: (e: unknown) => boolean) => {
        inputs++
        try {
          fn()
        } catch (e) {
          if (ok(e)) typed++
          else if (untyped.length < 5) untyped.push(String(e))
        }
      }
      const deadline = Date.now() + BUDGET_MS
      const primed = () => {
        const d = new EventDecoder({ charsets: new CharsetRegistry(), checksum: 'none' })
        for (const e of events)
          if (e[4] === 15 || e[4] === 19)
            attempt(
              () => d.decode(e.subarray(0, e.length - 4), 0, e.length - 4, 'f', 0, false),
              () => true,
            )
        return d
      }
      let decoder = primed()
      while (Date.now() < deadline) {
        const ev = mutate(rand, events[Math.floor(rand() * events.length)])
        if (ev.length >= 13) ev.writeUInt32LE(ev.length, 9)
        if (rand() < 0.05) ev[4] = Math.floor(rand() * 256)
        attempt(
          () => decoder.decode(ev, 0, ev.length, 'f', 0, false),
          (e) => e instanceof BinlogError,
        )
        if (rand() < 0.01) decoder = primed()
        attempt(
          () => decodeJson(mutate(rand, jsonDocs[0])),
          (e) => e instanceof BinlogError,
        )
        const text = ddl[Math.floor(rand() * ddl.length)]
        attempt(
          () => parseDdl(mutate(rand, Buffer.from(text)).toString('latin1')),
          (e) => e instanceof DdlParseError,
        )
        attempt(
          () =>
            parseGtidSet(
              rand() < 0.5 ? 'mysql' : 'mariadb',
              mutate(rand, Buffer.from('3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:tag:7,0-1-2')).toString('latin1'),
            ),
          (e) => e instanceof BinlogError,
        )
        attempt(
          () => loadConfig({ text: mutate(rand, Buffer.from(toml)).toString('latin1'), env: {} }),
          (e) => e instanceof ConfigError,
        )
      }
      result({ written: inputs, found: typed, differences: untyped.length, note: untyped.join(' | ') || undefined })
      expect(untyped).toEqual([])
      expect(inputs).toBeGreaterThan(1000)
    }),
  BUDGET_MS + 60_000,
)
