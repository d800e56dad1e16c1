// Rows decoding hands a JSON document over as the UTF-8 bytes of MySQL's text (JsonText): on random
// binary documents, captured ones and corrupted copies, those bytes are byte for byte the UTF-8 of
// the text the tree decoder prints (jsonText), and toString() is that text; and they stay so while
// the documents after them are printed.

import { afterAll, expect, test } from 'bun:test'
import type { JsonText } from '../../../src/model/index.ts'
import { decodeJson, jsonText } from '../../../src/binlog/values/json/index.ts'
import { directJsonBytes } from '../../../src/binlog/values/json/direct-text.ts'
import { mysqlJsonCodec } from '../../../src/binlog/values/json-codec.ts'
import { seeded } from '../../support/random.ts'
import documents from './fixtures/documents.json'
import large from './fixtures/large-documents.json'
import { RandomBinaryJson } from './support/binary-json.ts'

/** The documents handed over so far and the bytes each must keep while later ones are printed. */
const handedOver: { doc: JsonText; hex: string }[] = []

/** textOf's bytes and text next to the tree decoder's text and its UTF-8, or both errors. */
function compare(doc: Buffer, memo = mysqlJsonCodec.newColumnMemo()): 'equal' | 'refused' {
  let tree: string
  try {
    tree = jsonText(decodeJson(doc))
  } catch {
    expect(() => mysqlJsonCodec.textOf(doc, 0, doc.length, memo)).toThrow()
    return 'refused'
  }
  const got = mysqlJsonCodec.textOf(doc, 0, doc.length, memo)
  const hex = Buffer.from(tree, 'utf8').toString('hex')
  expect({ doc: doc.toString('hex'), bytes: Buffer.from(got.bytes).toString('hex') }).toEqual({ doc: doc.toString('hex'), bytes: hex })
  expect(got.toString()).toBe(tree)
  handedOver.push({ doc: got, hex })
  return 'equal'
}

afterAll(() => {
  // Later documents are printed after the earlier ones in the same buffers: none was overwritten.
  expect(handedOver.length).toBeGreaterThan(4000)
  for (const { doc, hex } of handedOver)
    if (Buffer.from(doc.bytes).toString('hex') !== hex) expect(Buffer.from(doc.bytes).toString('hex')).toBe(hex)
})

test('random binary documents: the same bytes as the tree decoder’s text, mostly by the direct printer', () => {
  const gen = new RandomBinaryJson(seeded(15))
  const memo = mysqlJsonCodec.newColumnMemo()
  let direct = 0
  let invalidUtf8 = 0
  const n = 4000
  for (let i = 0; i < n; i++) {
    const doc = gen.document(1 + (i % 4))
    expect(compare(doc, memo)).toBe('equal')
    if (directJsonBytes(doc, 0, doc.length) !== undefined) direct++
    if (jsonText(decodeJson(doc)).includes('\ufffd')) invalidUtf8++
  }
  expect(direct).toBeGreaterThan(n / 2)
  expect(invalidUtf8).toBeGreaterThan(50)
}, 60_000)

test('captured documents and corrupted copies: the same bytes, or refused by both', () => {
  const cases = [...documents.cases, ...large.cases]
  const rand = seeded(16)
  let equal = 0
  for (let k = 0; k < 3000; k++) {
    const b = Buffer.from(cases[k % cases.length].hex, 'hex')
    if (k >= cases.length) for (let j = 0; j < 1 + (k % 3); j++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256)
    if (compare(b) === 'equal') equal++
  }
  expect(equal).toBeGreaterThan(300)
}, 60_000)

test('an empty value is the JSON null', () => {
  const got = mysqlJsonCodec.textOf(Buffer.alloc(0), 0, 0)
  expect(Buffer.from(got.bytes).toString()).toBe('null')
  expect(got.toString()).toBe('null')
})
