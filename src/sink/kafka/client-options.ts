// The options every Kafka client of the sink shares (producer, admin, the position reader): the
// brokers, TLS, SASL, retries and timeouts from [sink.kafka].

import { readFileSync } from 'node:fs'
import type { BaseOptions } from '@platformatic/kafka'
import type { KafkaSinkConfig } from '../../config/index.ts'

export function clientOptions(k: KafkaSinkConfig): BaseOptions {
  return {
    clientId: k.clientId,
    bootstrapBrokers: [...k.brokers],
    timeout: k.timeoutMs,
    connectTimeout: k.timeoutMs,
    requestTimeout: k.timeoutMs,
    retries: k.retries,
    retryDelay: (_client, _op, attempt) => retryPause(attempt),
    ...(k.tls
      ? {
          tls: {
            ...(k.tlsCaFile ? { ca: readFileSync(k.tlsCaFile) } : {}),
            ...(k.tlsCertFile ? { cert: readFileSync(k.tlsCertFile) } : {}),
            ...(k.tlsKeyFile ? { key: readFileSync(k.tlsKeyFile) } : {}),
          },
        }
      : {}),
    ...(k.saslMechanism !== 'none' ? { sasl: { mechanism: k.saslMechanism, username: k.user, password: k.password } } : {}),
  }
}

/** The pause before try `attempt + 1`, growing: 250 ms, 500 ms, 1 s, ... at most 5 s. */
export function retryPause(attempt: number): number {
  return Math.min(250 * 2 ** Math.max(0, attempt - 1), 5000)
}

/** Produce acks as the protocol numbers them. */
export const ACKS = { all: -1, leader: 1, none: 0 } as const
