// `chsync check` on foreign keys that change child rows: it names the replicated tables that have
// them and says whether their changes reach ClickHouse — logged by the source, worked out by
// chsync, or neither — through the fake query layer, and once against each real server.

import { describe, expect, test } from 'bun:test'
import { type CheckResult, preflight } from '../../src/check/index.ts'
import { loadConfig } from '../../src/config/index.ts'
import { SERVERS, flavorOf, SOURCES, freshDatabase } from '../support/servers.ts'
import { type FakeServer, GOOD_MYSQL, fakeDeps } from './support/fake-source.ts'
import { REPL } from './support/world.ts'

const config = (url: string, database: string, extra = '') =>
  loadConfig({
    text: `[source]\nurl = "${url}"\nserver_id = 4242\n[target]\nurl = "http://default@127.0.0.1:18123"\n[replicate]\ndatabases = ["${database}"]\n${extra}`,
    env: { CHSYNC_SOURCE_PASSWORD: REPL.password },
  })

const GOOD = {
  ...GOOD_MYSQL,
  tables: [
    ['shop', 'orders'],
    ['shop', 'items'],
    ['shop', 'notes'],
    ['crm', 'links'],
  ] as [string, string][],
  foreignKeys: [
    { db: 'shop', t: 'items', name: 'items_ibfk_1', refDb: 'shop', refTable: 'orders', onDelete: 'CASCADE', onUpdate: 'RESTRICT' },
    { db: 'shop', t: 'notes', name: 'notes_ibfk_1', refDb: 'shop', refTable: 'orders', onDelete: 'RESTRICT', onUpdate: 'NO ACTION' },
  ],
}
const MARIADB: FakeServer = { ...GOOD, version: '10.11.19-MariaDB-0+deb12u1-log' }
const MYSQL: FakeServer = { ...GOOD, variables: { ...GOOD.variables, innodb_native_foreign_keys: 'OFF' } }

async function foreignKeyResults(server: FakeServer, extra = ''): Promise<string[]> {
  const report = await preflight(config('mysql://repl@127.0.0.1:33307', 'shop', extra), fakeDeps(server))
  return report.results
    .filter((r: CheckResult) => r.subject === 'source.foreign_keys')
    .map((r) => `${r.severity}: ${r.message}${r.fix ? ` | ${r.fix}` : ''}`)
}

describe('which tables, and whether chsync works their actions out', () => {
  test('MariaDB: chsync applies them; RESTRICT and NO ACTION do not count', async () => {
    expect(await foreignKeyResults(MARIADB)).toEqual([
      'ok: replicated table with foreign keys that change child rows on delete or update: shop.items; MariaDB does not log those changes: chsync applies them to the ClickHouse copy',
    ])
  })

  test('MySQL with SQL-layer foreign keys logs them; with innodb_native_foreign_keys = ON, or before 9.x, chsync applies them', async () => {
    expect(await foreignKeyResults(MYSQL)).toEqual([
      'ok: replicated table with foreign keys that change child rows on delete or update: shop.items; MySQL logs those changes (SQL-layer foreign keys), nothing to work out',
    ])
    const native = await foreignKeyResults({ ...MYSQL, variables: { ...MYSQL.variables, innodb_native_foreign_keys: 'ON' } })
    expect(native[0]).toEndWith(
      "MySQL with InnoDB's own foreign keys does not log those changes: chsync applies them to the ClickHouse copy",
    )
    const { innodb_native_foreign_keys: _, ...older } = MYSQL.variables
    expect(await foreignKeyResults({ ...MYSQL, version: '8.4.6', variables: older })).toEqual(native)
  })

  test('emulation off, or a change feed: a warning with the fix', async () => {
    expect(await foreignKeyResults(MARIADB, '[apply]\nemulate_cascades = false\n')).toEqual([
      'warning: replicated table with foreign keys that change child rows on delete or update: shop.items; MariaDB does not log those changes and apply.emulate_cascades = false: the ClickHouse copy keeps child rows the source deleted or changed | set apply.emulate_cascades = true',
    ])
    expect(await foreignKeyResults(MARIADB, '[sink]\nkind = "ndjson"\n')).toEqual([
      'warning: replicated table with foreign keys that change child rows on delete or update: shop.items; MariaDB does not log those changes, so the change feed does not carry them | receivers must apply the referential actions themselves, or use the ClickHouse sink, where chsync works them out',
    ])
  })

  test('SET DEFAULT, and a chain through a table that is not replicated, are named', async () => {
    const server: FakeServer = {
      ...MARIADB,
      foreignKeys: [
        { db: 'crm', t: 'links', name: 'links_ibfk_1', refDb: 'shop', refTable: 'orders', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
        { db: 'shop', t: 'notes', name: 'by_link', refDb: 'crm', refTable: 'links', onDelete: 'SET NULL', onUpdate: 'RESTRICT' },
        { db: 'shop', t: 'items', name: 'dflt', refDb: 'shop', refTable: 'orders', onDelete: 'SET DEFAULT', onUpdate: 'RESTRICT' },
      ],
    }
    expect(await foreignKeyResults(server)).toEqual([
      'ok: replicated tables with foreign keys that change child rows on delete or update: shop.items, shop.notes; MariaDB does not log those changes: chsync applies them to the ClickHouse copy',
      'warning: ON DELETE / ON UPDATE SET DEFAULT is not worked out: shop.items dflt | use SET NULL or CASCADE, or resync those tables after such changes',
      'warning: actions that reach these tables through a table that is not replicated are not seen: shop.notes (through crm.links) | replicate the table in between too (replicate.tables)',
    ])
  })

  test('no such foreign key: nothing said', async () => {
    expect(await foreignKeyResults({ ...MARIADB, foreignKeys: [] })).toEqual([])
  })
})

test.each(SERVERS)('%s, for real: the tables and what happens to their actions', async (server) => {
  const flavor = flavorOf(server)
  const src = SOURCES[server]
  const { name, sql } = await freshDatabase(server, 't_ops_check_fk')
  try {
    await sql.query('CREATE TABLE p (id INT PRIMARY KEY)')
    await sql.query('CREATE TABLE c (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE)')
    await sql.query('CREATE TABLE r (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id))')
    const report = await preflight(config(`${flavor}://repl@${src.host}:${src.port}`, name))
    const messages = report.results.filter((r) => r.subject === 'source.foreign_keys').map((r) => `${r.severity}: ${r.message}`)
    const what = `replicated table with foreign keys that change child rows on delete or update: ${name}.c`
    expect(messages).toEqual([
      flavor === 'mysql'
        ? `ok: ${what}; MySQL logs those changes (SQL-layer foreign keys), nothing to work out`
        : `ok: ${what}; MariaDB does not log those changes: chsync applies them to the ClickHouse copy`,
    ])
  } finally {
    await sql.query(`DROP DATABASE \`${name}\``)
    await sql.end()
  }
})
