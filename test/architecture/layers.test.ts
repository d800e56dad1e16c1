// The layers of docs/architecture.md hold for every import of src/, and the check fails when they
// do not: made-up upward, sideways, outside and cyclic imports are each reported, naming the file,
// the import and the rule.

import { describe, expect, test } from 'bun:test'
import { Glob } from 'bun'
import { join } from 'node:path'
import { importsOf } from './imports.ts'
import { folderCycles, layerViolations, readLayers, srcImports } from './layers.ts'

const ROOT = join(import.meta.dir, '../..')
const SRC = join(ROOT, 'src')
const layers = readLayers(await Bun.file(join(ROOT, 'docs/architecture.md')).text())

describe('src/', () => {
  test('every import points to a lower layer', async () => {
    expect(layerViolations(await srcImports(SRC), layers)).toEqual([])
  })

  test('no import cycle between folders', async () => {
    expect(folderCycles(await srcImports(SRC))).toEqual([])
  })

  test('the table places every folder and file at the top of src/', async () => {
    const top = new Set([...new Glob('**/*.ts').scanSync(SRC)].map((f) => f.split('/')[0]))
    expect([...top].filter((unit) => !layers.has(unit))).toEqual([])
    expect(layers.get('model')).toBe(0)
    expect(layers.get('cli.ts')).toBe(Math.max(...layers.values()))
  })

  test('the reader finds every import the transpiler sees, and the type-only ones it drops', async () => {
    const transpiler = new Bun.Transpiler({ loader: 'ts' })
    const missed: string[] = []
    let typeOnly = 0
    for (const f of new Glob('**/*.ts').scanSync(SRC)) {
      // The transpiler refuses cli.ts's #! line.
      const text = (await Bun.file(join(SRC, f)).text()).replace(/^#!.*/, '')
      const ours = new Set(importsOf(text).map((i) => i.specifier))
      const seen = new Set(transpiler.scanImports(text).map((i) => i.path))
      for (const path of seen) if (!ours.has(path)) missed.push(`src/${f}: ${path}`)
      typeOnly += ours.size - seen.size
    }
    expect(missed).toEqual([])
    expect(typeOnly).toBeGreaterThan(100)
  })
})

describe('made-up imports', () => {
  const check = async (files: Record<string, string>) => {
    const edges = await srcImports(SRC, files)
    return [...layerViolations(edges, layers), ...folderCycles(edges)]
  }

  test('an upward import names the file, the import and the rule', async () => {
    expect(await check({ 'sink/sink.ts': "// The contract.\nimport type { Flusher } from '../pipeline/flusher.ts'\n" })).toEqual([
      "src/sink/sink.ts:2 imports '../pipeline/flusher.ts': sink/ (layer 4) may not import pipeline/ (layer 6): layers only point down",
    ])
  })

  test('type-only, export-from, side-effect and dynamic imports all count', async () => {
    const found = await check({
      'binlog/a.ts': "import type { Sink } from '../sink/sink.ts'",
      'binlog/b.ts': "export { x } from '../sink/b.ts'",
      'binlog/c.ts': "import '../sink/c.ts'",
      'binlog/d.ts': "const m = await import('../sink/d.ts')",
      'binlog/e.ts': "import {\n  type A,\n  b as c,\n} from '../sink/e.ts'",
    })
    expect(found.map((m) => m.split(' ')[0])).toEqual([
      'src/binlog/a.ts:1',
      'src/binlog/b.ts:1',
      'src/binlog/c.ts:1',
      'src/binlog/d.ts:1',
      'src/binlog/e.ts:4',
    ])
  })

  test('imports written in comments, strings, templates and regular expressions are not imports', async () => {
    const text = [
      "// import x from '../cli/run.ts'",
      "/* import('../cli/run.ts') */",
      'const s = "import y from \'../cli/run.ts\'"',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the line is source text holding a template literal
      "const t = `import z from '../cli/run.ts' ${1} import('../cli/a.ts')`",
      "const r = /import '[^']*'/",
      "import { ok } from '../model/index.ts'",
    ].join('\n')
    expect(importsOf(text)).toEqual([{ line: 6, specifier: '../model/index.ts' }])
    expect(await check({ 'binlog/x.ts': text })).toEqual([])
  })

  test('a sibling import, an import leaving src/ and a folder without a layer are refused', async () => {
    expect(
      await check({
        'sink/a.ts': "import { copyTable } from '../snapshot/table-copy.ts'",
        'snapshot/a.ts': "import { x } from '../check/index.ts'",
        'check/a.ts': "import { y } from '../verify/index.ts'",
        'verify/a.ts': "import { z } from '../../test/support/servers.ts'",
        'cli/version.ts': "import pkg from '../../package.json'",
        'kafka/a.ts': "import { m } from '../model/index.ts'",
      }),
    ).toEqual([
      'src/kafka/ has no layer in docs/architecture.md: place it in the table',
      "src/sink/a.ts:1 imports '../snapshot/table-copy.ts': sink/ (layer 4) may not import snapshot/ (layer 5): layers only point down",
      "src/snapshot/a.ts:1 imports '../check/index.ts': snapshot/ (layer 5) may not import check/ (layer 7): layers only point down",
      "src/check/a.ts:1 imports '../verify/index.ts': check/ (layer 7) may not import verify/ (layer 8): layers only point down",
      "src/verify/a.ts:1 imports '../../test/support/servers.ts': src/ imports only itself and packages (test/support/servers.ts is outside src/)",
    ])
    expect(await check({ 'binlog/a.ts': "import { S } from '../schema/index.ts'" })).toEqual([
      "src/binlog/a.ts:1 imports '../schema/index.ts': binlog/ and schema/ share layer 2: folders of one layer do not import each other",
    ])
  })

  test('a cycle between folders is named with the imports that make it', () => {
    const edges = [
      { file: 'sink/sink.ts', line: 3, specifier: '../pipeline/change.ts', target: 'pipeline/change.ts' },
      { file: 'pipeline/flusher.ts', line: 5, specifier: '../snapshot/x.ts', target: 'snapshot/x.ts' },
      { file: 'snapshot/table-copy.ts', line: 11, specifier: '../sink/sink.ts', target: 'sink/sink.ts' },
      { file: 'snapshot/table-copy.ts', line: 12, specifier: '../model/index.ts', target: 'model/index.ts' },
    ]
    expect(folderCycles(edges)).toEqual([
      "import cycle pipeline/ → snapshot/ → sink/ → pipeline/: src/pipeline/flusher.ts:5 imports '../snapshot/x.ts'; src/snapshot/table-copy.ts:11 imports '../sink/sink.ts'; src/sink/sink.ts:3 imports '../pipeline/change.ts'",
    ])
  })
})
