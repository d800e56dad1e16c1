// The fast path that prints MySQL's JSON text straight from the binary form either gives exactly
// what SELECT printed or declines (undefined) and leaves it to the tree decoder — on every
// captured document, and on corrupted ones it never disagrees with the tree decoder.

import { expect, test } from 'bun:test'
import { decodeJson, jsonText } from '../../../src/binlog/values/json/index.ts'
import { directJsonText } from '../../../src/binlog/values/json/direct-text.ts'
import { seeded } from '../../support/random.ts'
import documents from './fixtures/documents.json'
import large from './fixtures/large-documents.json'

const cases = [...documents.cases, ...large.cases]

test('on every captured document: SELECT text or declined', () => {
  let taken = 0
  for (const c of cases) {
    const buf = Buffer.from(c.hex, 'hex')
    const direct = directJsonText(buf, 0, buf.length)
    if (direct === undefined) continue
    taken++
    expect(direct).toBe(c.select)
  }
  expect(taken).toBeGreaterThan(cases.length / 2)
}, 60_000)

test('on corrupted documents it agrees with the tree decoder whenever it answers', () => {
  const rand = seeded(7)
  let compared = 0
  for (let k = 0; k < 5000; k++) {
    const src = Buffer.from(cases[k % cases.length].hex, 'hex')
    const b = Buffer.from(src)
    for (let j = 0; j < 1 + (k % 3); j++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256)
    let direct: string | undefined
    try {
      direct = directJsonText(b, 0, b.length)
    } catch {
      continue
    }
    if (direct === undefined) continue
    let tree: string | null = null
    try {
      tree = jsonText(decodeJson(b))
    } catch {}
    expect(direct).toBe(tree as string)
    compared++
  }
  expect(compared).toBeGreaterThan(100)
}, 60_000)
