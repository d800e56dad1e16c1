// The text ClickHouse reads for one HTTP request: the `query` parameter, a newline, then the body.

const newline = new Uint8Array([0x0a])

export class QueryText {
  readonly length: number

  /** `fromUrl` is the `query` parameter's bytes (null when absent), `body` the decoded request body. */
  constructor(
    private readonly fromUrl: Uint8Array | null,
    private readonly body: Uint8Array,
  ) {
    this.length = fromUrl === null ? body.length : fromUrl.length + 1 + body.length
  }

  static of(query: string | null, body: Uint8Array = new Uint8Array()): QueryText {
    return new QueryText(query === null ? null : new TextEncoder().encode(query), body)
  }

  /** The first `limit` bytes, enough to read a statement's head without copying a large body. */
  head(limit: number): Uint8Array {
    return this.slice(0, Math.min(limit, this.length))
  }

  /** Everything from `offset` on; a view into the body when the offset lies inside it. */
  rest(offset: number): Uint8Array {
    return this.slice(offset, this.length)
  }

  all(): Uint8Array {
    return this.slice(0, this.length)
  }

  private slice(start: number, end: number): Uint8Array {
    if (this.fromUrl === null) return this.body.subarray(start, end)
    const bodyAt = this.fromUrl.length + 1
    if (start >= bodyAt) return this.body.subarray(start - bodyAt, end - bodyAt)
    const out = new Uint8Array(end - start)
    const joined = [this.fromUrl, newline, this.body]
    let at = 0
    let skip = start
    for (const part of joined) {
      const piece = part.subarray(Math.min(skip, part.length), Math.min(part.length, skip + out.length - at))
      out.set(piece, at)
      at += piece.length
      skip = Math.max(0, skip - part.length)
      if (at === out.length) break
    }
    return out
  }
}
