// The key sections of the objects one JSON column printed last, with their text, so that a
// document of the same shape prints its keys by copying instead of checking and escaping each.
//
// A column's documents mostly share their keys: the k-th object of one row's document has the
// same key entries and key bytes as the k-th object of the row before. An object's key section is
// its key entries (offset | length per member) and, right after the value entries, the keys
// themselves, back to back, as MySQL writes them. When both are byte for byte the ones remembered
// for that ordinal, everything direct-text.ts checks about the keys holds again (offsets, ASCII
// only, stored order, no key twice), so only what depends on the rest of the document is checked
// anew: that the keys fit in this object's size, and the byte budget. Only sections whose keys
// passed those checks and lie back to back from the end of the header are remembered.

/** Objects past this ordinal in a document, or with more members or key bytes, are not remembered. */
const MAX_OBJECTS = 8
const MAX_MEMBERS = 64
const MAX_KEY_BYTES = 1024

/** One object's key section and its printed keys: `, "key": ` (no comma before the first). */
export class KeyTemplate {
  large = false
  count = 0
  /** The key entries, then the keys, as stored. */
  section = new Uint8Array(64)
  sectionLength = 0
  /** Bytes of the keys alone (the part charged to the budget). */
  keysLength = 0
  text = new Uint8Array(128)
  /** Member i's text is text[textEnds[i - 1] (0 for the first), textEnds[i]). */
  textEnds = new Uint32Array(MAX_MEMBERS)
}

/** The templates of one JSON column, by the object's ordinal in its document (depth first). */
export class JsonKeyTemplates {
  private readonly slots: (KeyTemplate | undefined)[] = []

  /**
   * The template for the `ordinal`-th object of a document, when the object at buf[entries...]
   * (its key entries start at `entries`, its keys at `keys`) has exactly its key section.
   */
  match(ordinal: number, buf: Buffer, large: boolean, count: number, entries: number, keys: number): KeyTemplate | undefined {
    const t = this.slots[ordinal]
    if (t === undefined || t.count !== count || t.large !== large) return undefined
    const section = t.section
    const entriesLength = t.sectionLength - t.keysLength
    for (let i = 0; i < entriesLength; i++) if (buf[entries + i] !== section[i]) return undefined
    for (let i = 0; i < t.keysLength; i++) if (buf[keys + i] !== section[entriesLength + i]) return undefined
    return t
  }

  /** Whether an object of this ordinal, member count and key bytes may be remembered. */
  wants(ordinal: number, count: number, keysLength: number): boolean {
    return ordinal < MAX_OBJECTS && count <= MAX_MEMBERS && keysLength <= MAX_KEY_BYTES
  }

  /**
   * Remembers the key section of the `ordinal`-th object: entries at buf[entries, entries +
   * entriesLength), keys at buf[keys, keys + keysLength); printed[0, textEnds[count - 1]) is the
   * keys' text as `textEnds` cuts it.
   */
  remember(
    ordinal: number,
    buf: Buffer,
    large: boolean,
    count: number,
    entries: number,
    entriesLength: number,
    keys: number,
    keysLength: number,
    printed: Uint8Array,
    textEnds: ArrayLike<number>,
  ): void {
    const t = (this.slots[ordinal] ??= new KeyTemplate())
    t.large = large
    t.count = count
    t.sectionLength = entriesLength + keysLength
    t.keysLength = keysLength
    if (t.section.length < t.sectionLength) t.section = new Uint8Array(t.sectionLength)
    t.section.set(buf.subarray(entries, entries + entriesLength), 0)
    t.section.set(buf.subarray(keys, keys + keysLength), entriesLength)
    const textLength = count === 0 ? 0 : textEnds[count - 1]
    if (t.text.length < textLength) t.text = new Uint8Array(textLength)
    t.text.set(printed.subarray(0, textLength), 0)
    for (let i = 0; i < count; i++) t.textEnds[i] = textEnds[i]
  }
}
