// The text forms of MariaDB's UUID, INET6 and INET4, whose values the binlog carries as 16 / 4
// bytes (UUID in text order, addresses in network order): what SELECT prints for them.

import type { FixedBinaryType } from '../../model/index.ts'

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** "123e4567-e89b-12d3-a456-426655440000". */
export function uuidText(b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < 16; i++) s += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + HEX[b[i]]
  return s
}

/** "192.0.2.1". */
export function inet4Text(b: Uint8Array, at = 0): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`
}

/**
 * As MariaDB prints it (Inet6::to_string): lower-case groups without leading zeros, the longest
 * run of zero groups (even a single one; the first of equal runs) as "::", and the last 32 bits
 * as an IPv4 address when the run is the first six groups (IPv4-compatible, ::a.b.c.d) or the
 * first five followed by ffff (IPv4-mapped, ::ffff:a.b.c.d).
 */
export function inet6Text(b: Uint8Array): string {
  const words: number[] = []
  for (let i = 0; i < 16; i += 2) words.push((b[i] << 8) | b[i + 1])
  let gapAt = -1
  let gapLength = 0
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && words[j] === 0) j++
    if (j - i > gapLength) {
      gapAt = i
      gapLength = j - i
    }
    i = j
  }
  if (gapAt === 0 && (gapLength === 6 || (gapLength === 5 && words[5] === 0xffff)))
    return `::${gapLength === 5 ? 'ffff:' : ''}${inet4Text(b, 12)}`
  const hex = (from: number, to: number) =>
    words
      .slice(from, to)
      .map((w) => w.toString(16))
      .join(':')
  if (gapAt < 0) return hex(0, 8)
  return `${hex(0, gapAt)}::${hex(gapAt + gapLength, 8)}`
}

export function fixedBinaryText(type: FixedBinaryType, b: Uint8Array): string {
  if (type === 'uuid') return uuidText(b)
  return type === 'inet6' ? inet6Text(b) : inet4Text(b)
}
