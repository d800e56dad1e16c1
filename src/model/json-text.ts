// A JSON document as the source prints it (MySQL's text of a binary JSON value), held as the
// UTF-8 bytes of that text: the sinks write bytes, so the decoder hands them over without making
// a string that each sink would encode back to UTF-8.

/**
 * The text's UTF-8 bytes, always well-formed UTF-8 (so encoding toString() again gives the same
 * bytes). toString() is the text, decoded once, on demand: for whoever needs a string (plugins,
 * masks, SQL literals, messages).
 */
export class JsonText {
  private text: string | undefined

  private constructor(
    readonly bytes: Uint8Array,
    text: string | undefined,
  ) {
    this.text = text
  }

  /** `bytes` must be well-formed UTF-8 (see isUtf8); they are kept, not copied. */
  static ofUtf8(bytes: Uint8Array): JsonText {
    return new JsonText(bytes, undefined)
  }

  static ofText(text: string): JsonText {
    return new JsonText(Buffer.from(text, 'utf8'), text)
  }

  toString(): string {
    if (this.text === undefined) {
      const b = this.bytes
      this.text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8')
    }
    return this.text
  }

  /** JSON.stringify of a cell gives what it gave when the cell was the text. */
  toJSON(): string {
    return this.toString()
  }
}
