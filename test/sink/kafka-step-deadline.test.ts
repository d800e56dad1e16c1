// The bound on a step of the Kafka client library: the tries timeout_ms and retries allow, with
// their pauses; a step that outlives it fails naming itself and the bound.

import { expect, test } from 'bun:test'
import { stepBudgetMs, withinBudget } from '../../src/sink/kafka/step-deadline.ts'

test('the budget is every try waiting timeout_ms, with the growing pauses between them', () => {
  expect(stepBudgetMs(500, 0)).toBe(500)
  expect(stepBudgetMs(500, 1)).toBe(2 * 500 + 250)
  expect(stepBudgetMs(2000, 2)).toBe(3 * 2000 + 250 + 500)
  // Pauses stop growing at 5 s.
  expect(stepBudgetMs(30_000, 5)).toBe(6 * 30_000 + 250 + 500 + 1000 + 2000 + 4000)
  expect(stepBudgetMs(100, 7) - stepBudgetMs(100, 6)).toBe(100 + 5000)
})

test('a step that answers in time gives its result; one that never does fails naming itself', async () => {
  expect(await withinBudget('metadata', 1000, Promise.resolve(7))).toBe(7)
  await expect(withinBudget('producer id', 20, new Promise(() => {}))).rejects.toThrow('producer id: no answer within 20 ms')
  // A step's own failure is passed on as it is.
  await expect(withinBudget('commit', 1000, Promise.reject(new Error('PRODUCER_FENCED')))).rejects.toThrow('PRODUCER_FENCED')
})
