// GTID tags (MySQL 8.3+): an identifier of 1 to 32 characters, [A-Za-z_][A-Za-z0-9_]*, that the
// server stores and prints in lowercase (libs/mysql/gtid/tag.cpp). '' stands for "untagged".

import type { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'
import { InvalidGtidError } from './errors.ts'
import { readVarUint } from './varlen.ts'

export const TAG_MAX_LENGTH = 32

const TAG = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/

/** The tag as the server stores it (lowercase); '' stays '' (untagged). Throws on anything else. */
export function normalizeTag(tag: string): string {
  if (tag === '') return ''
  if (!TAG.test(tag)) throw new InvalidGtidError(`not a GTID tag: ${JSON.stringify(tag)}`)
  return tag.toLowerCase()
}

export function isTagStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f
}

export function isTagChar(code: number): boolean {
  return isTagStart(code) || (code >= 0x30 && code <= 0x39)
}

/** A tag as the serialization library writes it: varlen length, then the characters. */
export function readEncodedTag(c: Cursor): string {
  const at = c.pos
  const length = readVarUint(c, 'tag length')
  if (length > BigInt(TAG_MAX_LENGTH)) throw new DecodeError(`GTID tag of ${length} bytes at ${at}`)
  const text = c.string(Number(length), 'tag')
  try {
    return normalizeTag(text)
  } catch (err) {
    throw new DecodeError(`invalid GTID tag ${JSON.stringify(text)} at ${at}`, {}, { cause: err })
  }
}
