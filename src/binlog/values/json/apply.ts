// Applies partial-update diffs to the document they were taken from, as the server does
// (apply_json_diffs in sql/json_diff.cc), without changing the input tree.
//
// Per diff, with P = the path without its last leg and L = the last leg:
//   REPLACE  the value at the path must exist; it is replaced.
//   INSERT   P must be an object and L a member not in it (added at its sorted place), or P an
//            array and L a cell: inserted at that index, or appended when the index is past
//            the end ([last-n] counts from the end, clamped to 0).
//   REMOVE   P an object holding member L, or P an array with cell L inside it; it goes.
// Steps through arrays need an in-bounds cell, steps through objects an existing member; no
// auto-wrapping. An empty path (the whole document) is never a diff. Anything the server
// would reject means the before image does not match what the server changed: a DecodeError.
//
// Object members are kept sorted like MySQL stores them: shorter UTF-8 key first, then by bytes.

import { DecodeError } from '../../errors.ts'
import type { JsonDiff } from './diff.ts'
import { formatJsonPath, type JsonPathLeg } from './path.ts'
import type { JsonArray, JsonObject, JsonValue } from './types.ts'

type Container = JsonArray | JsonObject

/** The document after the diffs, in order. `before` and the diffs are left as they are. */
export function applyJsonDiffs(before: JsonValue, diffs: readonly JsonDiff[]): JsonValue {
  // Containers copied during this call: only these may be changed in place.
  const owned = new Set<Container>()
  let root = before
  for (const diff of diffs) {
    const legs = diff.legs
    if (legs.length === 0) throw rejected(diff, 'a diff cannot change the whole document')
    if (!isContainer(root)) throw rejected(diff, 'the document is not an array or object')
    root = own(root, owned)
    let parent: Container = root
    for (let i = 0; i < legs.length - 1; i++) {
      const child = lookup(parent, legs[i])
      if (!isContainer(child)) throw rejected(diff, `nothing to step into at ${formatJsonPath(legs.slice(0, i + 1))}`)
      const mine = own(child, owned)
      if (mine !== child) store(parent, legs[i], mine)
      parent = mine
    }
    change(parent, legs[legs.length - 1], diff)
  }
  return root
}

function change(parent: Container, leg: JsonPathLeg, diff: JsonDiff): void {
  switch (diff.op) {
    case 'replace':
      if (lookup(parent, leg) === undefined) throw rejected(diff, 'there is no value to replace')
      store(parent, leg, diff.value)
      return
    case 'insert':
      if (parent instanceof Map) {
        if (leg.kind !== 'member') throw rejected(diff, 'a cell cannot be inserted into an object')
        if (parent.has(leg.name)) throw rejected(diff, 'the member exists already')
        insertMember(parent, leg.name, diff.value)
      } else {
        if (leg.kind !== 'cell') throw rejected(diff, 'a member cannot be inserted into an array')
        const n = parent.length
        const at = leg.fromEnd ? (leg.index < n ? n - leg.index - 1 : 0) : Math.min(leg.index, n)
        parent.splice(at, 0, diff.value)
      }
      return
    case 'remove':
      if (parent instanceof Map) {
        if (leg.kind !== 'member' || !parent.delete(leg.name)) throw rejected(diff, 'there is no member to remove')
      } else {
        if (leg.kind !== 'cell' || leg.index >= parent.length) throw rejected(diff, 'there is no cell to remove')
        parent.splice(leg.fromEnd ? parent.length - leg.index - 1 : leg.index, 1)
      }
      return
  }
}

/** The value at one leg below `parent`, or undefined when there is none. */
function lookup(parent: Container, leg: JsonPathLeg): JsonValue | undefined {
  if (parent instanceof Map) return leg.kind === 'member' ? parent.get(leg.name) : undefined
  if (leg.kind !== 'cell' || leg.index >= parent.length) return undefined
  return parent[leg.fromEnd ? parent.length - leg.index - 1 : leg.index]
}

/** Sets the value at a leg known to exist. */
function store(parent: Container, leg: JsonPathLeg, value: JsonValue): void {
  if (parent instanceof Map) parent.set((leg as { name: string }).name, value)
  else {
    const cell = leg as { index: number; fromEnd: boolean }
    parent[cell.fromEnd ? parent.length - cell.index - 1 : cell.index] = value
  }
}

function insertMember(object: JsonObject, name: string, value: JsonValue): void {
  const key = Buffer.from(name, 'utf8')
  const entries = [...object]
  let at = entries.length
  while (at > 0 && compareKeys(key, Buffer.from(entries[at - 1][0], 'utf8')) < 0) at--
  if (at === entries.length) {
    object.set(name, value)
    return
  }
  entries.splice(at, 0, [name, value])
  object.clear()
  for (const [k, v] of entries) object.set(k, v)
}

/** MySQL's key order: shorter first, equal lengths by bytes. */
function compareKeys(a: Buffer, b: Buffer): number {
  return a.length !== b.length ? a.length - b.length : Buffer.compare(a, b)
}

function isContainer(v: JsonValue | undefined): v is Container {
  return Array.isArray(v) || v instanceof Map
}

function own(c: Container, owned: Set<Container>): Container {
  if (owned.has(c)) return c
  const copy: Container = Array.isArray(c) ? c.slice() : new Map(c)
  owned.add(copy)
  return copy
}

function rejected(diff: JsonDiff, why: string): DecodeError {
  return new DecodeError(`JSON diff ${diff.op.toUpperCase()} ${diff.path} does not apply to the before image: ${why}`)
}
