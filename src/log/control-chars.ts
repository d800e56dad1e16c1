// Control characters in a human log line are written as escapes, so a name holding a newline or
// a terminal escape (a table called "t\n12:00:00.000 ERROR …") cannot forge or recolour a line.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

export function escapeControlChars(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}
