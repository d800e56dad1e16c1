// The Kafka sink when it cannot deliver: brokers that do not answer give an error that names them
// and the topic, after the configured tries, and passes (the pipeline tries again); a broker whose
// certificate the configured CA does not sign is refused for good (a wait cannot cure it). The TLS
// broker is a TLS listener with its own self-signed certificate (the mock cluster has no TLS).

import { afterAll, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:tls'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { loadConfig } from '../../src/config/index.ts'
import { silentLogger } from '../../src/log/index.ts'
import { isPermanent, isTransient } from '../../src/retry/index.ts'
import { KafkaSink } from '../../src/sink/kafka/index.ts'
import { StateStore } from '../../src/state/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'chsync-kafka-fail-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function sink(more: string): KafkaSink {
  const config = loadConfig({
    env: {},
    text: `[sink]\nkind = "kafka"\n[sink.kafka]\ntopic_prefix = "t12f"\nretries = 1\ntimeout_ms = 500\n${more}\n[state]\npath = "${join(dir, 'state.db')}"\n`,
  })
  return new KafkaSink({ config: config.sink.kafka, state: () => StateStore.open(config.state.path), log: silentLogger })
}

async function startError(s: KafkaSink): Promise<Error> {
  try {
    await s.start()
  } catch (err) {
    return err as Error
  } finally {
    await s.close()
  }
  throw new Error('the sink started')
}

test('brokers that do not answer: an error naming them and the topic, to be tried again', async () => {
  const err = await startError(sink('brokers = ["127.0.0.1:1", "127.0.0.1:2"]'))
  expect(err.message).toContain('brokers 127.0.0.1:1,127.0.0.1:2')
  expect(err.message).toContain('t12f.positions')
  expect({ transient: isTransient(err), permanent: isPermanent(err) }).toEqual({ transient: true, permanent: false })
  // Nothing was committed to the state file.
  const state = StateStore.open(join(dir, 'state.db'))
  expect([state.checkpoint, state.commitSeq]).toEqual([null, 0])
  state.close()
}, 30_000)

test('a broker certificate the configured CA does not sign: refused for good, naming the brokers', async () => {
  const cert = (name: string) => {
    const out = Bun.spawnSync(
      [
        'openssl',
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-days',
        '1',
        '-keyout',
        join(dir, `${name}.key`),
        '-out',
        join(dir, `${name}.pem`),
      ],
      { stderr: 'pipe' },
    )
    if (out.exitCode !== 0) throw new Error(`openssl failed: ${out.stderr.toString()}`)
    return { key: readFileSync(join(dir, `${name}.key`)), cert: readFileSync(join(dir, `${name}.pem`)) }
  }
  const broker = cert('broker')
  cert('other-ca')
  const server = createServer({ key: broker.key, cert: broker.cert }, (socket) => socket.on('error', () => {}))
  server.on('tlsClientError', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  try {
    const err = await startError(sink(`brokers = ["127.0.0.1:${port}"]\ntls = true\ntls_ca_file = "${join(dir, 'other-ca.pem')}"`))
    expect(err.message).toContain(`brokers 127.0.0.1:${port}`)
    expect(err.message).toMatch(/certificate|self[- ]signed|verify/i)
    expect(isPermanent(err)).toBe(true)
  } finally {
    server.close()
  }
}, 30_000)
