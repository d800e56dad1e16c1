// deploy/chsync@.service: several sources on one host, one instance each, with its own config,
// passwords, state and socket; the same sandbox and restart policy as deploy/chsync.service (the
// two may differ only in those lines); both hand the ClickHouse password over as a credential.
// Checked by `systemd-analyze verify` and `security`, as chsync.service is.

import { afterAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { $ } from 'bun'

const DEPLOY = join(import.meta.dir, '../../deploy')
const template = readFileSync(join(DEPLOY, 'chsync@.service'), 'utf8')
const single = readFileSync(join(DEPLOY, 'chsync.service'), 'utf8')
const dir = mkdtempSync(join(tmpdir(), 'chsync-ops-sd-template-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The unit's settings, without comments and blank lines. */
const settings = (unit: string) => unit.split('\n').filter((l) => l !== '' && !l.startsWith('#'))

describe('deploy/chsync@.service', () => {
  test('each instance has its own config, passwords, state and socket', () => {
    for (const line of [
      'LoadCredential=config.toml:/etc/chsync/%i.toml',
      'ExecStart=/usr/local/bin/chsync run -c %d/config.toml',
      'StateDirectory=chsync/%i',
      'RuntimeDirectory=chsync/%i',
      'Environment=CHSYNC_STATE_PATH=%S/chsync/%i/state.db',
      'Environment=CHSYNC_HEALTH_SOCKET=%t/chsync/%i/health.sock',
      'LoadCredential=source-password:/etc/chsync/%i.source-password',
      'LoadCredential=target-password:/etc/chsync/%i.target-password',
      'Environment=CHSYNC_TARGET_PASSWORD_FILE=%d/target-password',
    ])
      expect(settings(template)).toContain(line)
  })

  test('the single unit hands over the ClickHouse password as a credential too', () => {
    expect(settings(single)).toContain('LoadCredential=target-password:/etc/chsync/target-password')
    expect(settings(single)).toContain('Environment=CHSYNC_TARGET_PASSWORD_FILE=%d/target-password')
  })

  test('apart from the per-instance lines it is chsync.service, so the sandbox stays the same', () => {
    const want = settings(single)
    const asSingle = settings(template).map((l) =>
      l
        .replace('chsync %i:', 'chsync:')
        .replace(':/etc/chsync/%i.toml', ':/etc/chsync/config.toml')
        .replace(/\/etc\/chsync\/%i\.(source|target)-password/, '/etc/chsync/$1-password')
        .replace(/^(StateDirectory|RuntimeDirectory)=chsync\/%i$/, '$1=chsync')
        .replace(/=(%S|%t)\/chsync\/%i\//, '=$1/chsync/'),
    )
    expect(asSingle.join('\n')).toBe(want.join('\n'))
  })

  /** An instance of the template with ExecStart pointing at an executable that exists (verify checks that). */
  function instance(text = template): string {
    const exe = join(dir, 'chsync')
    writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 })
    const path = join(dir, 'chsync@shop.service')
    writeFileSync(path, text.replaceAll('/usr/local/bin/chsync', exe))
    return path
  }

  test('systemd-analyze verify passes an instance with no warning, and catches a broken one', async () => {
    if (!Bun.which('systemd-analyze')) throw new Error('systemd-analyze is missing: apt-get install -y --no-install-recommends systemd')
    const good = await $`systemd-analyze verify ${instance()}`.quiet().nothrow()
    expect(good.stderr.toString()).toBe('')
    expect(good.exitCode).toBe(0)
    const broken = await $`systemd-analyze verify ${instance(template.replace('StateDirectory=chsync/%i', 'StateDirectory=/chsync/%i'))}`
      .quiet()
      .nothrow()
    expect(broken.stderr.toString()).toContain('StateDirectory=')
  })

  test('systemd-analyze security rates the sandbox OK or better', async () => {
    const out = await $`systemd-analyze security --offline=true ${instance()}`.quiet().nothrow()
    const m = /Overall exposure level for chsync@shop\.service: (\d+\.\d+) (\w+)/.exec(out.stdout.toString())
    expect(m).not.toBeNull()
    expect(Number(m![1])).toBeLessThanOrEqual(2)
  })
})
