// Loads the captured JSON fixtures (see ../capture.ts for how they were made).

import documents from '../fixtures/documents.json'
import largeDocuments from '../fixtures/large-documents.json'
import partialUpdates from '../fixtures/partial-updates.json'

export interface DocumentCase {
  name: string
  sql: string
  hex: string
  select: string
}

export interface PartialCase {
  name: string
  insert: string
  sql: string
  select_before: { j: string | null; k: string | null }
  select_after: { j: string | null; k: string | null }
  event: {
    type: number
    value_options: number
    partial_bits?: number
    before: { j: string | null; k: string | null }
    after: { j: string | null; k: string | null }
  } | null
}

export const DOCUMENTS: DocumentCase[] = documents.cases
export const LARGE_DOCUMENTS: DocumentCase[] = largeDocuments.cases
export const ALL_DOCUMENTS: DocumentCase[] = [...DOCUMENTS, ...LARGE_DOCUMENTS]
export const PARTIAL_UPDATES: PartialCase[] = partialUpdates.cases as PartialCase[]

export function documentCase(name: string): DocumentCase {
  const found = ALL_DOCUMENTS.find((c) => c.name === name)
  if (!found) throw new Error(`no document fixture named ${name}`)
  return found
}

export function partialCase(name: string): PartialCase {
  const found = PARTIAL_UPDATES.find((c) => c.name === name)
  if (!found) throw new Error(`no partial-update fixture named ${name}`)
  return found
}

export function bytesOf(hex: string): Buffer {
  return Buffer.from(hex, 'hex')
}
