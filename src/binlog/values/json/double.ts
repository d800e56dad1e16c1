// A JSON double printed as MySQL prints it: my_gcvt(x, MY_GCVT_ARG_DOUBLE, 34) plus ".0" when
// the result has neither a '.' nor an 'e' (so 1.0 stays a double in the text).
//
// my_gcvt takes the shortest round-trip digits (dtoa mode 4 with 34 digits allowed never needs
// to cut a double's at most 17 digits) and picks the layout from decpt, the position of the
// decimal point relative to the digits (0.0123 has digits "123", decpt -1):
//   'f' format when -14 <= decpt && (decpt <= 15 || digits > decpt)   (MAX_DECPT_FOR_F_FORMAT)
//   'e' format otherwise: d[.ddd]e[-]N, no '+' and no zero padding in the exponent.
// The field width (34) always fits every double in the chosen layout, so it never shortens.
// NaN and infinities cannot be stored by MySQL; my_gcvt would print "0", hence "0.0".

export function formatJsonDouble(x: number): string {
  if (!Number.isFinite(x)) return '0.0'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  // Between 1e-6 and 1e15, JS prints the same shortest digits in the same fixed layout.
  const abs = Math.abs(x)
  if (abs >= 1e-6 && abs < 1e15) {
    const s = String(x)
    if (s.indexOf('e') < 0) return s.indexOf('.') < 0 ? s + '.0' : s
  }
  const sign = x < 0 ? '-' : ''
  // JS toExponential() without an argument gives the shortest digits that round-trip.
  const e = abs.toExponential()
  const ePos = e.indexOf('e')
  const digits = e[1] === '.' ? e[0] + e.slice(2, ePos) : e.slice(0, ePos)
  const decpt = Number(e.slice(ePos + 1)) + 1
  const len = digits.length
  if (decpt >= -14 && (decpt <= 15 || len > decpt)) {
    if (decpt <= 0) return sign + '0.' + '0'.repeat(-decpt) + digits
    if (decpt < len) return sign + digits.slice(0, decpt) + '.' + digits.slice(decpt)
    return sign + digits + '0'.repeat(decpt - len) + '.0'
  }
  const exp = decpt - 1
  return sign + digits[0] + (len > 1 ? '.' + digits.slice(1) : '') + 'e' + exp
}
