// chsync's own decoder (src/binlog) reading the bench range: every event decoded, every value of
// the bench table's rows looked at.

import { BinlogClient } from '../../../src/binlog/index.ts'
import type { Row } from '../../../src/model/index.ts'
import { type DecodeResult, peakRssMb, readJob, reportResult } from '../measure.ts'
import { comparePoints } from '../range.ts'

const job = readJob()
const { range } = job
const client = await BinlogClient.connect(job.source)
const stream = await client.events(range.start, { serverId: job.serverId, nonBlocking: true })

const result: DecodeResult = { inserts: 0, updates: 0, deletes: 0, values: 0, seconds: 0, peakRssMb: 0 }
let began = 0
for await (const ev of stream) {
  if (began === 0) began = performance.now()
  const body = ev.body
  if (body.kind === 'rows' && body.table.table === job.table && body.table.database === job.database) {
    if (body.op === 'insert') result.inserts += body.after!.length
    else if (body.op === 'update') result.updates += body.after!.length
    else result.deletes += body.before!.length
    if (body.before) result.values += countValues(body.before)
    if (body.after) result.values += countValues(body.after)
  }
  if (comparePoints({ file: ev.file, offset: ev.nextOffset }, range.end) >= 0) break
}
result.seconds = (performance.now() - began) / 1000
result.peakRssMb = peakRssMb()
stream.close()
client.close()
reportResult(result)

function countValues(rows: Row[]): number {
  let n = 0
  for (const row of rows) for (let i = 0; i < row.length; i++) if (row[i] != null) n++
  return n
}
