// create_topics = false: the topics a broker's metadata answer lacks, in both shapes a broker gives
// (left out, or UNKNOWN_TOPIC_OR_PARTITION thrown by the client), and the error naming them and the
// key. (kcat's mock cluster creates any topic asked for, auto-creation or not: it cannot refuse one.)

import { expect, test } from 'bun:test'
import { missingTopics, missingTopicsError } from '../../src/sink/kafka/missing-topics.ts'

const answer = (...topics: string[]) => Promise.resolve({ topics: new Map(topics.map((t) => [t, {}])) })

test('topics left out of the answer are missing', async () => {
  expect(await missingTopics(['p.positions', 'p.shop.t'], answer('p.positions'))).toEqual(['p.shop.t'])
  expect(await missingTopics(['p.positions'], answer('p.positions'))).toEqual([])
})

test('UNKNOWN_TOPIC_OR_PARTITION thrown (nested as the client nests it): every topic asked for is missing', async () => {
  const thrown = Object.assign(new Error('Received response with error while executing API Metadata(v12)'), {
    errors: [Object.assign(new Error('This server does not host this topic-partition.'), { apiCode: 3 })],
  })
  expect(await missingTopics(['a', 'b'], Promise.reject(thrown))).toEqual(['a', 'b'])
})

test('any other failure is not taken for a missing topic', async () => {
  const down = Object.assign(new Error('Connection refused'), { code: 'ECONNREFUSED' })
  await expect(missingTopics(['a'], Promise.reject(down))).rejects.toBe(down)
})

test('the error names the topics and the key to set', () => {
  expect(missingTopicsError(['p.shop.t']).message).toBe(
    'topic p.shop.t does not exist and sink.kafka.create_topics is false: create it first (or set sink.kafka.create_topics = true)',
  )
  expect(missingTopicsError(['a', 'b']).message).toContain(
    'topics a, b do not exist and sink.kafka.create_topics is false: create them first',
  )
})
