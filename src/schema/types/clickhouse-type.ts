// ClickHouse type text: a small parser for configured overrides ("Nullable(DateTime64(3, 'UTC'))")
// and the canonical printer used for DDL.

/** A type name with its arguments: nested types, numbers or quoted strings. */
export interface TypeNode {
  name: string
  args: TypeArg[]
}

export type TypeArg = TypeNode | number | { quoted: string }

/** Parses type text; returns the reason as a string when it is not a well-formed type. */
export function parseClickHouseType(text: string): TypeNode | string {
  let p = 0
  const ws = () => {
    while (p < text.length && /\s/.test(text[p])) p++
  }
  const fail = (what: string) => `${what} at offset ${p} of ${JSON.stringify(text)}`

  function type(): TypeNode | string {
    ws()
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(p))
    if (!m) return fail('expected a type name')
    p += m[0].length
    const node: TypeNode = { name: m[0], args: [] }
    ws()
    if (text[p] !== '(') return node
    p++
    for (;;) {
      ws()
      const arg = argument()
      if (typeof arg === 'string') return arg
      node.args.push(arg)
      ws()
      if (text[p] === ',') {
        p++
        continue
      }
      if (text[p] === ')') {
        p++
        return node
      }
      return fail("expected ',' or ')'")
    }
  }

  function argument(): TypeArg | string {
    const num = /^-?\d+/.exec(text.slice(p))
    if (num) {
      p += num[0].length
      return Number(num[0])
    }
    if (text[p] === "'") {
      let s = ''
      for (p++; p < text.length; p++) {
        const c = text[p]
        if (c === '\\' && p + 1 < text.length) s += text[++p]
        else if (c === "'" && text[p + 1] === "'") s += text[++p]
        else if (c === "'") {
          p++
          return { quoted: s }
        } else s += c
      }
      return fail('unterminated quoted string')
    }
    return type()
  }

  const node = type()
  if (typeof node === 'string') return node
  ws()
  return p === text.length ? node : fail('unexpected text')
}

export function printClickHouseType(node: TypeNode): string {
  if (node.args.length === 0) return node.name
  return `${node.name}(${node.args.map(printArg).join(', ')})`
}

function printArg(a: TypeArg): string {
  if (typeof a === 'number') return String(a)
  if ('quoted' in a) return `'${a.quoted.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  return printClickHouseType(a)
}

export function isTypeNode(a: TypeArg | undefined): a is TypeNode {
  return typeof a === 'object' && a !== null && 'name' in a
}

/** `inner` as a column that holds NULL, spelled as ClickHouse wants it. */
export function nullableType(inner: string): string {
  const lc = /^LowCardinality\((.*)\)$/.exec(inner)
  return lc ? `LowCardinality(Nullable(${lc[1]}))` : `Nullable(${inner})`
}

/** Bytes of the scaled integer ClickHouse keeps a Decimal(precision, s) in. */
export function decimalBytes(precision: number): number {
  return precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32
}
