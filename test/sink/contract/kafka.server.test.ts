// The Kafka sink against the Sink contract, exactly once (transactions) and at least once (the
// idempotent producer alone), on librdkafka's mock cluster hosted by kcat (one cluster per case),
// read back from the topics by an independent kcat consumer. Its flush failure is the brokers not
// answering (the kcat process stopped until the case heals it, however long the flush takes to
// fail): retryable, then healed.

import { afterAll } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../../src/config/index.ts'
import { silentLogger } from '../../../src/log/index.ts'
import { KafkaSink } from '../../../src/sink/kafka/index.ts'
import { StateStore } from '../../../src/state/index.ts'
import { KafkaBroker } from '../../support/kafka-broker.ts'
import { type Delivered, feedOfLines, sinkContract } from './contract.ts'

const dir = mkdtempSync(join(tmpdir(), 'chsync-i17b-kafka-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

for (const exactlyOnce of [true, false])
  sinkContract({
    name: exactlyOnce ? 'Kafka sink' : 'Kafka sink, exactly_once = false',
    timeoutMs: 90_000,
    async open(tag) {
      const broker = await KafkaBroker.start()
      const statePath = join(dir, `${tag}-${exactlyOnce}.db`)
      const text = [
        '[sink]',
        'kind = "kafka"',
        '[sink.kafka]',
        `brokers = [${broker.brokers.map((b) => `"${b}"`).join(', ')}]`,
        'topic_prefix = "i17b"',
        'retries = 1',
        'timeout_ms = 500',
        `exactly_once = ${exactlyOnce}`,
        '[state]',
        `path = "${statePath}"`,
      ].join('\n')
      const config = loadConfig({ env: {}, text })
      const sink = new KafkaSink({ config: config.sink.kafka, state: () => StateStore.open(statePath), log: silentLogger })
      await sink.start()
      return {
        sink,
        async read() {
          const topics = (await broker.topics()).filter((t) => t.startsWith('i17b.') && t !== 'i17b.positions').sort()
          const feed: Delivered[] = []
          for (const topic of topics) feed.push(...feedOfLines((await broker.read(topic)).flatMap((m) => (m.value ? [m.value] : []))))
          return { feed }
        },
        fault: {
          expected: 'retryable',
          inject: async () => broker.pause(),
          heal: async () => broker.resume(),
        },
        async close() {
          broker.resume()
          await sink.close()
          await broker.stop()
        },
      }
    },
  })
