// The whole key table, in file order, and what is derived from it: sections, env names, lookups.

import { APPLY, NDJSON, PLUGIN, SINK } from './keys-apply.ts'
import { KAFKA } from './keys-kafka.ts'
import { REPLICATE, SNAPSHOT } from './keys-replicate.ts'
import { HEALTH, LOG, STATE } from './keys-service.ts'
import { SOURCE } from './keys-source.ts'
import { TARGET } from './keys-target.ts'
import type { KeySpec } from './key-spec.ts'

export { APPLY, HEALTH, KAFKA, LOG, NDJSON, PLUGIN, REPLICATE, SINK, SNAPSHOT, SOURCE, STATE, TARGET }

export const ALL_KEYS: readonly KeySpec<unknown>[] = [
  SOURCE,
  TARGET,
  REPLICATE,
  SNAPSHOT,
  APPLY,
  SINK,
  NDJSON,
  PLUGIN,
  KAFKA,
  STATE,
  HEALTH,
  LOG,
].flatMap((group) => Object.values(group) as KeySpec<unknown>[])

export const KEYS_BY_NAME: ReadonlyMap<string, KeySpec<unknown>> = new Map(ALL_KEYS.map((spec) => [spec.key, spec]))

/** Every table a key lives in: "source", "sink", "sink.ndjson", ... */
export const SECTIONS: ReadonlySet<string> = new Set(
  ALL_KEYS.flatMap((spec) =>
    spec.key
      .split('.')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  ),
)

/** Secrets settable only from the environment, one per server. */
export const PASSWORD_ENV = {
  source: 'CHSYNC_SOURCE_PASSWORD',
  target: 'CHSYNC_TARGET_PASSWORD',
  kafka: 'CHSYNC_SINK_KAFKA_PASSWORD',
} as const

/** The salt of sha256 masks, settable only from the environment (or replicate.mask_salt_file). */
export const MASK_SALT_ENV = 'CHSYNC_REPLICATE_MASK_SALT'

/** The env var naming the config file (like -c). */
export const CONFIG_PATH_ENV = 'CHSYNC_CONFIG'

/** Env vars whose name starts with one of these are chsync's: an unknown one is a typo. */
export const ENV_SECTION_PREFIXES: readonly string[] = [...new Set(ALL_KEYS.map((spec) => spec.env.split('_').slice(0, 2).join('_') + '_'))]
