// The small parsers behind the keys: sizes, durations, env lists, globs, the derived server id.

import { describe, expect, test } from 'bun:test'
import {
  databaseFilter,
  deriveServerId,
  formatSize,
  parseDuration,
  parseSize,
  replicatedNames,
  tableFilter,
  targetDatabase,
} from '../../src/config/index.ts'
import { parsePairs, splitList } from '../../src/config/env-syntax.ts'
import { load } from './support.ts'

describe('sizes', () => {
  test('units, spaces, fractions, plain integers', () => {
    expect(parseSize('512B')).toBe(512)
    expect(parseSize('1KiB')).toBe(1024)
    expect(parseSize('32MiB')).toBe(33554432)
    expect(parseSize('32 mib')).toBe(33554432)
    expect(parseSize('1.5GiB')).toBe(1610612736)
    expect(parseSize('2TiB')).toBe(2 * 2 ** 40)
    expect(parseSize('4096')).toBe(4096)
    expect(parseSize(4096)).toBe(4096)
  })

  test('what is refused', () => {
    for (const text of ['32MB', '1KB', '1.5B', '-1', '', 'GiB', '1 2MiB', '9999999999TiB']) expect(parseSize(text)).toBeNull()
    expect(parseSize(-1)).toBeNull()
    expect(parseSize(1.5)).toBeNull()
  })

  test('formatSize spells the exact value', () => {
    expect(formatSize(33554432)).toBe('32MiB')
    expect(formatSize(1536)).toBe('1536B')
    expect(formatSize(3 * 2 ** 30)).toBe('3GiB')
    expect(formatSize(0)).toBe('0B')
  })
})

describe('durations', () => {
  test('units and combinations, in ms', () => {
    expect(parseDuration('0')).toBe(0)
    expect(parseDuration('500ms')).toBe(500)
    expect(parseDuration('30s')).toBe(30_000)
    expect(parseDuration('30m')).toBe(1_800_000)
    expect(parseDuration('1h')).toBe(3_600_000)
    expect(parseDuration('1d')).toBe(86_400_000)
    expect(parseDuration('1h30m')).toBe(5_400_000)
    expect(parseDuration('1m30s500ms')).toBe(90_500)
    expect(parseDuration(' 2h ')).toBe(7_200_000)
  })

  test('what is refused', () => {
    for (const text of ['30', '1 h', '1.5h', '1H', '500us', 'h', '', '-1h', '1h 30m']) expect(parseDuration(text)).toBeNull()
  })

  test('in the config: "0" is never, otherwise at least 1s', () => {
    expect(load('[apply]\noptimize_interval = 0\n').apply.optimizeIntervalMs).toBe(0)
    expect(load('[apply]\noptimize_interval = "1s"\n').apply.optimizeIntervalMs).toBe(1000)
  })
})

describe('env list syntax', () => {
  test('commas inside parentheses and quotes do not split', () => {
    expect(splitList('a, b ,,c')).toEqual(['a', 'b', 'c'])
    expect(splitList('')).toEqual([])
    expect(splitList("x=Decimal(18, 2),y=Enum8('a,b' = 1),z=Map(String, Array(UInt8))")).toEqual([
      'x=Decimal(18, 2)',
      "y=Enum8('a,b' = 1)",
      'z=Map(String, Array(UInt8))',
    ])
  })

  test('pairs split at the first "=", or a JSON object', () => {
    expect(parsePairs("a.b.c=Enum8('x' = 1)")).toEqual({ ok: true, table: { 'a.b.c': "Enum8('x' = 1)" } })
    expect(parsePairs('__proto__=x')).toEqual({ ok: true, table: Object.defineProperty({}, '__proto__', { value: 'x', enumerable: true }) })
    expect(parsePairs('=x')).toEqual({ ok: false, bad: 'the item "=x" with no "key=" before its value' })
    expect(parsePairs('[1]')).toEqual({ ok: false, bad: 'the item "[1]" with no "key=" before its value' })
    expect(parsePairs('{"a": 1')).toEqual({ ok: false, bad: 'JSON that is not an object' })
  })
})

describe('server id from the host name', () => {
  test('2^31 + FNV-1a 32 mod 2^31', () => {
    // FNV-1a 32 of "a" is 0xe40c292c, of "" the offset basis 0x811c9dc5, of "foobar" 0xbf9cf968.
    expect(deriveServerId('a')).toBe(0xe40c292c)
    expect(deriveServerId('')).toBe(0x811c9dc5)
    expect(deriveServerId('foobar')).toBe(0xbf9cf968)
    expect(deriveServerId('db-1')).toBe(deriveServerId('db-1'))
    expect(deriveServerId('db-1')).not.toBe(deriveServerId('db-2'))
  })

  test('any derived id is in 2147483648..4294967295', () => {
    for (const host of ['x', 'localhost', 'replica-7.example', 'ünïcode', 'a'.repeat(300)]) {
      const id = deriveServerId(host)
      expect(id).toBeGreaterThanOrEqual(2 ** 31)
      expect(id).toBeLessThanOrEqual(2 ** 32 - 1)
    }
  })

  test('an explicit server_id is used as is', () => {
    expect(load('[source]\nserver_id = 4294967295\n').source).toMatchObject({ serverId: 4294967295, serverIdDerived: false })
    // Derived from the host name and state.path (tail and run on one host differ by their state files).
    expect(load('', {}, { hostname: 'foobar' }).source).toMatchObject({
      serverId: deriveServerId('foobar', '/var/lib/chsync/state.db'),
      serverIdDerived: true,
    })
    expect(deriveServerId('foobar', '/var/lib/chsync/state.db')).not.toBe(deriveServerId('foobar', '/tmp/tail.db'))
  })
})

