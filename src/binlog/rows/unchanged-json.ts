// An update's after-image mostly carries its JSON documents unchanged (a full row image repeats
// every column): a document whose bytes equal the before-image's takes the text printed for it
// instead of being printed again. Both images lie in the same event buffer.

import type { JsonText } from '../../model/index.ts'
import type { JsonTextDecoder } from './row-reader.ts'

export class UnchangedJson {
  // Per column, the before-image document's place in the buffer and its text (start -1: none).
  private readonly starts: number[]
  private readonly ends: number[]
  private readonly texts: JsonText[]
  readonly before: JsonTextDecoder
  readonly after: JsonTextDecoder

  constructor(columns: number, text: JsonTextDecoder) {
    this.starts = new Array(columns).fill(-1)
    this.ends = new Array(columns).fill(-1)
    this.texts = new Array(columns)
    this.before = (buf, start, end, column) => {
      this.starts[column] = start
      this.ends[column] = end
      return (this.texts[column] = text(buf, start, end, column))
    }
    this.after = (buf, start, end, column) => {
      const from = this.starts[column]
      if (from >= 0 && this.ends[column] - from === end - start && sameBytes(buf, from, start, end - start)) return this.texts[column]
      return text(buf, start, end, column)
    }
  }

  /** Before each row's before-image: the last row's documents are not this row's. */
  nextRow(): void {
    this.starts.fill(-1)
  }
}

function sameBytes(buf: Buffer, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (buf[a + i] !== buf[b + i]) return false
  return true
}
