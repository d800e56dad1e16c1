// The imports of a TypeScript file as written: static `import … from`, `export … from`, side-effect
// `import '…'` and `import(…)`, type-only ones included (the transpiler drops those, so this
// reads the text: comments, strings, template literals and regular expressions are masked first,
// so an import written inside one of them is not taken for one).

export interface SourceImport {
  /** 1-based line of the import. */
  line: number
  /** The module as written: './x.ts', '../model/index.ts', 'mysql2'. */
  specifier: string
}

const STATIC = /(?<![\w$.])(?:import|export)\s+(?:type\s+)?[\w$*\s{},]*?\bfrom\s*(['"])/g
const SIDE_EFFECT = /(?<![\w$.])import\s*(['"])/g
const DYNAMIC = /(?<![\w$.])import\s*\(\s*(['"`])/g

export function importsOf(text: string): SourceImport[] {
  const masked = maskNonCode(text)
  const found = new Map<number, SourceImport>()
  for (const re of [STATIC, SIDE_EFFECT, DYNAMIC]) {
    for (const m of masked.matchAll(re)) {
      const open = m.index + m[0].length - 1
      const close = masked.indexOf(m[1], open + 1)
      if (close < 0) continue
      found.set(open, { line: lineAt(text, open), specifier: text.slice(open + 1, close) })
    }
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, i]) => i)
}

function lineAt(text: string, at: number): number {
  let line = 1
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** Characters after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set([...'(,=:[!&|?{};+-*%<>~^'])
const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'void', 'yield', 'await'])

/**
 * The text with the insides of comments, strings, template literals and regular expressions
 * replaced by blanks (newlines kept): same length, so offsets map back to the text. Quotes stay.
 */
export function maskNonCode(text: string): string {
  const out = text.split('')
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (out[i] !== '\n') out[i] = ' '
  }
  // Brace depth of each `${` opened inside a template literal: its `}` resumes the template.
  const templates: number[] = []
  let depth = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i)
      blank(i, end < 0 ? n : end)
      i = end < 0 ? n : end
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      blank(i, end < 0 ? n : end + 2)
      i = end < 0 ? n : end + 2
    } else if (c === "'" || c === '"') {
      let j = i + 1
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1
      blank(i + 1, j)
      i = j + 1
    } else if (c === '`' || (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth)) {
      if (c === '}') templates.pop()
      let j = i + 1
      while (j < n && text[j] !== '`' && !(text[j] === '$' && text[j + 1] === '{')) j += text[j] === '\\' ? 2 : 1
      blank(i + 1, j)
      if (text[j] === '$') {
        templates.push(depth)
        i = j + 2
      } else i = j + 1
    } else if (c === '/' && startsRegex(text, i)) {
      let j = i + 1
      let inClass = false
      while (j < n && text[j] !== '\n' && (inClass || text[j] !== '/')) {
        if (text[j] === '[') inClass = true
        else if (text[j] === ']') inClass = false
        j += text[j] === '\\' ? 2 : 1
      }
      blank(i + 1, j)
      i = j + 1
    } else {
      if (c === '{') depth++
      else if (c === '}') depth--
      i++
    }
  }
  return out.join('')
}

function startsRegex(text: string, at: number): boolean {
  let j = at - 1
  while (j >= 0 && /\s/.test(text[j])) j--
  if (j < 0 || BEFORE_REGEX.has(text[j])) return true
  const word = text.slice(Math.max(0, j - 10), j + 1).match(/[\w$]+$/)?.[0]
  return word !== undefined && KEYWORDS_BEFORE_REGEX.has(word)
}
