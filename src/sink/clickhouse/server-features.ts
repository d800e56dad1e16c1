// What the ClickHouse server can hold, read once at start from its version and settings: chsync
// creates only types the server has, says so at start when the configuration asks for one it
// lacks, and refuses a server older than the oldest it works with.

import type { TimeType } from '../../schema/types/index.ts'

/** `is_deleted` of ReplacingMergeTree arrived in 23.8: without it deletes cannot be replicated. */
export const MINIMUM_VERSION: readonly [number, number] = [23, 8]
/** ClickHouse's JSON type became production-ready in 25.3 (experimental before). */
const JSON_VERSION: readonly [number, number] = [25, 3]
/** Known from 25.6, when Time and Time64 arrived; a server may have it off. */
const TIME64_SETTING = 'enable_time_time64_type'
/** The JSON type's switch, under its name and its older one. */
const JSON_SETTINGS = ['enable_json_type', 'allow_experimental_json_type']

/** The settings that matter here, as `SELECT name, value FROM system.settings WHERE name IN (…)` reads them. */
export const FEATURE_SETTINGS = [TIME64_SETTING, ...JSON_SETTINGS]

export interface ServerFeatures {
  /** Major and minor version, as SELECT version() begins. */
  version: [number, number]
  /** The server has Time64. */
  time64: boolean
  /** The server has a production-ready JSON type. */
  json: boolean
}

export class ClickHouseVersionError extends Error {}

/** "24.3.1.2672" → true when at least `min` (23.8 by default); false for what is not a version. */
export function versionAtLeast(version: string, min: readonly [number, number] = MINIMUM_VERSION): boolean {
  const v = majorMinor(version)
  return v !== null && (v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]))
}

function majorMinor(version: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)/.exec(version)
  return m ? [Number(m[1]), Number(m[2])] : null
}

export function serverFeatures(version: string, settings: ReadonlyMap<string, string>): ServerFeatures {
  const v = majorMinor(version)
  if (!v) throw new ClickHouseVersionError(`ClickHouse answered SELECT version() with ${JSON.stringify(version)}, not a version`)
  if (!versionAtLeast(version)) {
    throw new ClickHouseVersionError(
      `ClickHouse ${version} is older than ${MINIMUM_VERSION.join('.')}, the oldest chsync works with (it needs ReplacingMergeTree's is_deleted to replicate deletes); upgrade the server`,
    )
  }
  return {
    version: v,
    time64: settings.has(TIME64_SETTING),
    json: versionAtLeast(version, JSON_VERSION) && JSON_SETTINGS.some((s) => settings.has(s)),
  }
}

/** The TIME type of new tables for `target.time_type`; a Time64 the server lacks is refused. */
export function timeTypeFor(features: ServerFeatures, configured: 'auto' | TimeType): TimeType {
  if (configured === 'String') return 'String'
  if (features.time64) return 'Time64'
  if (configured === 'auto') return 'String'
  throw new ClickHouseVersionError(
    `target.time_type = "Time64", but ClickHouse ${features.version.join('.')} has no Time64 type (25.6 or newer has it); set target.time_type = "auto" or "String" (TIME columns as text)`,
  )
}

/** Refuses `target.json_type = "JSON"` where the server has no production JSON type. */
export function checkJsonType(features: ServerFeatures, jsonType: 'String' | 'JSON'): void {
  if (jsonType === 'JSON' && !features.json) {
    throw new ClickHouseVersionError(
      `target.json_type = "JSON", but ClickHouse ${features.version.join('.')} has no production-ready JSON type (25.3 or newer has it); set target.json_type = "String"`,
    )
  }
}

/**
 * Settings sent with each statement so that the types chsync uses can be created: a type the
 * server has but keeps switched off (Time64 where enable_time_time64_type is 0, JSON likewise).
 */
export function typeSettings(settings: ReadonlyMap<string, string>, uses: { time64: boolean; json: boolean }): Record<string, string> {
  const out: Record<string, string> = {}
  if (uses.time64 && settings.get(TIME64_SETTING) === '0') out[TIME64_SETTING] = '1'
  const jsonSwitch = JSON_SETTINGS.find((s) => settings.has(s))
  if (uses.json && jsonSwitch !== undefined && settings.get(jsonSwitch) === '0') out[jsonSwitch] = '1'
  return out
}
