// DATE and DATETIME encoders against their previous implementation (support/temporal-before.ts)
// on random text: valid dates and times across the calendar, zero and invalid dates, values to
// clamp, and malformed text, in runs that repeat a date (the encoders remember the last one)
// and in runs that change it every value. Same bytes, same clamp notices, an error on the same input.

import { describe, expect, test } from 'bun:test'
import { blankShape, type Cell, type ColumnDef, ColumnType, columnDef } from '../../../src/model/index.ts'
import { type TargetColumn, mapColumn } from '../../../src/schema/types/index.ts'
import { ClampCounter, EncodeError, RowBinaryWriter, columnEncoder } from '../../../src/sink/clickhouse/encode/index.ts'
import { date32Encoder, datetime64Encoder } from './support/temporal-before.ts'

let seed = 1515
function random(n: number): number {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return Math.floor((seed / 2147483648) * n)
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')
const pick = <T>(xs: readonly T[]): T => xs[random(xs.length)]

function randomDate(): string {
  const y = pick([random(10000), 1900 + random(400), 1899, 1900, 2299, 2300, 2262, 0, 1970, 1969])
  const m = random(5) === 0 ? random(14) : 1 + random(12)
  const d = random(5) === 0 ? random(33) : pick([1 + random(28), 29, 30, 31])
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
}

function randomTime(scale: number): string {
  const h = random(10) === 0 ? random(30) : random(24)
  const mi = random(10) === 0 ? random(70) : random(60)
  const s = random(10) === 0 ? random(70) : random(60)
  const digits = random(4) === 0 ? random(scale + 2) : scale
  const frac = digits > 0 ? `.${pad(random(10 ** digits), digits)}` : random(20) === 0 ? '.' : ''
  return `${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${frac}`
}

/** One character replaced by another at random (a digit, a separator, a letter), or the text cut. */
function corrupt(text: string): string {
  if (random(4) === 0) return text.slice(0, random(text.length))
  const at = random(text.length)
  return text.slice(0, at) + pick(['0', '9', '-', ':', ' ', '.', 'x', '/', '\u00e9']) + text.slice(at + 1)
}

type Encode = (w: RowBinaryWriter, cell: Cell) => void

/** The bytes written and the clamp notices, or the error's class. */
function run(encode: Encode, notices: string[], text: string): string {
  const w = new RowBinaryWriter(64)
  const before = notices.length
  try {
    encode(w, text)
  } catch (err) {
    expect(err).toBeInstanceOf(EncodeError)
    return 'error'
  }
  return `${w.bytes().toString('hex')} ${notices.slice(before).join(',')}`
}

function compare(t: TargetColumn, before: (clamps: ClampCounter) => Encode, texts: () => string, n: number): number {
  const notices: string[] = []
  const clamps = new ClampCounter((c) => notices.push(`${c.column}:${c.value}->${c.clampedTo}`))
  const current = columnEncoder(t, clamps)
  const reference = before(clamps)
  let checked = 0
  for (let i = 0; i < n; i++) {
    const text = texts()
    const want = run(reference, notices, text)
    expect(`${text} ${run(current, notices, text)}`).toBe(`${text} ${want}`)
    checked++
  }
  return checked
}

describe('DATE and DATETIME encoders against the previous implementation', () => {
  const column = (over: Partial<ColumnDef>): TargetColumn =>
    mapColumn({ ...columnDef(0, 'c', blankShape(ColumnType.NULL)), ...over }, { jsonType: 'String' })

  test('DATE: 20,000 random texts, dates repeated and not', () => {
    const t = column({ type: ColumnType.DATE })
    let last = randomDate()
    const texts = () => {
      if (random(3) !== 0) last = randomDate()
      return random(8) === 0 ? corrupt(last) : last
    }
    expect(compare(t, (clamps) => date32Encoder(t, clamps), texts, 20_000)).toBe(20_000)
  })

  for (const fsp of [0, 3, 6])
    test(`DATETIME(${fsp}) and TIMESTAMP(${fsp}) at scale ${fsp} and 9: 20,000 random texts each`, () => {
      for (const type of [ColumnType.DATETIME2, ColumnType.TIMESTAMP2])
        for (const override of [undefined, 'DateTime64(9)']) {
          const t = mapColumn({ ...columnDef(0, 'c', blankShape(type)), fsp }, { jsonType: 'String', override })
          let date = randomDate()
          const texts = () => {
            if (random(4) === 0) date = randomDate()
            const text = `${date} ${randomTime(fsp)}`
            return random(8) === 0 ? corrupt(text) : text
          }
          expect(compare(t, (clamps) => datetime64Encoder(t, clamps), texts, 5_000)).toBe(5_000)
        }
    })
})
