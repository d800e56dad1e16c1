// Captures the DDL corpus fixtures from the real servers (MySQL 9.7 on 33307, MariaDB 10.11 on
// 33306; start them with test/servers/up). Run from the repository root:
//   bun test/schema/ddl/capture.ts
// Writes test/schema/ddl/corpus/{show-create,binlog-queries,reserved-words,executable-comments,
// sql-modes}.json and the dumps corpus/mysqldump-{mysql,mariadb}.sql.
// Uses only databases named t_ddl_*; changes no global variable.

import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import mysql from 'mysql2/promise'
import { parseDdl, type DdlParseOptions, type ServerFlavor } from '../../../src/schema/ddl/index.ts'
import { readAnnotatedSql } from './annotated-sql.ts'

const corpus = new URL('./corpus/', import.meta.url).pathname
const servers: { flavor: ServerFlavor; port: number }[] = [
  { flavor: 'mysql', port: 33307 },
  { flavor: 'mariadb', port: 33306 },
]

type Connection = mysql.Connection

async function connect(port: number, database?: string): Promise<Connection> {
  return mysql.createConnection({
    host: '127.0.0.1',
    port,
    user: 'chsync',
    password: 'chsync-test-pw',
    database,
    charset: 'UTF8MB4_UNICODE_CI',
  })
}

async function rows(c: Connection, sql: string): Promise<Record<string, unknown>[]> {
  const [result] = await c.query(sql)
  return result as Record<string, unknown>[]
}

function runsOn(notes: Record<string, string>, flavor: ServerFlavor): boolean {
  return (notes.servers ?? 'mysql mariadb').split(/\s+/).includes(flavor)
}

function optionsOf(notes: Record<string, string>, flavor: ServerFlavor): DdlParseOptions {
  return { flavor, ...(notes.options ? (JSON.parse(notes.options) as DdlParseOptions) : {}) }
}

async function captureShowCreate(): Promise<void> {
  const sources = readAnnotatedSql(corpus + 'show-create-sources.sql')
  const entries: unknown[] = []
  const versions: Record<string, string> = {}
  for (const { flavor, port } of servers) {
    const admin = await connect(port)
    versions[flavor] = String((await rows(admin, 'SELECT VERSION() AS v'))[0].v)
    await admin.query('DROP DATABASE IF EXISTS t_ddl_show')
    await admin.query('CREATE DATABASE t_ddl_show CHARACTER SET utf8mb4')
    await admin.end()
    for (const source of sources) {
      if (!runsOn(source.notes, flavor)) continue
      // A fresh session per table, so session settings never leak into the next one.
      const c = await connect(port, 't_ddl_show')
      const session = source.notes.session ? source.notes.session.split('\n') : []
      for (const statement of session) await c.query(statement)
      try {
        await c.query(source.sql)
      } catch (err) {
        failures.push(`${flavor} ${source.where}: ${String(err)}`)
        await c.end()
        continue
      }
      const parsed = parseDdl(source.sql, optionsOf(source.notes, flavor))
      if (parsed.kind !== 'create_table' && parsed.kind !== 'create_table_like') throw new Error(`${source.where}: not a CREATE TABLE`)
      const command = `SHOW CREATE TABLE \`t_ddl_show\`.\`${parsed.table.name.replaceAll('`', '``')}\``
      const shown = String((await rows(c, command))[0]['Create Table'])
      entries.push({ name: source.notes.name, server: flavor, version: versions[flavor], session, source: source.sql, command, shown })
      await c.end()
    }
  }
  write('show-create.json', {
    captured: new Date().toISOString(),
    how: 'bun test/schema/ddl/capture.ts: each source ran in database t_ddl_show (utf8mb4) on a fresh session after its session statements',
    versions,
    entries,
  })
}

/**
 * Runs binlog-script.sql statement by statement and reads back the QUERY events each one wrote,
 * with SHOW BINLOG EVENTS. That listing prefixes `use `db`; ` (the event's session database, kept
 * apart) and MySQL appends ` /* xid=N *\/` to DDL; neither is part of the event's query text
 * (mysqlbinlog shows the text without them), so both are removed.
 */
