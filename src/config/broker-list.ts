// The Kafka bootstrap brokers: "host:port" items; in env, comma-separated.

import { splitList } from './env-syntax.ts'
import { type Converted, describeValue, failure, ok, type ValueType, wrongType } from './value-type.ts'

const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/

export function brokerList(): ValueType<readonly string[]> {
  const expectation = 'a list of "host:port" brokers'
  const check = (items: unknown[]): Converted<readonly string[]> => {
    const problems: string[] = []
    items.forEach((item, i) => {
      const m = typeof item === 'string' ? HOST_PORT.exec(item.trim()) : null
      if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535)
        problems.push(`item ${i + 1} must be "host:port" (port 1..65535), got ${describeValue(item)}`)
    })
    return problems.length ? failure(...problems) : ok((items as string[]).map((item) => item.trim()))
  }
  return {
    label: 'list of host:port',
    fromToml: (value) => (Array.isArray(value) ? check(value) : wrongType(expectation, value)),
    fromEnv: (value) => check(splitList(value)),
  }
}
