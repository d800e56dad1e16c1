// Server UUIDs: 16 bytes on the wire, 36 lowercase characters in canonical text.

import { InvalidGtidError } from './errors.ts'

const HEX = /^[0-9a-fA-F]{32}$/
const DASHED = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** Canonical text (lowercase, dashed 8-4-4-4-12) of 16 uuid bytes. */
export function uuidFromBytes(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * Canonical text of a uuid written in any form MySQL accepts: dashed, 32 hex digits, or dashed
 * within braces; any case.
 */
export function canonicalUuid(text: string): string {
  let s = text
  if (s.length === 38 && s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1)
  if (DASHED.test(s)) return s.toLowerCase()
  if (HEX.test(s)) return uuidFromBytes(Buffer.from(s, 'hex'))
  throw new InvalidGtidError(`not a uuid: ${JSON.stringify(text)}`)
}

/** The 16 bytes of a uuid in canonical text. */
export function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex')
}
