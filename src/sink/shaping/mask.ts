// The masks of replicate.mask, on one cell. sha256 is an HMAC keyed with the salt, over the value's
// bytes as the change feed would spell it (text as UTF-8, bytes as they are, numbers in decimal),
// so equal values hash alike in every table and in every run with the same salt.

import { createHmac } from 'node:crypto'
import { type Cell, JsonText } from '../../model/index.ts'
import type { MaskKind } from '../../config/index.ts'

const REDACTED = '[redacted]'

/** A sha256 mask's value: the digest's 32 bytes as 64 hex digits. */
export const SHA256_HEX_BYTES = 64

export function maskCell(kind: MaskKind, salt: string, cell: Cell): Cell {
  if (cell === undefined || cell === null || kind === 'null') return cell === undefined ? undefined : null
  if (kind === 'redact') return REDACTED
  return createHmac('sha256', salt).update(bytesOf(cell)).digest('hex')
}

function bytesOf(cell: Exclude<Cell, null | undefined>): Uint8Array | string {
  if (cell instanceof Uint8Array || typeof cell === 'string') return cell
  // A JSON document: its text's UTF-8, as when it was a string.
  if (cell instanceof JsonText) return cell.bytes
  // SET: its labels as MySQL prints them; VECTOR: its components.
  if (Array.isArray(cell)) return cell.join(',')
  return String(cell)
}
