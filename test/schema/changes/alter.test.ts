// ALTER TABLE as ordered changes, without a server (the same statements are checked against
// real TABLE_MAPs in table-map.server.test.ts): clause order and positions, the servers' old-name rule,
// primary key changes, CONVERT TO, stale and untracked tables.

import { ColumnType, type SchemaChange, tableKey } from '../../../src/model/index.ts'
import { describe, expect, test } from 'bun:test'
import { collationId } from './support/catalogs.ts'
import { Follower, summary } from './support/follow.ts'

function orders(flavor: 'mysql' | 'mariadb' = 'mysql'): Follower {
  const f = new Follower(flavor)
  f.run(
    "CREATE TABLE orders (id INT NOT NULL, customer VARCHAR(50), note TEXT, total DECIMAL(10,2), state ENUM('new','paid'), PRIMARY KEY (id))",
  )
  return f
}

function afterNames(change: SchemaChange): string[] {
  if (!('after' in change) || change.after === undefined) throw new Error(`${change.kind} has no table after it`)
  return change.after.columns.map((c) => c.name)
}

describe('a multi-clause ALTER', () => {
  const f = orders()
  const changes = f.run(`ALTER TABLE orders
    ADD COLUMN created DATETIME(3) NOT NULL FIRST,
    DROP COLUMN note,
    RENAME COLUMN customer TO customer_name,
    MODIFY total DECIMAL(12,3) UNSIGNED,
    ADD COLUMN paid_at TIMESTAMP(6) NULL AFTER state,
    MODIFY state ENUM('new','paid','shipped') NOT NULL AFTER id`)

  test('comes out as steps in the order to apply them', () => {
    expect(changes.map(summary)).toEqual([
      'drop_column note',
      'rename_column customer -> customer_name',
      'modify_column total',
      'add_column created FIRST',
      'add_column paid_at AFTER state',
      'modify_column state AFTER id',
    ])
  })

  test('each step carries the table after it', () => {
    expect(changes.map(afterNames)).toEqual([
      ['id', 'customer', 'total', 'state'],
      ['id', 'customer_name', 'total', 'state'],
      ['id', 'customer_name', 'total', 'state'],
      ['created', 'id', 'customer_name', 'total', 'state'],
      ['created', 'id', 'customer_name', 'total', 'state', 'paid_at'],
      ['created', 'id', 'state', 'customer_name', 'total', 'paid_at'],
    ])
    expect(changes.map((c) => ('after' in c ? c.after?.primaryKey : null))).toEqual([[0], [0], [0], [1], [1], [1]])
  })

  test('the resulting columns are what TABLE_MAP says for them', () => {
    const t = f.table('orders')
    expect(t.columns.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5])
    const [created, id, state, customer, total, paidAt] = t.columns
    expect(created).toMatchObject({ type: ColumnType.DATETIME2, fsp: 3, meta: 3, nullable: false })
    expect(id).toMatchObject({ type: ColumnType.LONG, nullable: false, unsigned: false })
    expect(state).toMatchObject({
      type: ColumnType.ENUM,
      meta: (247 << 8) | 1,
      length: 1,
      nullable: false,
      enumValues: ['new', 'paid', 'shipped'],
      collation: 255,
    })
    expect(customer).toMatchObject({ name: 'customer_name', type: ColumnType.VARCHAR, length: 200, meta: 200, collation: 255 })
    expect(total).toMatchObject({
      type: ColumnType.NEWDECIMAL,
      precision: 12,
      scale: 3,
      meta: (12 << 8) | 3,
      unsigned: true,
      nullable: true,
    })
    expect(paidAt).toMatchObject({ type: ColumnType.TIMESTAMP2, fsp: 6, nullable: true })
    expect(t.primaryKey).toEqual([1])
    const modify = changes[5]
    expect(modify.kind === 'modify_column' && modify.column.index).toBe(2)
    const add = changes[3]
    expect(add.kind === 'add_column' && add.column).toEqual(created)
  })
})