async function captureBinlogQueries(): Promise<void> {
  const script = readAnnotatedSql(corpus + 'binlog-script.sql')
  const entries: unknown[] = []
  const versions: Record<string, string> = {}
  for (const { flavor, port } of servers) {
    const c = await connect(port)
    versions[flavor] = String((await rows(c, 'SELECT VERSION() AS v'))[0].v)
    for (const db of ['t_ddl_binlog', 't_ddl_binlog_other']) await c.query(`DROP DATABASE IF EXISTS ${db}`)
    await c.query('CREATE DATABASE t_ddl_binlog CHARACTER SET utf8mb4')
    await c.query('USE t_ddl_binlog')
    await c.query("DROP USER IF EXISTS 't_ddl_user'@'localhost'")
    const statusCommand = flavor === 'mysql' ? 'SHOW BINARY LOG STATUS' : 'SHOW BINLOG STATUS'
    for (const statement of script) {
      if (!runsOn(statement.notes, flavor)) continue
      const [status] = await rows(c, statusCommand)
      const file = String(status.File)
      const position = Number(status.Position)
      try {
        await c.query(statement.sql)
      } catch (err) {
        failures.push(`${flavor} ${statement.where}: ${String(err)}`)
        continue
      }
      const command = `SHOW BINLOG EVENTS IN '${file}' FROM ${position}`
      const events = await rows(c, command)
      const queries: { database: string | null; query: string }[] = []
      for (const event of events) {
        if (event.Event_type !== 'Query') continue
        // Only this script's events: their session database is t_ddl_binlog, or (CREATE / ALTER /
        // DROP DATABASE, logged without one) their text names a t_ddl_binlog database.
        const info = String(event.Info).replace(/ \/\* xid=\d+ \*\/$/, '')
        const m = /^use `([^`]*)`; ([\s\S]*)$/.exec(info)
        if (m !== null && m[1] === 't_ddl_binlog') queries.push({ database: m[1], query: m[2] })
        else if (m === null && info.includes('t_ddl_binlog')) queries.push({ database: null, query: info })
      }
      entries.push({ name: statement.notes.name, server: flavor, version: versions[flavor], source: statement.sql, command, queries })
    }
    await c.query("DROP USER IF EXISTS 't_ddl_user'@'localhost'")
    await c.end()
  }
  write('binlog-queries.json', {
    captured: new Date().toISOString(),
    how: 'bun test/schema/ddl/capture.ts: binlog-script.sql ran in order in database t_ddl_binlog; queries are the QUERY events each statement wrote, from SHOW BINLOG EVENTS: the "use `db`; " prefix gives database, MySQL\'s " /* xid=N */" display suffix is removed',
    versions,
    entries,
  })
}

/** Candidate reserved words, each tried as an unquoted column name of a temporary table. */
const RESERVED_CANDIDATES = `ACCESSIBLE ADD ALL ALTER ANALYZE AND AS ASC ASENSITIVE BEFORE BETWEEN BIGINT BINARY BLOB
BOTH BY CALL CASCADE CASE CHANGE CHAR CHARACTER CHECK COLLATE COLUMN CONDITION CONSTRAINT CONTINUE CONVERT
CREATE CROSS CUBE CUME_DIST CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR DATABASE DATABASES
DAY_HOUR DAY_MICROSECOND DAY_MINUTE DAY_SECOND DEC DECIMAL DECLARE DEFAULT DELAYED DELETE DENSE_RANK DESC
DESCRIBE DETERMINISTIC DISTINCT DISTINCTROW DIV DOUBLE DROP DUAL EACH ELSE ELSEIF EMPTY ENCLOSED ESCAPED EXCEPT
EXISTS EXIT EXPLAIN FALSE FETCH FIRST_VALUE FLOAT FLOAT4 FLOAT8 FOR FORCE FOREIGN FROM FULLTEXT FUNCTION
GENERATED GET GRANT GROUP GROUPING GROUPS HAVING HIGH_PRIORITY HOUR_MICROSECOND HOUR_MINUTE HOUR_SECOND IF
IGNORE IN INDEX INFILE INNER INOUT INSENSITIVE INSERT INT INT1 INT2 INT3 INT4 INT8 INTEGER INTERSECT INTERVAL
INTO IO_AFTER_GTIDS IO_BEFORE_GTIDS IS ITERATE JOIN JSON_TABLE KEY KEYS KILL LAG LAST_VALUE LATERAL LEAD LEADING
LEAVE LEFT LIKE LIMIT LINEAR LINES LOAD LOCALTIME LOCALTIMESTAMP LOCK LONG LONGBLOB LONGTEXT LOOP LOW_PRIORITY
MASTER_BIND MASTER_SSL_VERIFY_SERVER_CERT MATCH MAXVALUE MEDIUMBLOB MEDIUMINT MEDIUMTEXT MIDDLEINT
MINUTE_MICROSECOND MINUTE_SECOND MOD MODIFIES NATURAL NOT NO_WRITE_TO_BINLOG NTH_VALUE NTILE NULL NUMERIC OF ON
OPTIMIZE OPTIMIZER_COSTS OPTION OPTIONALLY OR ORDER OUT OUTER OUTFILE OVER PARTITION PERCENT_RANK PRECISION
PRIMARY PROCEDURE PURGE RANGE RANK READ READS READ_WRITE REAL RECURSIVE REFERENCES REGEXP RELEASE RENAME REPEAT
REPLACE REQUIRE RESIGNAL RESTRICT RETURN RETURNING REVOKE RIGHT RLIKE ROW ROWS ROW_NUMBER SCHEMA SCHEMAS
SECOND_MICROSECOND SELECT SENSITIVE SEPARATOR SET SHOW SIGNAL SMALLINT SPATIAL SPECIFIC SQL SQLEXCEPTION SQLSTATE
SQLWARNING SQL_BIG_RESULT SQL_CALC_FOUND_ROWS SQL_SMALL_RESULT SSL STARTING STORED STRAIGHT_JOIN SYSTEM TABLE
TERMINATED THEN TINYBLOB TINYINT TINYTEXT TO TRAILING TRIGGER TRUE UNDO UNION UNIQUE UNLOCK UNSIGNED UPDATE
USAGE USE USING UTC_DATE UTC_TIME UTC_TIMESTAMP VALUES VARBINARY VARCHAR VARCHARACTER VARYING VIRTUAL WHEN WHERE
WHILE WINDOW WITH WRITE XOR YEAR_MONTH ZEROFILL PERIOD OFFSET PAGE_CHECKSUM MINUS ROWNUM SYSDATE VALUE ENGINE
COMMENT FIRST AFTER AUTO_INCREMENT COLUMNS SERIAL PERSISTENT INVISIBLE VISIBLE`.split(/\s+/)

async function captureReservedWords(): Promise<void> {
  const accepted: Record<string, Record<string, boolean>> = {}
  for (const { flavor, port } of servers) {
    const c = await connect(port)
    await c.query('CREATE DATABASE IF NOT EXISTS t_ddl_probe')
    for (const word of RESERVED_CANDIDATES) {
      let ok = true
      try {
        await c.query(`CREATE TEMPORARY TABLE t_ddl_probe.r (${word} INT)`)
        await c.query('DROP TEMPORARY TABLE t_ddl_probe.r')
      } catch {
        ok = false
      }
      ;(accepted[word] ??= {})[flavor] = ok
    }
    await c.query('DROP DATABASE t_ddl_probe')
    await c.end()
  }
  write('reserved-words.json', {
    captured: new Date().toISOString(),
    how: 'bun test/schema/ddl/capture.ts: CREATE TEMPORARY TABLE t_ddl_probe.r (<word> INT) on each server; true = accepted as an unquoted column name',
    accepted,
  })
}

/** Version prefixes of executable comments, probed as SELECT 1 <comment> AS x. */
const COMMENT_PROBES = [
  '/*!+ 5 */',
  '/*!1234 + 5 */',
  '/*!10000 + 5 */',
  '/*!40101 + 5 */',
  '/*!50699 + 5 */',
  '/*!50700 + 5 */',
  '/*!80000 + 5 */',
  '/*!80023 + 5 */',
  '/*!90000 + 5 */',
  '/*!90704 + 5 */',
  '/*!90800 + 5 */',
  '/*!99999 + 5 */',
  '/*!090000 + 5 */',
  '/*!100000 + 5 */',
  '/*!100100 + 5 */',
  '/*!101119 + 5 */',
  '/*!101200 + 5 */',
  '/*!999999 + 5 */',
  '/*!1000000 + 5 */',
  '/*M!+ 5 */',
  '/*M!50000 + 5 */',
  '/*M!80000 + 5 */',
  '/*M!100100 + 5 */',
  '/*M!110000 + 5 */',
  '/*+ 5 */',
  '/*!50000 /* c */ + 5 */',
  '/*!50000 + 5 /*!50000 + 7 */',
]

async function captureExecutableComments(): Promise<void> {
  const results: Record<string, Record<string, string>> = {}
  const versions: Record<string, string> = {}
  for (const { flavor, port } of servers) {
    const c = await connect(port)
    versions[flavor] = String((await rows(c, 'SELECT VERSION() AS v'))[0].v)
    for (const probe of COMMENT_PROBES) {
      let outcome: string
      try {
        outcome = String((await rows(c, `SELECT 1 ${probe} AS x`))[0].x)
      } catch {
        outcome = 'error'
      }
      ;(results[probe] ??= {})[flavor] = outcome
    }
    await c.end()
  }
  write('executable-comments.json', {
    captured: new Date().toISOString(),
    how: 'bun test/schema/ddl/capture.ts: SELECT 1 <comment> AS x on each server (through mysql2, so no client strips comments); the value of x, or "error"',
    versions,
    results,
  })
}

/** Statements a server refused; nothing is written while there are any. */
const failures: string[] = []

/** A small database with rows, a view, a trigger and routines, for the dumps. */
const DUMP_FIXTURE = [
  'DROP DATABASE IF EXISTS t_ddl_dump',
  'CREATE DATABASE t_ddl_dump CHARACTER SET utf8mb4',
  "CREATE TABLE t_ddl_dump.customer (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL DEFAULT '', note TEXT COMMENT 'free; text, (any)') ENGINE=InnoDB",
  'CREATE TABLE t_ddl_dump.`order` (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, customer_id INT NOT NULL, total DECIMAL(12,2) NOT NULL DEFAULT 0, created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (id), KEY (customer_id), CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES t_ddl_dump.customer (id))',
  "INSERT INTO t_ddl_dump.customer (name, note) VALUES ('a;b', 'it''s'), ('c\\d', NULL), ('e\nf', '/* not a comment */ -- nor this')",
  'INSERT INTO t_ddl_dump.`order` (customer_id, total) VALUES (1, 9.99), (2, 0)',
  'CREATE VIEW t_ddl_dump.big_orders AS SELECT id, total FROM t_ddl_dump.`order` WHERE total > 5',
  "CREATE TRIGGER t_ddl_dump.customer_bi BEFORE INSERT ON t_ddl_dump.customer FOR EACH ROW BEGIN IF NEW.name = '' THEN SET NEW.name = 'anon;ymous'; END IF; END",
  'CREATE PROCEDURE t_ddl_dump.touch(IN n INT) BEGIN UPDATE t_ddl_dump.customer SET note = CONCAT(note, n); SELECT 1; END',
  'CREATE FUNCTION t_ddl_dump.twice(n INT) RETURNS INT DETERMINISTIC RETURN n * 2',
]

async function captureDumps(): Promise<void> {
  for (const { flavor, port } of servers) {
    const c = await connect(port)
    for (const statement of DUMP_FIXTURE) await c.query(statement)
    await c.end()
    const args = [
      '-h127.0.0.1',
      `-P${port}`,
      '-uchsync',
      '-pchsync-test-pw',
      '--routines',
      '--triggers',
      '--databases',
      't_ddl_dump',
      't_ddl_show',
    ]
    const [program, argv] =
      flavor === 'mysql'
        ? ['chroot', ['/var/cache/chsync/sid-root', 'mysqldump', '--set-gtid-purged=OFF', ...args]]
        : ['mariadb-dump', args]
    const dump = execFileSync(program, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    const command = [program, ...argv].join(' ').replace('-pchsync-test-pw', '-p...')
    if (failures.length === 0) {
      writeFileSync(corpus + `mysqldump-${flavor}.sql`, `-- captured by test/schema/ddl/capture.ts: ${command}\n${dump}`)
      console.log(`wrote ${corpus}mysqldump-${flavor}.sql`)
    }
  }
}

/**
 * The sql_mode number a QUERY event carries, as the official decoder prints it, for sessions
 * with the modes the parser cares about switched on.
 */
async function captureSqlModes(): Promise<void> {
  const entries: unknown[] = []
  const modes = ['', 'ANSI_QUOTES', 'NO_BACKSLASH_ESCAPES', 'REAL_AS_FLOAT', 'ANSI_QUOTES,NO_BACKSLASH_ESCAPES,REAL_AS_FLOAT', 'ANSI']
  for (const { flavor, port } of servers) {
    const c = await connect(port)
    await c.query('CREATE DATABASE IF NOT EXISTS t_ddl_binlog')
    for (const mode of modes) {
      await c.query(`SET SESSION sql_mode = '${mode}'`)
      const [status] = await rows(c, flavor === 'mysql' ? 'SHOW BINARY LOG STATUS' : 'SHOW BINLOG STATUS')
      await c.query('CREATE TABLE IF NOT EXISTS t_ddl_binlog.sql_mode_probe (a INT)')
      const sessionMode = String((await rows(c, 'SELECT @@SESSION.sql_mode AS m'))[0].m)
      await c.query('DROP TABLE t_ddl_binlog.sql_mode_probe')
      const file = String(status.File)
      const [program, argv] =
        flavor === 'mysql'
          ? ['chroot', ['/var/cache/chsync/sid-root', 'mysqlbinlog', `--start-position=${status.Position}`, `/var/lib/t-mysql/${file}`]]
          : ['mariadb-binlog', [`--start-position=${status.Position}`, `/var/tmp/chsync-test/mariadb/${file}`]]
      const decoded = execFileSync(program, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 })
      const m = /SET @@session\.sql_mode=(\d+)/.exec(decoded)
      if (m === null) throw new Error(`${flavor}: no sql_mode in the decoded binlog`)
      entries.push({ server: flavor, set: mode, sessionMode, binlogSqlMode: m[1], command: [program, ...argv].join(' ') })
    }
    await c.end()
  }
  write('sql-modes.json', {
    captured: new Date().toISOString(),
    how: 'bun test/schema/ddl/capture.ts: a CREATE TABLE under each sql_mode, decoded with mysqlbinlog / mariadb-binlog from its position; binlogSqlMode is the number the QUERY event carries',
    entries,
  })
}

function write(name: string, value: unknown): void {
  if (failures.length > 0) {
    console.error(`not writing ${name}:\n${failures.join('\n')}`)
    process.exitCode = 1
    return
  }
  writeFileSync(corpus + name, JSON.stringify(value, null, 1) + '\n')
  console.log(`wrote ${corpus + name}`)
}

await captureShowCreate()
await captureBinlogQueries()
await captureReservedWords()
await captureExecutableComments()
await captureDumps()
await captureSqlModes()

// Leave nothing behind on the shared servers.
for (const { port } of servers) {
  const c = await connect(port)
  for (const db of ['t_ddl_show', 't_ddl_binlog', 't_ddl_binlog_other', 't_ddl_dump', 't_ddl_probe'])
    await c.query(`DROP DATABASE IF EXISTS ${db}`)
  await c.end()
}
