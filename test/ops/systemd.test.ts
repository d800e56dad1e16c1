// sd_notify without libsystemd (datagrams through libc via bun:ffi), received by a fake
// NOTIFY_SOCKET (socat UNIX-RECV / ABSTRACT-RECV); the service notifier's READY/STATUS/WATCHDOG
// logic; and deploy/chsync.service checked by `systemd-analyze verify`.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { $ } from 'bun'
import { Stats } from '../../src/health/index.ts'
import {
  DatagramError,
  type Notifier,
  sendDatagram,
  ServiceNotifier,
  systemdNotifier,
  unixAddress,
  watchdogIntervalMs,
} from '../../src/systemd/index.ts'
import { ensureTools } from './support/http-tools.ts'
import { NotifyReceiver } from './support/notify-receiver.ts'

const UNIT = join(import.meta.dir, '../../deploy/chsync.service')
let dir: string
beforeAll(async () => {
  await ensureTools()
  dir = mkdtempSync(join(tmpdir(), 'chsync-ops-sd-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('sockaddr_un', () => {
  test('a path: family 1 (little-endian), the path, a NUL, length counts the NUL', () => {
    const { address, length } = unixAddress('/run/x')
    expect(address.subarray(0, 9).toString('hex')).toBe('01002f72756e2f7800')
    expect(length).toBe(2 + 6 + 1)
  })

  test('an abstract name: a leading NUL, no terminator in the length', () => {
    const { address, length } = unixAddress('@chsync/n')
    expect(address.subarray(0, 11).toString('hex')).toBe('010000636873796e632f6e')
    expect(length).toBe(2 + 1 + 8)
  })

  test('too long or empty is a DatagramError', () => {
    expect(() => unixAddress('/' + 'x'.repeat(108))).toThrow(DatagramError)
    expect(() => unixAddress('')).toThrow(DatagramError)
  })
})

describe('datagrams to a fake NOTIFY_SOCKET', () => {
  test('a path socket receives the assignments', async () => {
    const rx = await NotifyReceiver.open(join(dir, 'notify.sock'))
    try {
      const n = systemdNotifier({ NOTIFY_SOCKET: rx.address })!
      expect(n.notify({ READY: '1', STATUS: 'streaming\nsecond line' })).toBe(true)
      expect(await rx.waitFor('STATUS=streaming second line')).toEqual(['READY=1', 'STATUS=streaming second line'])
    } finally {
      await rx.close()
    }
  })

  test('an abstract socket ("@name") receives them too', async () => {
    const rx = await NotifyReceiver.open(`@chsync-ops-${process.pid}`)
    try {
      sendDatagram(rx.address, 'WATCHDOG=1\n')
      expect(await rx.waitFor('WATCHDOG=1')).toEqual(['WATCHDOG=1'])
    } finally {
      await rx.close()
    }
  })

  test('no NOTIFY_SOCKET: no notifier; a socket nobody reads: notify() is false', () => {
    expect(systemdNotifier({})).toBeNull()
    const n = systemdNotifier({ NOTIFY_SOCKET: join(dir, 'nobody.sock') })!
    expect(n.notify({ READY: '1' })).toBe(false)
    expect(() => sendDatagram(join(dir, 'nobody.sock'), 'READY=1')).toThrow('sendto')
  })
})

describe('watchdog interval', () => {
  test('half of WATCHDOG_USEC, only for the process WATCHDOG_PID names', () => {
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000' }, 42)).toBe(15_000)
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '42' }, 42)).toBe(15_000)
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '43' }, 42)).toBeNull()
    expect(watchdogIntervalMs({}, 42)).toBeNull()
    expect(watchdogIntervalMs({ WATCHDOG_USEC: 'x' }, 42)).toBeNull()
  })
})

