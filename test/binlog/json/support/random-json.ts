// Test support: seeded random JSON documents (as JS values and as JSON text for CAST(? AS JSON)),
// and SQL path text for them. Numbers are written so MySQL parses them as the intended kind:
// integers as plain digits, doubles always with an exponent.

export type Plain = null | boolean | string | PlainNumber | Plain[] | { [key: string]: Plain }
export interface PlainNumber {
  /** The JSON text of the number. */
  num: string
}

export class RandomJson {
  constructor(private readonly next: () => number) {}

  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  value(depth: number): Plain {
    const r = this.next()
    if (depth > 0 && r < 0.15) return this.array(depth - 1)
    if (depth > 0 && r < 0.3) return this.object(depth - 1)
    if (r < 0.4) return this.pick([null, true, false])
    if (r < 0.6) return { num: this.integer() }
    if (r < 0.78) return { num: this.double() }
    return this.string()
  }

  array(depth: number, max = 8): Plain[] {
    const n = this.int(max + 1)
    return Array.from({ length: n }, () => this.value(depth))
  }

  object(depth: number, max = 8): { [key: string]: Plain } {
    const o: { [key: string]: Plain } = {}
    const n = this.int(max + 1)
    for (let i = 0; i < n; i++) o[this.key()] = this.value(depth)
    return o
  }

  key(): string {
    return (
      this.pick(['a', 'b', 'id', 'name', '10', '2', '', 'é', 'キー', '😀', 'a b', 'q"t', 'back\\slash', 'tab\t', 'Z']) +
      (this.next() < 0.5 ? '' : String(this.int(50)))
    )
  }

  integer(): string {
    const kind = this.int(6)
    const magnitude = [1e2, 4e4, 3e9, 9e15][Math.min(kind, 3)]
    if (kind === 4) return (2n ** 63n + BigInt(this.int(1e9))).toString() // beyond int64: uint64
    if (kind === 5) return (-(2n ** 62n) - BigInt(this.int(1e9))).toString()
    const v = Math.floor((this.next() - 0.5) * 2 * magnitude)
    return String(v === 0 ? 0 : v)
  }

  double(): string {
    const kind = this.int(4)
    let x: number
    if (kind === 0) {
      // Any finite double, from random bits.
      const b = new DataView(new ArrayBuffer(8))
      do {
        b.setUint32(0, this.int(2 ** 32))
        b.setUint32(4, this.int(2 ** 32))
        x = b.getFloat64(0)
      } while (!Number.isFinite(x))
    } else if (kind === 1) x = (this.next() - 0.5) * 10 ** (this.int(40) - 20)
    else if (kind === 2) x = this.int(1e6) / 10 ** this.int(8)
    else x = this.pick([0, -0, 1, 1e15, 1e16, 1e-14, 1e-15, 123456789012345.6, 1234567890123456.7, 0.1, 2 ** 53])
    return x.toExponential()
  }

  string(): string {
    const n = this.next() < 0.05 ? 200 + this.int(20000) : this.int(12)
    let s = ''
    for (let i = 0; i < n; i++) {
      const r = this.next()
      if (r < 0.6) s += String.fromCharCode(0x61 + this.int(26))
      else if (r < 0.7) s += String.fromCharCode(this.int(0x20))
      else if (r < 0.75) s += this.pick(['"', '\\', '/', '\u007f'])
      else if (r < 0.85) s += String.fromCharCode(0xa0 + this.int(0xd700 - 0xa0))
      else if (r < 0.9) s += String.fromCodePoint(0x1f300 + this.int(0x300))
      else s += ' '
    }
    return s
  }
}

/** JSON text of a plain value, numbers written verbatim. */
export function toJsonText(v: Plain): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v)
  if (Array.isArray(v)) return '[' + v.map(toJsonText).join(', ') + ']'
  if ('num' in v && typeof v.num === 'string' && Object.keys(v).length === 1) return v.num
  return (
    '{' +
    Object.entries(v)
      .map(([k, x]) => JSON.stringify(k) + ': ' + toJsonText(x as Plain))
      .join(', ') +
    '}'
  )
}

/** A MySQL path for a list of keys and indexes, member names always quoted. */
export function sqlPath(steps: readonly (string | number | 'last')[]): string {
  let s = '$'
  for (const step of steps) s += typeof step === 'string' && step !== 'last' ? '.' + JSON.stringify(step) : `[${step}]`
  return s
}

/** Every path to a value in the document, with whether it is an array cell or an object member. */
export function paths(v: Plain, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = []
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([...prefix, i], ...paths(x, [...prefix, i]))
    })
  } else if (v !== null && typeof v === 'object' && !isNumber(v)) {
    for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...paths(x, [...prefix, k]))
  }
  return out
}

export function isNumber(v: Plain): v is PlainNumber {
  return (
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as PlainNumber).num === 'string'
  )
}
