// The column shaping in front of the ClickHouse sink against the Sink contract. Its rules match no
// column of the cases' tables, so every row, DDL, capability and failure has to pass through it
// unchanged: a hook or capability it fails to hand on shows as a case of the contract failing.

import { ColumnShaping, ShapedSink } from '../../../src/sink/shaping/index.ts'
import { clickHouseHarness } from './clickhouse-harness.ts'
import { sinkContract } from './contract.ts'

const shaping = new ColumnShaping({ excludeColumns: ['*.*.never_there'], mask: new Map([['*.*.nor_this', 'sha256']]), maskSalt: 'salt' })

sinkContract(clickHouseHarness('ClickHouse sink behind the column shaping', (sink) => new ShapedSink(sink, shaping)))