describe('column references', () => {
  test('RENAME COLUMN a TO b, b TO a swaps through a temporary name', () => {
    const f = new Follower('mysql')
    f.run('CREATE TABLE t (a INT, b BIGINT, c CHAR(1))')
    const changes = f.run('ALTER TABLE t RENAME COLUMN a TO b, RENAME COLUMN b TO a')
    expect(changes.map(summary)).toEqual(['rename_column a -> b_chsync_swap', 'rename_column b -> a', 'rename_column b_chsync_swap -> b'])
    expect(f.table('t').columns.map((c) => [c.name, c.type])).toEqual([
      ['b', ColumnType.LONG],
      ['a', ColumnType.LONGLONG],
      ['c', ColumnType.STRING],
    ])
  })

  test('CHANGE renames, and modifies only when the binlog column changes', () => {
    const f = new Follower('mysql')
    f.run('CREATE TABLE t (a INT, b INT, c INT)')
    expect(f.run('ALTER TABLE t CHANGE a a2 INT, CHANGE b b2 BIGINT, MODIFY c INT COMMENT "x"').map(summary)).toEqual([
      'rename_column a -> a2',
      'rename_column b -> b2',
      'no_effect: CHANGE a a2: the binlog sees the same column',
      'modify_column b2',
      'no_effect: MODIFY c: the binlog sees the same column',
    ])
    expect(f.columns('t')).toEqual(['a2', 'b2', 'c'])
  })

  test('DROP, CHANGE and MODIFY name the old columns; AFTER names the new ones', () => {
    const f = new Follower('mysql')
    f.run('CREATE TABLE t (a INT, b INT, c INT)')
    const changes = f.run('ALTER TABLE t RENAME COLUMN a TO c, DROP COLUMN c, ADD d INT AFTER c, MODIFY b SMALLINT FIRST')
    expect(changes.map(summary)).toEqual(['drop_column c', 'rename_column a -> c', 'add_column d AFTER c', 'modify_column b FIRST'])
    expect(f.columns('t')).toEqual(['b', 'c', 'd'])
  })

  test('a column the tracked table lacks makes the ALTER untranslatable and the table forgotten', () => {
    const f = new Follower('mysql')
    f.run('CREATE TABLE t (a INT)')
    const changes = f.run('ALTER TABLE t ADD b INT, DROP COLUMN ghost')
    expect(changes).toEqual([
      {
        kind: 'untranslatable',
        reason: 'DROP COLUMN ghost: no such column in the tracked table shop.t; take the table from its next TABLE_MAP',
        database: 'shop',
        table: 't',
        resync: false,
      },
    ])
    expect(f.tables.size).toBe(0)
    expect(f.run('ALTER TABLE t ADD c INT, RENAME TO u').map(summary)).toEqual([
      'untranslatable: ALTER TABLE of a table that is not tracked: take its columns from its next TABLE_MAP',
      'rename_table shop.t -> shop.u',
    ])
  })

  test('MariaDB IF [NOT] EXISTS clauses that find nothing to do change nothing', () => {
    const f = new Follower('mariadb')
    f.run('CREATE TABLE t (a INT, b INT)')
    expect(
      f
        .run(
          'ALTER TABLE t DROP COLUMN IF EXISTS x, ADD COLUMN IF NOT EXISTS b INT, ADD COLUMN IF NOT EXISTS c INT, MODIFY COLUMN IF EXISTS y INT',
        )
        .map(summary),
    ).toEqual([
      'no_effect: DROP COLUMN IF EXISTS x: no such column',
      'no_effect: MODIFY COLUMN IF EXISTS y: no such column',
      'no_effect: ADD COLUMN IF NOT EXISTS b: the column exists',
      'add_column c',
    ])
  })

  test('RENAME TO comes last, after the column changes, with the renamed table', () => {
    const f = orders()
    const changes = f.run('ALTER TABLE orders RENAME TO archive.orders_2024, ADD COLUMN moved_at DATETIME')
    expect(changes.map(summary)).toEqual(['add_column moved_at', 'rename_table shop.orders -> archive.orders_2024'])
    const rename = changes[1]
    expect(rename.kind === 'rename_table' && rename.after?.columns.map((c) => c.name)).toEqual([
      'id',
      'customer',
      'note',
      'total',
      'state',
      'moved_at',
    ])
    expect(f.table('orders_2024', 'archive').database).toBe('archive')
    expect(f.tables.has(tableKey('shop', 'orders'))).toBe(false)
  })
})

