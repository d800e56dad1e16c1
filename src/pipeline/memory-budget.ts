// How apply.max_buffer_bytes is shared out. Peak memory above idle is more than the buffers: decoded
// rows live as JavaScript objects (several times their binlog bytes) until the garbage collector
// takes them, and around the batches stand the unused ends of their chunks, the request in flight
// and the allocator's own slack. So the buffers get part of the bound and the rest is kept for
// what surrounds them (measured with bench/stream's big transaction: bench/stream/README.md).

export interface MemoryBudget {
  /** The binlog read ahead of decoding. */
  readAheadBytes: number
  /** Decoded binlog bytes between two garbage collections. */
  collectEveryBytes: number
  /** The sink's batches, pending and in flight: reading pauses beyond it. */
  batchBytes: number
}

/**
 * An eighth read ahead (at most 32 MiB) and half for the batches; a collection after every
 * sixteenth decoded (at most 16 MiB) keeps the rows waiting for it to about a third (they take about
 * five times their binlog bytes). A collection costs about 20 ms whatever it frees (it marks what
 * lives), so not more often.
 */
export function memoryBudget(maxBufferBytes: number): MemoryBudget {
  return {
    readAheadBytes: Math.min(32 << 20, Math.floor(maxBufferBytes / 8)),
    collectEveryBytes: Math.min(16 << 20, Math.floor(maxBufferBytes / 16)),
    batchBytes: Math.floor(maxBufferBytes / 2),
  }
}
