// The fast path that prints MySQL's JSON text straight from the binary form either gives exactly
// what SELECT printed or declines (undefined) and leaves it to the tree decoder — on every
// captured document, and on corrupted ones it never disagrees with the tree decoder.

import { expect, test } from 'bun:test'
import { decodeJson, jsonText } from '../../../src/binlog/values/json/index.ts'
import { directJsonText } from '../../../src/binlog/values/json/direct-text.ts'
import { JsonKeyTemplates } from '../../../src/binlog/values/json/key-templates.ts'
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

test('strings with control characters, quotes and invalid or cut-off UTF-8 print as the tree decoder prints them', () => {
  const STRING = 0x0c
  const samples = [
    [0x41, 0x00, 0x1f, 0x22, 0x5c, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x7f, 0x2f],
    [0xe6, 0x9d, 0x8e, 0x20, 0xf0, 0x9f, 0x98, 0x80],
    [0x61, 0xe4],
    [0xe4, 0x0a, 0x62],
    [0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80],
    [0x80, 0xbf, 0x22, 0xf0, 0x9f, 0x98],
  ]
  for (const bytes of samples) {
    const doc = Buffer.from([STRING, bytes.length, ...bytes])
    expect(directJsonText(doc, 0, doc.length)).toBe(jsonText(decodeJson(doc)))
  }
  // Inside an array, so a cut-off sequence is followed by more text: ["\xe4", "b"].
  const a = Buffer.from([0x02, 0x02, 0x00, 0x0e, 0x00, STRING, 0x0a, 0x00, STRING, 0x0c, 0x00, 0x01, 0xe4, 0x01, 0x62])
  const direct = directJsonText(a, 0, a.length)
  expect(direct).toBe(jsonText(decodeJson(a)))
  expect(direct).toBe('["\ufffd", "b"]')
})

test('with a column’s key templates: captured documents, then corrupted copies of each, print as without them', () => {
  // Each corrupted copy follows its clean document, so the template the clean one left is tried
  // on it: a change in the key section must miss it, a change elsewhere must still be checked.
  const rand = seeded(11)
  const keys = new JsonKeyTemplates()
  let hits = 0
  let compared = 0
  for (let k = 0; k < 6000; k++) {
    const src = Buffer.from(cases[k % cases.length].hex, 'hex')
    const clean = directJsonText(src, 0, src.length, keys)
    expect(clean).toBe(directJsonText(src, 0, src.length))
    const b = Buffer.from(src)
    for (let j = 0; j < 1 + (k % 3); j++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256)
    const plain = attempt(() => directJsonText(b, 0, b.length))
    const templated = attempt(() => directJsonText(b, 0, b.length, keys))
    expect(templated).toEqual(plain)
    if (templated === undefined || templated instanceof Error) continue
    const tree = attempt(() => jsonText(decodeJson(b)))
    expect(templated).toBe(tree as string)
    compared++
    if (src[0] <= 0x01) hits++
  }
  expect(compared).toBeGreaterThan(100)
  expect(hits).toBeGreaterThan(50)
}, 60_000)

test('documents of one shape with other values, keys of the same lengths and other key bytes', () => {
  // {"ab": 1, "cd": "x"} as MySQL writes it, then the same with each key and value byte changed.
  const doc = Buffer.from('000200180012000200140002000501000c1600616263640178', 'hex')
  expect(directJsonText(doc, 0, doc.length)).toBe('{"ab": 1, "cd": "x"}')
  const keys = new JsonKeyTemplates()
  for (let at = 0; at < doc.length; at++) {
    for (const v of [0x00, 0x22, 0x41, 0x5c, 0x7a, 0x80, 0xff]) {
      directJsonText(doc, 0, doc.length, keys)
      const b = Buffer.from(doc)
      b[at] = v
      const tree = attempt(() => jsonText(decodeJson(b)))
      const templated = directJsonText(b, 0, b.length, keys)
      if (templated !== undefined) expect({ at, v, text: templated }).toEqual({ at, v, text: tree as string })
      expect(templated).toBe(directJsonText(b, 0, b.length))
    }
  }
})

function attempt<T>(f: () => T): T | Error {
  try {
    return f()
  } catch (err) {
    return err as Error
  }
}
