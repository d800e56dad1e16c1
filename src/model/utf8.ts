// Whether bytes are well-formed UTF-8 (RFC 3629, as the WHATWG decoder judges it): no overlong
// forms, no surrogates, nothing above U+10FFFF. Exactly then does decoding to a string and
// encoding it again give the same bytes back, so they may be copied instead.

export function isUtf8(buf: Uint8Array, start: number, end: number): boolean {
  let i = start
  while (i < end) {
    const b = buf[i]
    if (b < 0x80) {
      i++
      continue
    }
    if (b >= 0xc2 && b <= 0xdf) {
      if (i + 1 >= end || (buf[i + 1] & 0xc0) !== 0x80) return false
      i += 2
    } else if (b >= 0xe0 && b <= 0xef) {
      if (i + 2 >= end) return false
      const b1 = buf[i + 1]
      // E0 needs A0..BF (no overlong form), ED needs 80..9F (no surrogate).
      if (b === 0xe0 ? b1 < 0xa0 || b1 > 0xbf : b === 0xed ? b1 < 0x80 || b1 > 0x9f : (b1 & 0xc0) !== 0x80) return false
      if ((buf[i + 2] & 0xc0) !== 0x80) return false
      i += 3
    } else if (b >= 0xf0 && b <= 0xf4) {
      if (i + 3 >= end) return false
      const b1 = buf[i + 1]
      // F0 needs 90..BF (no overlong form), F4 needs 80..8F (at most U+10FFFF).
      if (b === 0xf0 ? b1 < 0x90 || b1 > 0xbf : b === 0xf4 ? b1 < 0x80 || b1 > 0x8f : (b1 & 0xc0) !== 0x80) return false
      if ((buf[i + 2] & 0xc0) !== 0x80 || (buf[i + 3] & 0xc0) !== 0x80) return false
      i += 4
    } else return false
  }
  return true
}
