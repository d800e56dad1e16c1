// `chsync verify` never calls equal what it did not compare (issue 10): with an account that has
// SELECT on only some tables, the others are listed as not compared (the one it sees but cannot
// read with the server's refusal, the database with the GRANT, each table the binlog names) and it
// exits 7; a ClickHouse table that a user or another chsync made is not compared either; a
// replicated table without its ClickHouse table differs (exit 6). On both servers.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, flavorOf, SOURCES, sqlSession } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  await ctx?.close()
  ctx = null
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {})
})

function verify(c: ReplicationContext, env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string }> {
  return c.cliWith(env, 'verify', '--retries', '0', ...args)
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('tables it cannot read or that chsync did not make are not compared, never equal', async () => {
    const c = (ctx = await ReplicationContext.open(server, 't_rep_verify_nc'))
    const db = c.db
    const tables = ['a', 'b', 'c', 'd', 'e', 'f']
    for (const t of tables) {
      await c.sql.query(`CREATE TABLE ${t} (id INT PRIMARY KEY, v INT)`)
      await c.sql.query(`INSERT INTO ${t} VALUES (1, 1), (2, 2), (3, 3)`)
    }
    c.start()
    await c.waitEqual()
    expect(await c.stop()).toBe(0)

    const all = await verify(c, {})
    expect({ code: all.code, last: all.out.trim().split('\n').at(-1) }).toEqual({ code: 0, last: 'all 6 tables equal' })

    // An account with SELECT on a and b, and on one column of c.
    const user = `t_ver_sel_${server}`
    const password = 'ver-sel-pw-Zq9'
    const admin = await sqlSession(server)
    const dropUser = () => admin.query(`DROP USER IF EXISTS '${user}'@'127.0.0.1'`)
    await dropUser()
    cleanups.push(() => admin.end(), dropUser)
    await admin.query(`CREATE USER '${user}'@'127.0.0.1' IDENTIFIED BY '${password}'`)
    await admin.query(
      `GRANT REPLICATION SLAVE, ${flavor === 'mysql' ? 'REPLICATION CLIENT' : 'BINLOG MONITOR'} ON *.* TO '${user}'@'127.0.0.1'`,
    )
    for (const t of ['a', 'b']) await admin.query(`GRANT SELECT ON \`${db}\`.${t} TO '${user}'@'127.0.0.1'`)
    await admin.query(`GRANT SELECT (id) ON \`${db}\`.c TO '${user}'@'127.0.0.1'`)
    const src = SOURCES[server]
    const limited = { CHSYNC_SOURCE_URL: `${flavor}://${user}@${src.host}:${src.port}`, CHSYNC_SOURCE_PASSWORD: password }
    const account = `'${user}'@'127.0.0.1'`
    const some = await verify(c, limited)
    expect(some.code).toBe(7)
    const lines = some.out.trim().split('\n')
    expect(lines.filter((l) => l.startsWith('ok '))).toEqual([`ok        ${db}.a  3 rows`, `ok        ${db}.b  3 rows`])
    expect(lines.filter((l) => l.startsWith('NOT COMPARED ')).map((l) => l.split('  ')[0])).toEqual([
      `NOT COMPARED ${db}.c`,
      ...['d', 'e', 'f'].map((t) => `NOT COMPARED ${db}.${t}`),
      `NOT COMPARED database ${db}`,
    ])
    expect(some.out).toContain(`NOT COMPARED ${db}.c  ${account} cannot read it: SELECT command denied to user`)
    expect(some.out).toContain(`NOT COMPARED ${db}.d  ${account} cannot see it, so cannot read it (the binlog names it: the last `)
    expect(some.out).toContain(`\n  fix: GRANT SELECT ON \`${db}\`.* TO ${account};\n`)
    expect(lines.at(-1)).toBe(
      '2 tables equal; not compared: 4 tables and 1 database with tables the account cannot see (verify cannot say those are equal)',
    )
    expect(some.out).not.toMatch(/all \d+ tables equal/)
    expect(some.out).not.toContain(password)

    const json = await verify(c, limited, '--json')
    expect(json.code).toBe(7)
    const entries = JSON.parse(json.out) as { status: string; table: string }[]
    expect(entries.map((e) => `${e.status} ${e.table}`)).toEqual([
      `equal ${db}.a`,
      `equal ${db}.b`,
      ...['c', 'd', 'e', 'f'].map((t) => `not_compared ${db}.${t}`),
      `not_compared database ${db}`,
    ])

    // ClickHouse tables chsync did not make: another chsync's mark, and a user's own table.
    await c.ch.command({ query: `ALTER TABLE \`${db}\`.a MODIFY COMMENT 'chsync 00000000-other-state 1234'` })
    await c.ch.command({ query: `DROP TABLE \`${db}\`.b SYNC` })
    await c.ch.command({
      query: `CREATE TABLE \`${db}\`.b (id Int32, v Nullable(Int32)) ENGINE = MergeTree ORDER BY id COMMENT 'the analytics team'`,
    })
    await c.ch.command({ query: `INSERT INTO \`${db}\`.b VALUES (1, 1), (2, 2), (3, 3)` })
    const foreign = await verify(c, {})
    expect(foreign.code).toBe(7)
    const notCompared = foreign.out.split('\n').filter((l) => l.startsWith('NOT COMPARED '))
    expect(notCompared).toHaveLength(2)
    expect(notCompared[0]).toMatch(
      new RegExp(
        `^NOT COMPARED ${db}\\.a  the ClickHouse table ${db}\\.a: another chsync made it \\(state file id 00000000-other-state; this configuration's state file is [0-9a-f-]{36}\\)$`,
      ),
    )
    expect(notCompared[1]).toBe(
      `NOT COMPARED ${db}.b  the ClickHouse table ${db}.b: it is not chsync's: its comment "the analytics team" is not chsync's mark (a table of the same name chsync did not create)`,
    )
    expect(foreign.out.trim().split('\n').at(-1)).toBe('4 tables equal; not compared: 2 tables (verify cannot say those are equal)')

    // A replicated table without its ClickHouse table differs, even when both would be empty.
    await c.sql.query('DELETE FROM f')
    await c.ch.command({ query: `DROP TABLE \`${db}\`.f SYNC` })
    const missing = await verify(c, {}, `${db}.f`)
    expect({ code: missing.code, out: missing.out }).toEqual({
      code: 6,
      out: `DIFFERENT ${db}.f  source 0 rows; ClickHouse has no such table\n1 of 1 tables differ\n`,
    })
  }, 120_000)
})
