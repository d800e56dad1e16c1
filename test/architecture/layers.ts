// The layers of src/ as docs/architecture.md writes them down, and the imports that break them:
// an import of a folder in a higher layer or in the same layer, an import leaving src/ for
// something other than a package, a folder no layer lists, and any cycle between folders.

import { Glob } from 'bun'
import { dirname, join, normalize } from 'node:path'
import { importsOf } from './imports.ts'

/** One import of a file of src/, paths relative to src/. */
export interface ImportEdge {
  file: string
  line: number
  specifier: string
  /** The imported file relative to src/ ('../package.json' when outside); null for a package. */
  target: string | null
}

/** Files outside src/ that src/ may import (the version is compiled in from package.json). */
const OUTSIDE_ALLOWED = new Set(['../package.json'])

/** Every import of the files of `srcDir` (or of the given files, for made-up cases). */
export async function srcImports(srcDir: string, files?: Record<string, string>): Promise<ImportEdge[]> {
  let texts = files
  if (!texts) {
    texts = {}
    for (const f of new Glob('**/*.ts').scanSync(srcDir)) texts[f] = await Bun.file(join(srcDir, f)).text()
  }
  const edges: ImportEdge[] = []
  for (const [file, text] of Object.entries(texts)) {
    for (const { line, specifier } of importsOf(text)) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../')
      edges.push({ file, line, specifier, target: relative ? normalize(join(dirname(file), specifier)) : null })
    }
  }
  return edges
}

/** The unit layers are made of: a top folder of src/ ('sink' for 'sink/kafka/sink.ts'), or a file at its top ('cli.ts'). */
export function unitOf(path: string): string {
  const slash = path.indexOf('/')
  return slash < 0 ? path : path.slice(0, slash)
}

const show = (unit: string) => (unit.endsWith('.ts') ? unit : `${unit}/`)

/**
 * The layer of each folder, from the table of docs/architecture.md: rows `| N | \`folder/\` … |`,
 * 0 the lowest.
 */
export function readLayers(markdown: string): Map<string, number> {
  const layers = new Map<string, number>()
  for (const m of markdown.matchAll(/^\|\s*(\d+)\s*\|([^|]*)\|/gm)) {
    for (const name of m[2].matchAll(/`([^`]+)`/g)) layers.set(name[1].replace(/\/$/, ''), Number(m[1]))
  }
  return layers
}

/** One message per import against the layers, naming the file, the import and the rule. */
export function layerViolations(edges: ImportEdge[], layers: Map<string, number>): string[] {
  const out: string[] = []
  const units = new Set(edges.map((e) => unitOf(e.file)))
  for (const unit of units) if (!layers.has(unit)) out.push(`src/${show(unit)} has no layer in docs/architecture.md: place it in the table`)
  for (const e of edges) {
    if (e.target === null) continue
    const where = `src/${e.file}:${e.line} imports '${e.specifier}'`
    if (e.target.startsWith('../')) {
      if (!OUTSIDE_ALLOWED.has(e.target)) out.push(`${where}: src/ imports only itself and packages (${e.target.slice(3)} is outside src/)`)
      continue
    }
    const from = unitOf(e.file)
    const to = unitOf(e.target)
    if (from === to) continue
    const a = layers.get(from)
    const b = layers.get(to)
    if (a === undefined || b === undefined) {
      if (b === undefined) out.push(`${where}: ${show(to)} has no layer in docs/architecture.md`)
      continue
    }
    if (b > a) out.push(`${where}: ${show(from)} (layer ${a}) may not import ${show(to)} (layer ${b}): layers only point down`)
    else if (b === a) out.push(`${where}: ${show(from)} and ${show(to)} share layer ${a}: folders of one layer do not import each other`)
  }
  return out
}

/** Each cycle between folders (a strongly connected group of two or more), with one import per step. */
export function folderCycles(edges: ImportEdge[]): string[] {
  const graph = new Map<string, Map<string, ImportEdge>>()
  for (const e of edges) {
    if (e.target === null || e.target.startsWith('../')) continue
    const from = unitOf(e.file)
    const to = unitOf(e.target)
    if (from === to) continue
    if (!graph.has(from)) graph.set(from, new Map())
    if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, e)
  }
  return stronglyConnected(graph)
    .filter((group) => group.length > 1)
    .map((group) => describeCycle(group, graph))
}

/** Tarjan's algorithm over the folder graph. */
function stronglyConnected(graph: Map<string, Map<string, ImportEdge>>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const visit = (v: string) => {
    index.set(v, index.size)
    low.set(v, index.get(v)!)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        group.push(w)
      } while (w !== v)
      groups.push(group)
    }
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v)
  return groups
}

/** The shortest way around the group from its first folder back to it, each step with the import that makes it. */
function describeCycle(group: string[], graph: Map<string, Map<string, ImportEdge>>): string {
  const members = new Set(group)
  const start = [...group].sort()[0]
  const previous = new Map<string, string>()
  const queue = [start]
  let last: string | undefined
  while (last === undefined) {
    const v = queue.shift()!
    for (const w of graph.get(v)!.keys()) {
      if (w === start) {
        last = v
        break
      }
      if (members.has(w) && !previous.has(w)) {
        previous.set(w, v)
        queue.push(w)
      }
    }
  }
  const path = [start]
  for (let v = last; v !== start; v = previous.get(v)!) path.splice(1, 0, v)
  path.push(start)
  const steps = path.slice(1).map((to, i) => {
    const e = graph.get(path[i])!.get(to)!
    return `src/${e.file}:${e.line} imports '${e.specifier}'`
  })
  return `import cycle ${path.map(show).join(' → ')}: ${steps.join('; ')}`
}
