// chsync's own decoder (src/binlog) reading the bench range: every event decoded, every value of
// the bench table's rows looked at.

import { BinlogClient } from '../../../src/binlog/index.ts'
import { type DecodeResult, peakRssMb, processCpuSeconds, readJob, reportResult } from '../measure.ts'
import { comparePoints } from '../range.ts'
import { tallyRows } from '../tally.ts'

const job = readJob()
const { range } = job
const client = await BinlogClient.connect(job.source)
const stream = await client.events(range.start, { serverId: job.serverId, nonBlocking: true })

const result: DecodeResult = { inserts: 0, updates: 0, deletes: 0, values: 0, seconds: 0, peakRssMb: 0 }
let began = 0
for await (const ev of stream) {
  if (began === 0) began = performance.now()
  tallyRows(result, ev.body, job.database, job.table)
  if (comparePoints({ file: ev.file, offset: ev.nextOffset }, range.end) >= 0) break
}
result.seconds = (performance.now() - began) / 1000
result.peakRssMb = peakRssMb()
result.cpuSeconds = processCpuSeconds()
stream.close()
client.close()
reportResult(result)
