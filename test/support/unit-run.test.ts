// `make unit` runs every test file but *.server.test.ts with no server. A server test named as a
// unit test must fail there at once, saying what to rename, not hang waiting for a connection
// (or pass only on a machine where the servers happen to run): a `bun test` of such a file, as
// `make unit` runs it, while the servers are up.

import { afterAll, expect, test } from 'bun:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ChildRun, within } from './child.ts'

const dir = mkdtempSync(join(tmpdir(), 'chsync-unit-run-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ROOT = join(import.meta.dir, '../..')

test('a test that uses the test servers, run by make unit, fails at once naming the *.server.test.ts rule', async () => {
  const file = join(dir, 'misnamed.test.ts')
  writeFileSync(
    file,
    `import { expect, test } from 'bun:test'
import { sqlSession } from '${join(ROOT, 'test/support/servers.ts')}'
test('reads from MySQL', async () => {
  const sql = await sqlSession('mysql')
  expect(await sql.query('SELECT 1')).toBeDefined()
})
`,
  )
  // The project's bunfig (preload, timeout) applies: the run starts in the repository.
  const run = ChildRun.spawn([process.execPath, 'test', file], { ...process.env, CHSYNC_TEST_UNIT: '1' }, ROOT)
  const code = await within(run.exited, 15_000, 'the bun test of a misnamed server test', () => run.output)
  expect(code).toBe(1)
  expect(run.output).toContain(
    'SOURCES.mysql: this test uses the test servers, but `make unit` runs without them; name its file *.server.test.ts',
  )
  expect(run.output).toContain('1 fail')
})
