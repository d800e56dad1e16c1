// With sink.kafka.create_topics = false the topics must exist already: which ones a broker lacks.
// A broker answers a metadata request for a topic it does not have (auto-creation not asked for)
// either by leaving the topic out or with UNKNOWN_TOPIC_OR_PARTITION for it, which the client
// throws: then none of the topics asked for is taken as there.

import { hasKafkaCode } from './errors.ts'

const UNKNOWN_TOPIC_OR_PARTITION = 3

/** The topics of `names` the metadata answer does not have; other failures are thrown. */
export async function missingTopics(names: readonly string[], answer: Promise<{ topics: Map<string, unknown> }>): Promise<string[]> {
  try {
    const meta = await answer
    return names.filter((n) => !meta.topics.has(n))
  } catch (err) {
    if (hasKafkaCode(err, UNKNOWN_TOPIC_OR_PARTITION)) return [...names]
    throw err
  }
}

/** The error for topics that do not exist when chsync may not create them: names them and the key. */
export function missingTopicsError(missing: readonly string[]): Error {
  const [them, does] = missing.length > 1 ? ['them', 'do'] : ['it', 'does']
  return new Error(
    `topic${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${does} not exist and sink.kafka.create_topics is false: create ${them} first (or set sink.kafka.create_topics = true)`,
  )
}
