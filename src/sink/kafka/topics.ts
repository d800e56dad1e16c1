// Topic names from the [sink.kafka] templates. Kafka allows [a-zA-Z0-9._-] in a name, at most 249
// characters: any other character of a database or table name becomes "_".

import type { KafkaSinkConfig } from '../../config/index.ts'
import type { SourceTable } from '../../model/index.ts'

const ILLEGAL = /[^a-zA-Z0-9._-]/g
const MAX_NAME = 249

export class TopicNames {
  private readonly byTable = new WeakMap<SourceTable, string>()

  constructor(private readonly k: Pick<KafkaSinkConfig, 'topic' | 'topicPrefix' | 'ddlTopic' | 'positionTopic'>) {}

  table(t: SourceTable): string {
    let name = this.byTable.get(t)
    if (name === undefined) {
      name = this.fill(this.k.topic, t.database, t.table)
      this.byTable.set(t, name)
    }
    return name
  }

  ddl(database: string): string {
    return this.fill(this.k.ddlTopic, database, '')
  }

  get position(): string {
    return this.fill(this.k.positionTopic, '', '')
  }

  private fill(template: string, database: string, table: string): string {
    const name = template.replaceAll('{prefix}', this.k.topicPrefix).replaceAll('{database}', database).replaceAll('{table}', table)
    return name.replace(ILLEGAL, '_').slice(0, MAX_NAME)
  }
}
