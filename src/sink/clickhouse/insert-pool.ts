// Sends a flush's batches, a few INSERTs at a time. Inserts are idempotent by design (every row
// carries its `_version`), so a batch that failed half-way is simply sent again by a later flush.

import type { Stats } from '../../health/stats.ts'
import type { Batch } from './batches.ts'
import { CHUNK_BYTES, type RowBinaryWriter } from './encode/index.ts'
import { isTableRefusal } from './errors.ts'
import type { ClickHouseServer } from './server.ts'

/** Inserts every batch, `concurrency` at a time; returns the failed ones with why. */
export async function insertBatches(
  server: ClickHouseServer,
  work: Batch[],
  concurrency: number,
  stats: Stats,
): Promise<Map<Batch, unknown>> {
  const failed = new Map<Batch, unknown>()
  const queue = [...work]
  const worker = async () => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      try {
        await server.insert(b.prepared.insertSql, slices(b.writer))
        stats.batches++
        stats.batchRows.observe(b.rows)
      } catch (err) {
        failed.set(b, await refusalBehind(server, b, err))
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker))
  return failed
}

/**
 * ClickHouse may refuse an INSERT (a column it does not have) and close the connection while the
 * body is still on its way: the client then sees a broken connection, not the server's answer.
 * The same INSERT without rows gets the answer; a failure it does not reproduce stays as it was.
 */
async function refusalBehind(server: ClickHouseServer, b: Batch, err: unknown): Promise<unknown> {
  if (isTableRefusal(err)) return err
  try {
    await server.command(b.prepared.insertSql.replace(/ FORMAT RowBinary$/, ' VALUES'))
  } catch (probe) {
    if (isTableRefusal(probe)) return probe
  }
  return err
}

/**
 * A batch as views of at most 1 MiB. Handed over whole, a batch of tens of MB is copied again by
 * the socket's write path (joined with the request head into one buffer); in slices, the stream's
 * back-pressure keeps what waits to be written small. Chunks are at most that big, except one
 * holding a bigger value.
 */
function* slices(writer: RowBinaryWriter): Generator<Buffer> {
  for (const chunk of writer.chunks()) {
    for (let at = 0; at < chunk.length; at += CHUNK_BYTES) yield chunk.subarray(at, Math.min(at + CHUNK_BYTES, chunk.length))
  }
}
