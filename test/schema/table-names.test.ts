// Tables are the pair (database, table): names with dots stay apart as keys, print with
// backquotes, and read back from what people type.

import { expect, test } from 'bun:test'
import { parseTableName, splitTableKey, tableKey, tableName } from '../../src/model/index.ts'

test('a dot inside a name never joins two tables into one key', () => {
  expect(tableKey('d', 'a.b')).not.toBe(tableKey('d.a', 'b'))
  expect(splitTableKey(tableKey('d.a', 'b'))).toEqual(['d.a', 'b'])
  expect(splitTableKey(tableKey('d', 'a.b'))).toEqual(['d', 'a.b'])
})

test('names print as written, in backquotes when they need them', () => {
  expect(tableName('shop', 'orders')).toBe('shop.orders')
  expect(tableName('d', 'a.b')).toBe('d.`a.b`')
  expect(tableName('d.a', 'b')).toBe('`d.a`.b')
  expect(tableName('x`y', 'my table')).toBe('`x``y`.`my table`')
})

test('what people type reads back to the pair', () => {
  expect(parseTableName('shop.orders')).toEqual(['shop', 'orders'])
  expect(parseTableName('`d.a`.b')).toEqual(['d.a', 'b'])
  expect(parseTableName('d.`a.b`')).toEqual(['d', 'a.b'])
  expect(parseTableName('`x``y`.`my table`')).toEqual(['x`y', 'my table'])
  for (const [db, t] of [
    ['d', 'a.b'],
    ['d.a', 'b'],
    ['x`y', 'my table'],
    ['ü', '表'],
  ])
    expect(parseTableName(tableName(db, t))).toEqual([db, t])
})

test('what is not one table name is refused', () => {
  for (const bad of ['orders', 'a.b.c', '.b', 'a.', '`a.b', 'a.`b', '`a`b.c', '', 'a..b']) expect(parseTableName(bad)).toBeNull()
})