describe('primary keys', () => {
  test('ADD PRIMARY KEY makes its columns NOT NULL first', () => {
    const f = new Follower('mysql')
    f.run('CREATE TABLE t (a INT, b INT)')
    const changes = f.run('ALTER TABLE t ADD PRIMARY KEY (b, a)')
    expect(changes.map(summary)).toEqual(['modify_column b', 'modify_column a', 'set_primary_key (b, a)'])
    expect(f.table('t').columns.map((c) => c.nullable)).toEqual([false, false])
    expect(f.table('t').primaryKey).toEqual([1, 0])
  })

  test('without a PRIMARY KEY, TABLE_MAP reports the first UNIQUE key over whole NOT NULL columns', () => {
    const f = new Follower('mysql')
    const [create] = f.run('CREATE TABLE t (a INT, b INT NOT NULL, c VARCHAR(9) NOT NULL, UNIQUE ua (a), UNIQUE uc (c(3)), UNIQUE ub (b))')
    expect(create.kind === 'create_table' && create.table.primaryKey).toEqual([1])
    // The servers keep their key order: ua, now over a NOT NULL column, stays behind ub.
    expect(f.run('ALTER TABLE t MODIFY a INT NOT NULL').map(summary)).toEqual(['modify_column a'])
    expect(f.run('ALTER TABLE t DROP INDEX ub').map(summary)).toEqual(['set_primary_key (a)', 'no_effect: DROP INDEX ub'])
    expect(f.run('DROP INDEX ua ON t').map(summary)).toEqual(['set_primary_key ()', 'no_effect: DROP INDEX ua'])
    expect(f.run('ALTER TABLE t ADD PRIMARY KEY (c)').map(summary)).toEqual(['set_primary_key (c)'])
  })

  test('dropping a key column shortens the key (MySQL)', () => {
    const f = new Follower('mysql')
    f.run('CREATE TABLE t (a INT, b INT, c INT, PRIMARY KEY (a, b))')
    expect(f.run('ALTER TABLE t DROP COLUMN b').map(summary)).toEqual(['drop_column b', 'set_primary_key (a)'])
  })

  test('a key change that leaves the reported key alone is no_effect, with the keys in `after`', () => {
    const f = orders()
    const [change] = f.run('CREATE INDEX by_state ON orders (state, total)')
    expect(change.kind).toBe('no_effect')
    expect(change.kind === 'no_effect' && change.after?.keys?.map((k) => k.name)).toEqual(['PRIMARY', 'by_state'])
  })
})

describe('character sets', () => {
  test('CONVERT TO keeps types and widens byte lengths and TEXT types', () => {
    const f = new Follower('mysql')
    f.run("CREATE TABLE t (a VARCHAR(10), b TEXT, c TINYTEXT, e ENUM('x'), bin VARBINARY(4)) CHARACTER SET latin1")
    const changes = f.run('ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4')
    expect(changes.map(summary)).toEqual([
      'no_effect: CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci: text columns change collation and byte length, not type',
    ])
    const utf8mb4 = collationId('mysql', 'utf8mb4_0900_ai_ci')
    expect(f.table('t').columns.map((c) => [c.name, c.type, c.length, c.collation])).toEqual([
      ['a', ColumnType.VARCHAR, 40, utf8mb4],
      ['b', ColumnType.BLOB, 3, utf8mb4],
      ['c', ColumnType.BLOB, 2, utf8mb4],
      ['e', ColumnType.ENUM, 1, utf8mb4],
      ['bin', ColumnType.VARCHAR, 4, 63],
    ])
    expect(f.table('t').collation).toBe(utf8mb4)
  })

  test('a VARCHAR too long for its new character set becomes a TEXT type: modify_column', () => {
    const f = new Follower('mysql')
    f.run('CREATE TABLE t (v VARCHAR(20000)) CHARACTER SET latin1')
    expect(f.run('ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4').map((c) => c.kind)).toEqual(['no_effect', 'modify_column'])
    expect(f.table('t').columns[0]).toMatchObject({ type: ColumnType.BLOB, length: 3 })
  })

  test('a table default set in the same ALTER applies to the columns it adds', () => {
    const f = new Follower('mariadb')
    f.run('CREATE TABLE t (a VARCHAR(3))')
    f.run('ALTER TABLE t ADD b VARCHAR(3), DEFAULT CHARSET latin1')
    expect(f.table('t').columns.map((c) => [c.name, c.length, c.collation])).toEqual([
      ['a', 12, collationId('mariadb', 'utf8mb4_general_ci')],
      ['b', 3, collationId('mariadb', 'latin1_swedish_ci')],
    ])
  })
})

