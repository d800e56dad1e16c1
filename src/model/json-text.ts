// A JSON document as the source prints it (MySQL's text of a binary JSON value), held as the
// UTF-8 bytes of that text: the sinks write bytes, so the decoder hands them over without making
// a string that each sink would encode back to UTF-8.

/**
 * The text's UTF-8 bytes are buf[start, end), always well-formed UTF-8 (so encoding toString()
 * again gives the same bytes), and never written again. The buffer may hold other documents
 * around them. toString() is the text, decoded once, on demand: for whoever needs a string
 * (plugins, cascades, messages).
 */
export class JsonText {
  private text: string | undefined

  private constructor(
    readonly buf: Uint8Array,
    readonly start: number,
    readonly end: number,
    text: string | undefined,
  ) {
    this.text = text
  }

  /** buf[start, end) must be well-formed UTF-8 (see isUtf8) that nothing writes to again; they are kept, not copied. */
  static of(buf: Uint8Array, start: number, end: number): JsonText {
    return new JsonText(buf, start, end, undefined)
  }

  static ofText(text: string): JsonText {
    const bytes = Buffer.from(text, 'utf8')
    return new JsonText(bytes, 0, bytes.length, text)
  }

  /** The bytes, as a view. */
  get bytes(): Uint8Array {
    return this.buf.subarray(this.start, this.end)
  }

  toString(): string {
    if (this.text === undefined) {
      const b = this.buf
      this.text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', this.start, this.end)
    }
    return this.text
  }

  /** JSON.stringify of a cell gives what it gave when the cell was the text. */
  toJSON(): string {
    return this.toString()
  }
}
