// Failures of the Kafka sink as chsync reports them: what it was doing, the topics and the brokers,
// and whether waiting can cure it. A broker that does not answer passes; a refused account, a
// certificate that does not verify or a producer fenced by another chsync do not.

import { PermanentError, TransientError } from '../../retry/index.ts'

/** Kafka error codes a new attempt cannot cure (the protocol's error table). */
const PERMANENT_CODES = new Set([
  29, // TOPIC_AUTHORIZATION_FAILED
  31, // CLUSTER_AUTHORIZATION_FAILED
  53, // TRANSACTIONAL_ID_AUTHORIZATION_FAILED
  58, // SASL_AUTHENTICATION_FAILED
  87, // INVALID_RECORD
  90, // PRODUCER_FENCED
  47, // INVALID_PRODUCER_EPOCH
])
const TLS_REFUSED = /certificate|self[- ]signed|unable to verify|CERT_|SSL|TLS/i

export interface KafkaPlace {
  brokers: readonly string[]
  topics?: readonly string[]
  transactionalId?: string
}

/** `err` as a sink error whose message names the operation, topics and brokers. */
export function kafkaError(what: string, place: KafkaPlace, err: unknown): Error {
  const detail = describe(err)
  const topics = place.topics?.length
    ? ` topic${place.topics.length > 1 ? 's' : ''} ${place.topics.slice(0, 3).join(', ')}${place.topics.length > 3 ? ', …' : ''}`
    : ''
  let message = `Kafka: cannot ${what}${topics} (brokers ${place.brokers.join(',')}): ${detail}`
  if (/PRODUCER_FENCED|INVALID_PRODUCER_EPOCH|fenced/i.test(detail) && place.transactionalId)
    message += `; another producer took transactional id "${place.transactionalId}": two chsync must not share sink.kafka.transactional_id`
  return permanent(err, detail) ? new PermanentError(message, { cause: err }) : new TransientError(message, { cause: err })
}

function permanent(err: unknown, detail: string): boolean {
  return [...PERMANENT_CODES].some((code) => hasKafkaCode(err, code)) || TLS_REFUSED.test(detail)
}

/** The error's message with the first reason at the bottom of what it wraps (the client nests them: "failed 2 times" around the cause). */
function describe(err: unknown): string {
  const all = errorsIn(err)
  const top = (all[0] as Error | undefined)?.message ?? String(err)
  const leaf = (e: unknown) => !(e as { errors?: unknown[] }).errors?.length && !(e as { cause?: unknown }).cause
  const inner = all.slice(1).find((e) => e instanceof Error && e.message && e.message !== top && leaf(e)) as Error | undefined
  const id = (inner as { apiId?: string } | undefined)?.apiId ?? (all[0] as { apiId?: string } | undefined)?.apiId
  return `${top}${inner ? `: ${inner.message}` : ''}${id ? ` (${id})` : ''}`
}

/** Whether the error, or one it wraps, is the Kafka error with this code. */
export function hasKafkaCode(err: unknown, code: number): boolean {
  return errorsIn(err).some((e) => (e as { apiCode?: unknown }).apiCode === code)
}

/** Whether the message of the error, or of one it wraps, matches. */
export function mentions(err: unknown, pattern: RegExp): boolean {
  return errorsIn(err).some((e) => pattern.test(String((e as { message?: unknown }).message ?? '')))
}

/** The error, its causes and the errors it groups, depth first. */
function errorsIn(err: unknown, depth = 0): unknown[] {
  if (!err || typeof err !== 'object' || depth > 6) return []
  const e = err as { errors?: unknown[]; cause?: unknown }
  return [err, ...(e.errors ?? []).flatMap((x) => errorsIn(x, depth + 1)), ...errorsIn(e.cause, depth + 1)]
}