describe('ServiceNotifier', () => {
  function recorder(): Notifier & { sent: Record<string, string>[] } {
    const sent: Record<string, string>[] = []
    return {
      sent,
      notify: (a) => {
        sent.push(a)
        return true
      },
    }
  }

  test('READY=1 once, when copying or streaming; STATUS on change; STOPPING on a signal', () => {
    const stats = new Stats()
    const rec = recorder()
    const sn = new ServiceNotifier(rec, stats, { watchdogMs: null, pollMs: 60_000 })
    sn.look()
    expect(rec.sent).toEqual([{ STATUS: 'starting' }])
    sn.look()
    expect(rec.sent.length).toBe(1)
    stats.stage = 'snapshot'
    stats.initRowsTotal = 1000
    stats.initRowsParsed = 10
    sn.look()
    expect(rec.sent[1]).toEqual({ READY: '1', STATUS: 'snapshot: 10 of ~1000 rows copied' })
    stats.stage = 'streaming'
    sn.look()
    expect(rec.sent[2]).toEqual({ STATUS: 'streaming' })
    stats.waitingFor = 'clickhouse: connection refused (retry 2 in 1s)'
    sn.look()
    expect(rec.sent[3]).toEqual({ STATUS: 'streaming, waiting for clickhouse: connection refused (retry 2 in 1s)' })
    sn.stopping()
    expect(rec.sent[4]).toEqual({ STOPPING: '1', STATUS: 'stopping: flushing and committing the position' })
    expect(rec.sent.filter((m) => m.READY).length).toBe(1)
  })

  test('the error goes to STATUS without secrets', () => {
    const stats = new Stats()
    stats.stage = 'error'
    stats.error = 'auth failed for pw hunter2'
    const rec = recorder()
    new ServiceNotifier(rec, stats, { watchdogMs: null, redact: (t) => t.replaceAll('hunter2', '***') }).look()
    expect(rec.sent).toEqual([{ STATUS: 'error: auth failed for pw ***' }])
  })

  test('WATCHDOG=1 at once and then every interval', async () => {
    const rec = recorder()
    const sn = new ServiceNotifier(rec, new Stats(), { watchdogMs: 40, pollMs: 60_000 })
    sn.start()
    await Bun.sleep(150)
    sn.stop()
    const pings = rec.sent.filter((m) => m.WATCHDOG === '1').length
    expect(pings).toBeGreaterThanOrEqual(2)
    expect(pings).toBeLessThanOrEqual(5)
    await Bun.sleep(100)
    expect(rec.sent.filter((m) => m.WATCHDOG === '1').length).toBe(pings)
  })
})

describe('deploy/chsync.service', () => {
  const unit = readFileSync(UNIT, 'utf8')

  test('has what the issue asks for', () => {
    for (const line of [
      'Type=notify',
      'WatchdogSec=30s',
      'Restart=on-failure',
      'RestartPreventExitStatus=78',
      'DynamicUser=yes',
      'StateDirectory=chsync',
      'RuntimeDirectory=chsync',
      'ProtectSystem=strict',
      'NoNewPrivileges=yes',
      'Environment=CHSYNC_STATE_PATH=%S/chsync/state.db',
      'Environment=CHSYNC_HEALTH_SOCKET=%t/chsync/health.sock',
      'LoadCredential=config.toml:/etc/chsync/config.toml',
      'ExecStart=/usr/local/bin/chsync run -c %d/config.toml',
    ])
      expect(unit.split('\n')).toContain(line)
    // The JIT needs W^X memory off; the unit must not turn it on.
    expect(unit).not.toMatch(/^MemoryDenyWriteExecute=yes/m)
  })

  /** The unit with ExecStart pointing at an executable that exists (verify checks that it does). */
  async function unitCopy(text = unit): Promise<string> {
    if (!Bun.which('systemd-analyze'))
      await $`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd`.quiet()
    const exe = join(dir, 'chsync')
    writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 })
    const copy = join(dir, 'chsync.service')
    writeFileSync(copy, text.replaceAll('/usr/local/bin/chsync', exe))
    return copy
  }

  test('systemd-analyze verify passes with no warning', async () => {
    const copy = await unitCopy()
    const out = await $`systemd-analyze verify ${copy}`.quiet().nothrow()
    // verify exits 0 on unknown keys and bad values (it only warns): nothing may be printed.
    expect(out.stderr.toString()).toBe('')
    expect(out.exitCode).toBe(0)
  })

  test('systemd-analyze verify does catch a broken unit (the check can fail)', async () => {
    const broken = await unitCopy(unit.replace('Type=notify', 'Type=notifyy'))
    const out = await $`systemd-analyze verify ${broken}`.quiet().nothrow()
    expect(out.stderr.toString()).toContain('Failed to parse service type, ignoring: notifyy')
  })

  test('systemd-analyze security rates the sandbox OK or better', async () => {
    const copy = await unitCopy()
    const out = await $`systemd-analyze security --offline=true ${copy}`.quiet().nothrow()
    const m = /Overall exposure level for chsync\.service: (\d+\.\d+) (\w+)/.exec(out.stdout.toString())
    expect(m).not.toBeNull()
    expect(Number(m![1])).toBeLessThanOrEqual(2)
  })
})
