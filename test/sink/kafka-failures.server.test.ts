// The Kafka sink when it cannot deliver: brokers that do not answer give an error that names them
// and the topic, after the configured tries, and passes (the pipeline tries again), flush after
// flush while they stay silent, and the flush after they answer again delivers; a broker whose
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
import type { RowChange } from '../../src/model/index.ts'
import { StateStore } from '../../src/state/index.ts'
import { KafkaBroker } from '../support/kafka-broker.ts'
import { sourceTable } from './contract/contract.ts'

const dir = mkdtempSync(join(tmpdir(), 'chsync-kafka-fail-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function sink(more: string, state = 'state.db'): KafkaSink {
  const config = loadConfig({
    env: {},
    text: `[sink]\nkind = "kafka"\n[sink.kafka]\ntopic_prefix = "t12f"\nretries = 1\ntimeout_ms = 500\n${more}\n[state]\npath = "${join(dir, state)}"\n`,
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

for (const exactlyOnce of [true, false])
  test(`exactly_once = ${exactlyOnce}: brokers that stop answering fail every flush, none waits for them; then all is delivered`, async () => {
    await using broker = await KafkaBroker.start()
    const s = sink(
      `brokers = [${broker.brokers.map((b) => `"${b}"`).join(', ')}]\nexactly_once = ${exactlyOnce}`,
      `silent-${exactlyOnce}.db`,
    )
    const t = sourceTable(`silent_${exactlyOnce}`, 'orders')
    const insert = (id: number): RowChange => ({
      kind: 'insert',
      table: t,
      before: null,
      after: [id, id * 10],
      version: BigInt(id),
      gtid: null,
      position: `binlog.000001:${id}`,
      timestampMs: 0,
    })
    const outcome = (p: Promise<void>) =>
      p.then(
        () => 'delivered',
        (err: Error) => (isTransient(err) ? 'failed, to be tried again' : `failed for good: ${err.message}`),
      )
    try {
      await s.start()
      s.write(insert(1))
      await s.flush()
      // Silent brokers: each flush fails (the test's timeout ends one that waits for them). The
      // second is the one that waited: the client library retried its new producer's id forever.
      await broker.pause()
      s.write(insert(2))
      const silent = [await outcome(s.flush()), await outcome(s.flush()), await outcome(s.flush())]
      broker.resume()
      expect(silent).toEqual(Array(3).fill('failed, to be tried again'))
      expect(await outcome(s.flush())).toBe('delivered')
      // Nothing lost (requests the silent brokers read late may add copies: the mock shows aborted
      // transactions' messages too; exactly once through such failures is the torture test's).
      const ids = (await broker.read(`t12f.${t.database}.orders`)).map((m) => JSON.parse(m.value!).columnvalues[0] as number)
      expect([...new Set(ids)].sort()).toEqual([1, 2])
    } finally {
      broker.resume()
      await s.close()
    }
  }, 60_000)
