// replicate.mask: masked columns reach ClickHouse as text — an HMAC-SHA256 keyed with the salt
// (equal values join across tables) in a FixedString(64), NULL, or "[redacted]" — through the copy,
// the changes and DDL on them; verify masks the source the same way; the salt is in no log line. A
// sha256 column an earlier chsync made a String becomes FixedString(64) at the next start; a type
// override of a masked column stops the start.

import { afterEach, describe, expect, test } from 'bun:test'
import { createHmac } from 'node:crypto'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

const SALT = 'test-salt-5f3a9c'
const hmac = (text: string) => createHmac('sha256', SALT).update(text).digest('hex')

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.closeAndDrop()
  ctx = null
})

async function targetRows(c: ReplicationContext, sql: string): Promise<unknown[][]> {
  const r = await c.ch.query({ query: sql, format: 'JSONCompactEachRow' })
  return (await r.json()) as unknown[][]
}

async function columnTypes(c: ReplicationContext, table: string): Promise<Record<string, string>> {
  const rows = await targetRows(
    c,
    `SELECT name, type FROM system.columns WHERE database = '${c.db}' AND table = '${table}' AND name NOT LIKE '\\_%'`,
  )
  return Object.fromEntries(rows.map(([n, t]) => [n, t]))
}

describe.each(SERVERS)('%s', (server) => {
  test('masked columns arrive hashed, NULL or redacted, through the copy, changes and DDL; verify passes', async () => {
    const c = (ctx = await ReplicationContext.open(server, 't16_mask', {
      env: {
        CHSYNC_REPLICATE_MASK: 'users.email=sha256,orders.email=sha256,*.salary=null,users.ssn=redact,users.secret_*=sha256',
        CHSYNC_REPLICATE_MASK_SALT: SALT,
      },
    }))
    await c.sql.query(
      'CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(60), ssn CHAR(11) NOT NULL, salary INT NOT NULL, name VARCHAR(20))',
    )
    await c.sql.query('CREATE TABLE orders (id BIGINT PRIMARY KEY, email VARCHAR(60), total DECIMAL(10,2))')
    for (let i = 1; i <= 100; i++)
      await c.sql.query('INSERT INTO users VALUES (?, ?, ?, ?, ?)', [
        i,
        i === 5 ? null : `u${i}@example.com`,
        `123-45-${1000 + i}`,
        1000 * i,
        `n${i}`,
      ])
    await c.sql.query("INSERT INTO orders VALUES (1, 'u1@example.com', 9.50), (2, 'u2@example.com', 3.25)")
    // check names what each table's columns become.
    const report = (await c.cli('check', '--json')).out
    const results = (JSON.parse(report.slice(report.indexOf('{'))) as { results: { subject: string; message: string }[] }).results
    expect(results.filter((r) => r.subject === `table ${c.db}.users`).map((r) => r.message)).toEqual([
      'columns: email masked (sha256), ssn masked (redact), salary masked (null)',
    ])
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming')
    expect(await columnTypes(c, 'users')).toEqual({
      id: 'Int32',
      email: 'Nullable(FixedString(64))',
      ssn: 'String',
      salary: 'Nullable(String)',
      name: 'Nullable(String)',
    })

    await c.sql.query("INSERT INTO users VALUES (101, 'new@example.com', '999-99-9999', 5, 'n101')")
    await c.sql.query("UPDATE users SET email = 'changed@example.com', salary = 1 WHERE id = 2")
    await c.sql.query('DELETE FROM users WHERE id = 3')
    const users = (sql: string) => () => targetRows(c, `${sql} FROM ${c.db}.users FINAL WHERE id IN (1, 2, 3, 5, 101) ORDER BY id`)
    await c.untilSame('users', users('SELECT id, email, ssn, salary, name'), async () => [
      [1, hmac('u1@example.com'), '[redacted]', null, 'n1'],
      [2, hmac('changed@example.com'), '[redacted]', null, 'n2'],
      [5, null, '[redacted]', null, 'n5'],
      [101, hmac('new@example.com'), '[redacted]', null, 'n101'],
    ])
    // Equal values still join.
    expect(
      await targetRows(
        c,
        `SELECT o.id, u.id FROM ${c.db}.orders AS o FINAL JOIN ${c.db}.users AS u FINAL ON o.email = u.email ORDER BY o.id`,
      ),
    ).toEqual([[1, 1]])

    // DDL: a masked column added with a default (earlier rows get the masked default), a masked column
    // retyped (copied again), one renamed out of the masks (it comes back in clear) and one into them.
    await c.sql.query("ALTER TABLE users ADD COLUMN secret_pin VARCHAR(8) NOT NULL DEFAULT '0000'")
    await c.sql.query("UPDATE users SET secret_pin = '4321' WHERE id = 1")
    await c.untilSame('users', users('SELECT id, secret_pin'), async () => [
      [1, hmac('4321')],
      [2, hmac('0000')],
      [5, hmac('0000')],
      [101, hmac('0000')],
    ])
    await c.sql.query('ALTER TABLE users MODIFY ssn VARCHAR(40) NOT NULL')
    await c.sql.query('ALTER TABLE users CHANGE name secret_name VARCHAR(20)')
    await c.sql.query('ALTER TABLE users CHANGE email contact VARCHAR(60)')
    await c.sql.query("UPDATE users SET secret_name = 'hidden' WHERE id = 2")
    await c.untilSame('users', users('SELECT id, contact, secret_name'), async () => [
      [1, 'u1@example.com', hmac('n1')],
      [2, 'changed@example.com', hmac('hidden')],
      [5, null, hmac('n5')],
      [101, 'new@example.com', hmac('n101')],
    ])
    expect(await columnTypes(c, 'users')).toEqual({
      id: 'Int32',
      contact: 'Nullable(String)',
      ssn: 'String',
      salary: 'Nullable(String)',
      secret_name: 'Nullable(FixedString(64))',
      secret_pin: 'FixedString(64)',
    })
    expect(await c.stop()).toBe(0)

    const v = await c.cli('verify', '--retries', '0')
    expect(v.out).toContain('all 2 tables equal')
    expect(v.code).toBe(0)
    expect(c.log).not.toContain(SALT)
    expect(c.log).not.toContain('123-45-')
  }, 180_000)

  test('a sha256 column made a String by an earlier chsync becomes FixedString(64) at the next start, its values kept', async () => {
    const c = (ctx = await ReplicationContext.open(server, 't16_maskfixed', {
      env: {
        CHSYNC_REPLICATE_MASK: 'people.email=sha256,visits.email=sha256',
        CHSYNC_REPLICATE_MASK_SALT: SALT,
        CHSYNC_TARGET_LAYOUT: JSON.stringify([{ tables: 'visits', mode: 'history' }]),
      },
    }))
    await c.sql.query('CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(60))')
    await c.sql.query('CREATE TABLE visits (id INT PRIMARY KEY, email VARCHAR(60) NOT NULL)')
    await c.sql.query("INSERT INTO people VALUES (1, 'a@example.com'), (2, NULL)")
    await c.sql.query("INSERT INTO visits VALUES (1, 'a@example.com')")
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming')
    expect(await c.stop()).toBe(0)
    // As the earlier build made them: String, chsync's column mark kept.
    for (const [table, type] of [
      ['people', 'Nullable(String)'],
      ['visits', 'String'],
    ]) {
      const [[comment]] = await targetRows(
        c,
        `SELECT comment FROM system.columns WHERE database = '${c.db}' AND table = '${table}' AND name = 'email'`,
      )
      await c.ch.command({ query: `ALTER TABLE ${c.db}.${table} MODIFY COLUMN email ${type} COMMENT '${comment}'` })
    }
    expect((await columnTypes(c, 'people')).email).toBe('Nullable(String)')

    const before = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming', before)
    expect((await columnTypes(c, 'people')).email).toBe('Nullable(FixedString(64))')
    expect((await columnTypes(c, 'visits')).email).toBe('FixedString(64)')
    // Converted in place, not copied again (a copy would add a row to the history of visits).
    const statements = c
      .logLines()
      .slice(before)
      .flatMap((l) => (l.msg === 'adapting target table' ? [String(l.statement)] : []))
    expect(statements.map((s) => s.replace(/ COMMENT .*/, ''))).toEqual([
      `ALTER TABLE \`${c.db}\`.\`people\` MODIFY COLUMN \`email\` Nullable(FixedString(64))`,
      `ALTER TABLE \`${c.db}\`.\`visits\` MODIFY COLUMN \`email\` FixedString(64)`,
    ])
    await c.sql.query("INSERT INTO people VALUES (3, 'c@example.com')")
    await c.sql.query("UPDATE visits SET email = 'b@example.com' WHERE id = 1")
    await c.untilSame(
      'people',
      () => targetRows(c, `SELECT id, email FROM ${c.db}.people FINAL ORDER BY id`),
      async () => [
        [1, hmac('a@example.com')],
        [2, null],
        [3, hmac('c@example.com')],
      ],
    )
    await c.untilSame(
      'visits',
      () => targetRows(c, `SELECT email, _op FROM ${c.db}.visits ORDER BY _version`),
      async () => [
        [hmac('a@example.com'), 'insert'],
        [hmac('b@example.com'), 'update'],
      ],
    )
    expect(await c.stop()).toBe(0)
    const v = await c.cli('verify', '--retries', '0')
    expect(v.out).toContain('all 2 tables equal')
    expect(v.code).toBe(0)
  }, 120_000)

  test('a type override of a masked column stops the start, naming both keys', async () => {
    const c = (ctx = await ReplicationContext.open(server, 't16_maskover', { env: { CHSYNC_REPLICATE_MASK: 'people.e*=redact' } }))
    await c.sql.query('CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(60))')
    c.start([], { CHSYNC_TARGET_COLUMNS: `${c.db}.people.email=LowCardinality(String)` })
    expect(await c.exited(30_000)).toBe(78)
    expect(c.log).toContain(
      `"target.columns" gives "${c.db}.people.email" the type LowCardinality(String), but "replicate.mask" masks it ("people.e*" = "redact")`,
    )
    expect(await targetRows(c, `SELECT toUInt8(count()) FROM system.tables WHERE database = '${c.db}'`)).toEqual([[0]])
  }, 60_000)

  test('a masked key column is refused at start', async () => {
    const c = (ctx = await ReplicationContext.open(server, 't16_maskkey', { env: { CHSYNC_REPLICATE_MASK: 'accounts.id=redact' } }))
    await c.sql.query('CREATE TABLE accounts (id INT PRIMARY KEY, v INT)')
    c.start()
    expect(await c.exited(30_000)).toBe(78)
    expect(c.log).toContain(`the primary key column id (masked redact by \\"accounts.id\\") of ${c.db}.accounts`)
  }, 60_000)
})
