// Which columns TABLE_MAP's charset list counts, on an event captured from MySQL 9.7: a VECTOR
// takes a place (collation 63) before the CHAR and VARCHAR after it. Captured with
//   CREATE TABLE v (v VECTOR(2), a CHAR(2) CHARACTER SET latin1, b VARCHAR(3) CHARACTER SET utf8mb3,
//                   y YEAR, i INT, u INT UNSIGNED);  INSERT INTO v VALUES (STRING_TO_VECTOR('[1,2]'), 'a', 'b', 2000, -1, 1);
//   mysqlbinlog binlog.000009 (the TABLE_MAP of the INSERT, base64-decoded), whose --print-table-metadata
//   shows a latin1 and b utf8mb3.
// Optional metadata: SIGNEDNESS a0 (YEAR unsigned, INT signed, INT UNSIGNED), COLUMN_CHARSET 3f 08 21.

import { expect, test } from 'bun:test'
import { CharsetRegistry, EventDecoder, type TableMapEvent } from '../../src/binlog/index.ts'

const VECTOR_FIRST =
  '45e8156b130300000059000000f40200000000ed040000000001000b745f70726f62655f7665630001760006f2fe0f0d03030504fe0209003f0101a003033f08210d0102040c0176016101620179016901750c01fc1ba91318'

test('MySQL: a VECTOR column takes a place in COLUMN_CHARSET, and the columns after it keep theirs', () => {
  const bytes = Buffer.from(VECTOR_FIRST, 'hex')
  const d = new EventDecoder({ charsets: new CharsetRegistry(), checksum: 'crc32', flavor: 'mysql' })
  const ev = d.decode(bytes, 0, bytes.length).body as TableMapEvent
  expect(ev.columns.map(({ name, unsigned, collation, vectorDimensions }) => ({ name, unsigned, collation, vectorDimensions }))).toEqual([
    // The vector's own 63 only holds its place: its values are float32 bytes, not text.
    { name: 'v', unsigned: false, collation: undefined, vectorDimensions: 2 },
    { name: 'a', unsigned: false, collation: 8, vectorDimensions: undefined },
    { name: 'b', unsigned: false, collation: 33, vectorDimensions: undefined },
    { name: 'y', unsigned: true, collation: undefined, vectorDimensions: undefined },
    { name: 'i', unsigned: false, collation: undefined, vectorDimensions: undefined },
    { name: 'u', unsigned: true, collation: undefined, vectorDimensions: undefined },
  ])
})
