// Builds the single binary the way operators get it, `make build`, into a folder of the test's
// own (removed by the caller), with a known commit so `--version` can be checked.

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { $ } from 'bun'

export const REPO = join(import.meta.dir, '../../..')
export const TEST_COMMIT = 'opstest1234'

export async function buildBinary(): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'chsync-ops-bin-'))
  // -o install: the packages are installed (the test runs from them).
  const out = await $`make -s -o install build DIST=${dir} COMMIT=${TEST_COMMIT}`.cwd(REPO).quiet().nothrow()
  if (out.exitCode !== 0) throw new Error(`make build failed (${out.exitCode}):\n${out.stdout}\n${out.stderr}`)
  return { dir, path: join(dir, 'chsync') }
}
