// Walks the parsed TOML tree against the key table: each known key's raw value, and a problem for
// every unknown key or section, at any depth.

import type { ConfigProblem } from './errors.ts'
import { KEYS_BY_NAME, PASSWORD_ENV, SECTIONS } from './keys.ts'
import { didYouMean } from './suggest.ts'
import { isTable, kindOf } from './value-type.ts'

export interface FileValues {
  /** Raw TOML value by dotted key. */
  values: Map<string, unknown>
  problems: ConfigProblem[]
}

export function readFileTree(tree: Record<string, unknown>): FileValues {
  const found: FileValues = { values: new Map(), problems: [] }
  walk(tree, '', found)
  return found
}

function walk(table: Record<string, unknown>, prefix: string, found: FileValues): void {
  for (const [name, value] of Object.entries(table)) {
    const dotted = prefix === '' ? name : `${prefix}.${name}`
    if (name.includes('.')) {
      found.problems.push({ key: dotted, message: `unknown key "${dotted}" (a quoted name with a dot is one key, not a dotted path)` })
    } else if (KEYS_BY_NAME.has(dotted)) found.values.set(dotted, value)
    else if (!SECTIONS.has(dotted)) found.problems.push({ key: dotted, message: unknownKey(dotted, prefix, isTable(value)) })
    else if (isTable(value)) walk(value, dotted, found)
    else found.problems.push({ key: dotted, message: `"${dotted}" must be a table ([${dotted}]), got ${kindOf(value)}` })
  }
}

function unknownKey(dotted: string, prefix: string, isSection: boolean): string {
  const server = dotted === 'source.password' ? 'source' : dotted === 'target.password' ? 'target' : null
  if (server !== null) {
    return `unknown key "${dotted}": put the password in a file named by "${server}.password_file", or in ${PASSWORD_ENV[server]}`
  }
  const what = isSection ? 'section' : 'key'
  const siblings = [...KEYS_BY_NAME.keys(), ...SECTIONS].filter(
    (k) => k.startsWith(prefix === '' ? '' : `${prefix}.`) && k.split('.').length === dotted.split('.').length,
  )
  return `unknown ${what} "${dotted}"${didYouMean(dotted, siblings)}`
}
