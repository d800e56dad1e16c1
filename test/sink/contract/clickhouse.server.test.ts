// The ClickHouse sink against the Sink contract (the harness: clickhouse-harness.ts).

import { clickHouseHarness } from './clickhouse-harness.ts'
import { sinkContract } from './contract.ts'

sinkContract(clickHouseHarness('ClickHouse sink'))