describe('tableFilter', () => {
  const filter = (text: string) => tableFilter(load(text))

  test('defaults: every table of every database but the system schemas', () => {
    const all = filter('')
    expect(all('shop', 'orders')).toBe(true)
    for (const db of ['mysql', 'sys', 'information_schema', 'performance_schema']) expect(all(db, 'user')).toBe(false)
  })

  test('system schemas only when named exactly', () => {
    expect(filter('[replicate]\ndatabases = ["mysql"]\n')('mysql', 'user')).toBe(true)
    expect(filter('[replicate]\ndatabases = ["mys?l", "my*"]\n')('mysql', 'user')).toBe(false)
    expect(filter('[replicate]\ndatabases = ["my*"]\n')('myshop', 'user')).toBe(true)
  })

  test('database globs: * any run, ? one character, case-sensitive', () => {
    const f = filter('[replicate]\ndatabases = ["shop", "crm_*", "t?"]\n')
    expect(['shop', 'crm_', 'crm_eu', 't1'].map((db) => f(db, 'x'))).toEqual([true, true, true, true])
    expect(['Shop', 'shop2', 'crm', 't12', 't'].map((db) => f(db, 'x'))).toEqual([false, false, false, false, false])
  })

  test('table globs on "table" or "db.table"; regex characters are literal', () => {
    const f = filter('[replicate]\ntables = ["orders", "shop.item_*", "a+b"]\n')
    expect(f('any', 'orders')).toBe(true)
    expect(f('shop', 'item_1')).toBe(true)
    expect(f('crm', 'item_1')).toBe(false)
    expect(f('x', 'a+b')).toBe(true)
    expect(f('x', 'aab')).toBe(false)
  })

  test('exclusions win', () => {
    const f = filter('[replicate]\nexclude_tables = ["shop.tmp_*", "*_log", "*.audit"]\n')
    expect(f('shop', 'tmp_1')).toBe(false)
    expect(f('crm', 'tmp_1')).toBe(true)
    expect(f('crm', 'access_log')).toBe(false)
    expect(f('crm', 'audit')).toBe(false)
    expect(f('crm', 'orders')).toBe(true)
  })
})

describe('databaseFilter and replicatedNames: what [replicate] can take of one database', () => {
  test('a database taken with any table, with the tables written out, or not at all', () => {
    const config = load(
      '[replicate]\ndatabases = ["shop", "crm_*", "hr"]\ntables = ["shop.*", "crm_eu.deals", "crm_eu.notes", "hr.people"]\nexclude_tables = ["crm_eu.notes"]\n',
    )
    const wanted = databaseFilter(config)
    expect(['shop', 'crm_eu', 'hr', 'mysql', 'other'].map(wanted)).toEqual([true, true, true, false, false])
    expect(replicatedNames(config, 'shop')).toBe('any')
    expect(replicatedNames(config, 'crm_eu')).toEqual(['deals'])
    expect(replicatedNames(config, 'hr')).toEqual(['people'])
    expect(replicatedNames(config, 'crm_us')).toEqual([])
    expect(replicatedNames(config, 'other')).toEqual([])
    expect(replicatedNames(load(''), 'anything')).toBe('any')
    expect(databaseFilter(load(''))('sys')).toBe(false)
  })
})

describe('targetDatabase', () => {
  test('renames as written, the prefix for the rest', () => {
    const config = load('[target]\ndatabase_prefix = "src_"\n[target.databases]\nshop = "shop_analytics"\n')
    expect(targetDatabase(config, 'shop')).toBe('shop_analytics')
    expect(targetDatabase(config, 'crm')).toBe('src_crm')
    expect(targetDatabase(load(''), 'crm')).toBe('crm')
  })

  test('database names that are also Object property names', () => {
    const config = load('[target.databases]\n"__proto__" = "p"\nconstructor = "c"\n')
    expect(config.target.databases).toEqual(
      new Map([
        ['__proto__', 'p'],
        ['constructor', 'c'],
      ]),
    )
    expect(targetDatabase(config, '__proto__')).toBe('p')
    expect(targetDatabase(config, 'toString')).toBe('toString')
  })
})
