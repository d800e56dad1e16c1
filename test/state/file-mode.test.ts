// The state file is created 0600 (and its folder 0700) whatever the umask, outside systemd too:
// it names the source's tables and positions. SQLite's -wal and -shm files take the same mode.

import { afterAll, expect, test } from 'bun:test'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateStore } from '../../src/state/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'chsync-state-mode-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('a new state file and its WAL are 0600, a new folder 0700, under umask 022', () => {
  const before = process.umask(0o022)
  try {
    const path = join(dir, 'new', 'state.db')
    const store = StateStore.open(path)
    store.commit({ file: 'binlog.000001', offset: 4, gtid: null, version: 1n }, [], [])
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8)
    expect([mode(path), mode(`${path}-wal`), mode(join(dir, 'new'))]).toEqual(['600', '600', '700'])
    store.close()
  } finally {
    process.umask(before)
  }
})
