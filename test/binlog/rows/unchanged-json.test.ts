// An update's after-image takes the before-image's text for a JSON document with the same bytes,
// and only then: other bytes of the same length, another column, a row later, a NULL before.

import { expect, test } from 'bun:test'
import { UnchangedJson } from '../../../src/binlog/rows/unchanged-json.ts'
import { JsonText } from '../../../src/model/index.ts'

/** An UnchangedJson over `bytes` at the start of a row, whose printer records what it printed. */
function row(bytes: string) {
  const calls: string[] = []
  const u = new UnchangedJson(3, (buf, start, end, column) => {
    const t = `${column}:${buf.toString('latin1', start, end)}`
    calls.push(t)
    return JsonText.ofText(t)
  })
  u.nextRow()
  return { calls, u, buf: Buffer.from(bytes) }
}

test('the same bytes in the after-image print once', () => {
  const { calls, u, buf } = row('abcXabc')
  const before = u.before(buf, 0, 3, 1)
  expect(u.after(buf, 4, 7, 1)).toBe(before)
  expect(calls).toEqual(['1:abc'])
})

test('other bytes of the same length, or another length, print anew', () => {
  const { calls, u, buf } = row('abcXabdYab')
  u.before(buf, 0, 3, 0)
  expect(u.after(buf, 4, 7, 0).toString()).toBe('0:abd')
  expect(u.after(buf, 8, 10, 0).toString()).toBe('0:ab')
  expect(calls).toEqual(['0:abc', '0:abd', '0:ab'])
})

test('a document is compared only with its own column of its own row', () => {
  const { calls, u, buf } = row('abcXabc')
  u.before(buf, 0, 3, 0)
  expect(u.after(buf, 4, 7, 2).toString()).toBe('2:abc')
  // Next row: its before-image had NULL in column 0, so nothing of the last row is taken.
  u.nextRow()
  expect(u.after(buf, 4, 7, 0).toString()).toBe('0:abc')
  expect(calls).toEqual(['0:abc', '2:abc', '0:abc'])
})
