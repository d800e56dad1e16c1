// Security: the replication-only account is enough; passwords never appear in logs, errors, the
// health answer or the metrics; TLS to the source and to ClickHouse works with a verified
// certificate and is refused with a wrong one; the health socket is not world-writable.

import { afterAll, afterEach, describe, expect, test } from 'bun:test'
import { readFileSync, statSync } from 'node:fs'
import { SERVERS, flavorOf } from '../support/servers.ts'
import { type ServerInstance, TLS_DIR, pair } from '../servers/instance.ts'
import { ReplicationContext } from '../replication/support/context.ts'
import { Workload } from '../replication/support/workload.ts'
import { differences } from './support/counts.ts'
import { FaultProxy } from './support/proxy.ts'
import { scenario } from './support/report.ts'

const TARGET_SECRET = 'ch-Secret-7f3a9c'
const SOURCE_SECRET = 'repl-test-pw'

let ctx: ReplicationContext | null = null
let proxy: FaultProxy | null = null
const servers: ServerInstance[] = []
afterEach(async () => {
  proxy?.stop()
  proxy = null
  await ctx?.close()
  ctx = null
})
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {})
})

function tlsProxy(): FaultProxy {
  return new FaultProxy(18123, Math.random, {
    cert: readFileSync(`${TLS_DIR}/server.pem`, 'utf8'),
    key: readFileSync(`${TLS_DIR}/server-key.pem`, 'utf8'),
  }).start()
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test(
    'the replication account suffices and no secret leaks, over TLS to ClickHouse',
    () =>
      scenario(`security: repl account, TLS to ClickHouse, no secret in output (${server})`, async (result) => {
        proxy = tlsProxy()
        ctx = await ReplicationContext.open(server, 't_tor_secure', {
          user: 'repl',
          password: SOURCE_SECRET,
          health: true,
          env: {
            CHSYNC_TARGET_URL: `https://default@127.0.0.1:${proxy.port}`,
            CHSYNC_TARGET_TLS_CA_FILE: `${TLS_DIR}/ca.pem`,
            CHSYNC_TARGET_PASSWORD: TARGET_SECRET,
          },
        })
        const w = new Workload(ctx.sql, flavor, 121)
        await w.createTables()
        await w.bulk(3000)
        ctx.start()
        for (let i = 0; i < 200; i++) await w.step()
        await ctx.waitEqual()
        expect(statSync(ctx.healthSocket).mode & 0o777).toBe(0o660)
        const health = JSON.stringify(await ctx.health())
        const metrics = await (await fetch('http://localhost/metrics', { unix: ctx.healthSocket })).text()
        expect(await ctx.stop()).toBe(0)

        // A failing start (ClickHouse refuses the wrong CA) must not print the secrets either.
        ctx.start([], { CHSYNC_TARGET_TLS_CA_FILE: `${TLS_DIR}/wrong-ca.pem` })
        await ctx.waitForLog((l) => l.level === 'error' || String(l.msg).includes('retry'), ctx.logLines().length)
        await ctx.stop('SIGKILL')
        const everything = ctx.log + health + metrics + ctx.readState()
        for (const secret of [SOURCE_SECRET, TARGET_SECRET]) expect(everything).not.toContain(secret)
        expect(ctx.log).toMatch(/certificate|self.signed|unable to verify/i)

        const d = await differences(ctx)
        result({ written: w.changes, found: d.rows, differences: d.differences })
        expect(d.differences).toBe(0)
      }),
    120_000,
  )

  test(
    'TLS to the source: verified certificate works, a wrong CA is refused',
    () =>
      scenario(`TLS to the source (${server})`, async (result) => {
        const [primary] = pair(server)
        servers.push(primary)
        await primary.start()
        await primary.reset()
        ctx = await ReplicationContext.open(server, 't_tor_tls', {
          source: primary.source,
          env: { CHSYNC_SOURCE_TLS: 'on', CHSYNC_SOURCE_TLS_CA_FILE: `${TLS_DIR}/ca.pem` },
        })
        await ctx.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))')
        await ctx.sql.query("INSERT INTO t VALUES (1, 'a'), (2, 'b')")
        ctx.start()
        await ctx.waitEqual()
        await ctx.sql.query("INSERT INTO t VALUES (3, 'c')")
        await ctx.waitEqual()
        expect(await ctx.stop()).toBe(0)
        const s = await primary.session()
        const [[cipher]] = (await s.query("SHOW STATUS LIKE 'Ssl_accepts'")) as unknown as [{ Value: string }[]]
        await s.end()
        expect(Number(cipher.Value)).toBeGreaterThan(0)

        ctx.start([], { CHSYNC_SOURCE_TLS_CA_FILE: `${TLS_DIR}/wrong-ca.pem` })
        await ctx.waitForLog((l) => l.level === 'error' || l.level === 'warn', ctx.logLines().length)
        await ctx.stop('SIGKILL')
        expect(ctx.log).toMatch(/certificate|self.signed|unable to verify/i)
        result({ written: 3, found: 3, differences: 0 })
      }),
    120_000,
  )
})