describe('a table known from TABLE_MAP only (no keys, no default collation)', () => {
  function fromTableMap(flavor: 'mysql' | 'mariadb'): Follower {
    const f = new Follower(flavor)
    const columns = new Follower(flavor)
    columns.run('CREATE TABLE t (id INT NOT NULL, name VARCHAR(10), t TEXT, UNIQUE KEY (t))')
    // What the pipeline stores from a TABLE_MAP: columns and primary key, nothing else.
    const { database, table, primaryKey } = columns.table('t')
    f.tables.set(tableKey('shop', 't'), { database, table, primaryKey, columns: columns.table('t').columns })
    return f
  }

  test('columns and the primary key still follow; unknown keys are said to be unknown', () => {
    const f = fromTableMap('mysql')
    expect(f.run('ALTER TABLE t ADD PRIMARY KEY (id), ADD c INT AFTER id, DROP INDEX t').map(summary)).toEqual([
      'add_column c AFTER id',
      'set_primary_key (id)',
      "no_effect: DROP INDEX t: the table's keys are not tracked: the primary key TABLE_MAP reports may change",
    ])
    expect(f.columns('t')).toEqual(['id', 'c', 'name', 't'])
    expect(f.table('t').keys).toBeUndefined()
    // Without the table's default collation, the database's applies to a column added without one.
    f.run('ALTER TABLE t ADD d VARCHAR(1)')
    expect(f.table('t').columns[4]).toMatchObject({ collation: 255, length: 4 })
  })

  test('MariaDB: the long-unique hash columns it ends with stay last', () => {
    const f = fromTableMap('mariadb')
    expect(f.columns('t')).toEqual(['id', 'name', 't', 'DB_ROW_HASH_1'])
    f.run('ALTER TABLE t ADD c INT')
    expect(f.columns('t')).toEqual(['id', 'name', 't', 'c', 'DB_ROW_HASH_1'])
  })
})

describe('partitions and tables not tracked', () => {
  test('partition operations that drop rows ask for a resync', () => {
    const f = new Follower('mysql')
    f.run(
      'CREATE TABLE p (id INT NOT NULL, d DATE NOT NULL, PRIMARY KEY (id, d)) PARTITION BY RANGE (YEAR(d)) (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN MAXVALUE)',
    )
    expect(f.run('ALTER TABLE p TRUNCATE PARTITION p0, p1')).toEqual([
      {
        kind: 'untranslatable',
        reason: 'TRUNCATE PARTITION p0, p1 makes rows appear or vanish without row events: resync the table',
        database: 'shop',
        table: 'p',
        resync: true,
      },
    ])
    expect(
      f
        .run('ALTER TABLE p REORGANIZE PARTITION p1 INTO (PARTITION p1 VALUES LESS THAN (2100), PARTITION p2 VALUES LESS THAN MAXVALUE)')
        .map(summary),
    ).toEqual(['no_effect: REORGANIZE PARTITION p1: rows are not changed'])
    expect(f.run('ALTER TABLE elsewhere.q EXCHANGE PARTITION p0 WITH TABLE shop.p').map((c) => c.kind)).toEqual(['untranslatable'])
  })
})
