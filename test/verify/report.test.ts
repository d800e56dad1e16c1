// verify's report for people: each list of keys shows its first 20 and says how many more there
// are, key ranges likewise, and the report ends with a newline.

import { expect, test } from 'bun:test'
import { type TableVerdict, verifyJson, verifyReport } from '../../src/verify/index.ts'

const keys = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `["${from + i}"]`)

test('past 20 keys or key ranges, how many more', () => {
  const v: TableVerdict = {
    table: 'shop.orders',
    sourceRows: 100,
    targetRows: 65,
    missing: keys(20),
    extra: keys(1, 900),
    different: keys(20, 40),
    counts: { missing: 35, extra: 1, different: 20, ranges: 23 },
    ranges: Array.from({ length: 20 }, (_, i) => `[["${i * 5}"] .. ["${i * 5 + 4}"]]`),
  }
  const text = verifyReport([v], [])
  expect(text.split('\n').slice(0, 4)).toEqual([
    'DIFFERENT shop.orders  source 100 rows, target 65 rows',
    `  missing in the target: ${keys(20).join(', ')} … and 15 more`,
    '  only in the target: ["900"]',
    `  different values: ${keys(20, 40).join(', ')}`,
  ])
  expect(text).toContain('  in key range [["95"] .. ["99"]]\n  … and 3 more key ranges\n1 of 1 tables differ\n')
  expect(text).toEndWith('\n')
  expect(JSON.parse(verifyJson([v], []))[0]).toMatchObject({
    status: 'different',
    counts: { missing: 35, extra: 1, different: 20, ranges: 23 },
  })
})
