// The Content-Type ClickHouse sends with each output format (close enough for clients, which ignore it).

const binary = new Set([
  'native',
  'parquet',
  'arrow',
  'arrowstream',
  'orc',
  'avro',
  'protobuf',
  'protobufsingle',
  'protobuflist',
  'msgpack',
  'capnproto',
  'npy',
  'bsoneachrow',
  'rawblob',
])

export function contentType(format: string): string {
  const f = format.toLowerCase()
  if (f.startsWith('rowbinary') || binary.has(f)) return 'application/octet-stream'
  if (f.startsWith('json') || f === 'prettyjsoneachrow' || f === 'ndjson' || f === 'jsonlines') {
    return 'application/json; charset=UTF-8'
  }
  if (f.startsWith('tabseparated') || f.startsWith('tsv')) return 'text/tab-separated-values; charset=UTF-8'
  if (f.startsWith('csv')) return `text/csv; charset=UTF-8; header=${f.includes('withnames') ? 'present' : 'absent'}`
  if (f === 'xml') return 'application/xml; charset=UTF-8'
  return 'text/plain; charset=UTF-8'
}
