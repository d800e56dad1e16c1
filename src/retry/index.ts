// Retrying connections and deliveries: one policy for the source, the copy, ClickHouse and the sinks.

export { PermanentError, isPermanent } from './permanent.ts'
export { TransientError, isTransient } from './transient.ts'
export { RetryStopped, type RetryOptions, pause, retry } from './retry.ts'
