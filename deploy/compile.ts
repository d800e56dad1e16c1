// `bun deploy/compile.ts --outfile PATH [--target=bun-linux-x64] [--commit C]`: the single binary,
// as `bun build --compile --minify --bytecode` makes it, with one more step the command line cannot
// give: the Kafka client's WebAssembly helper (@platformatic/wasm-utils) is taken in its 'bundled'
// form, which carries the .wasm inline; its default form reads the file from beside its module at
// run time, which a compiled binary does not have.

import { createRequire } from 'node:module'
import { join } from 'node:path'

const args = process.argv.slice(2)
const value = (name: string): string | undefined => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (i < 0) return undefined
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1]
}
const outfile = value('outfile')
if (!outfile) {
  console.error('usage: bun deploy/compile.ts --outfile PATH [--target=bun-linux-x64] [--commit C]')
  process.exit(2)
}
const target = value('target')
const require = createRequire(import.meta.url)
const bundled = require.resolve('@platformatic/wasm-utils/bundled')

const result = await Bun.build(<Parameters<typeof Bun.build>[0]>{
  entrypoints: [join(import.meta.dir, '../src/cli.ts')],
  compile: { outfile, ...(target ? { target } : {}) },
  minify: true,
  bytecode: true,
  define: { CHSYNC_COMMIT: JSON.stringify(value('commit') ?? 'unknown') },
  plugins: [
    {
      name: 'wasm-utils-bundled',
      setup: (b: Bun.PluginBuilder) => {
        b.onResolve({ filter: /^@platformatic\/wasm-utils$/ }, () => ({ path: bundled }))
      },
    },
  ],
})
if (!result.success) {
  for (const log of result.logs) console.error(String(log))
  process.exit(1)
}
