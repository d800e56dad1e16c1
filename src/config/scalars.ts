// Value types of the plain keys: strings, choices, bounded integers, booleans.

import { type Converted, expected, ok, type ValueType, wrongType } from './value-type.ts'

/** Any string. */
export function text(): ValueType<string> {
  return {
    label: 'string',
    fromToml: (value) => (typeof value === 'string' ? ok(value) : wrongType('a string', value)),
    fromEnv: (value) => ok(value),
  }
}

/** What is appended to a table's name to name another: letters, digits and "_", not empty. */
export function tableSuffix(): ValueType<string> {
  const expectation = 'letters, digits or "_" (at least one)'
  const check = (value: string): Converted<string> => (/^\w+$/.test(value) ? ok(value) : expected(expectation, value))
  return {
    label: 'string',
    fromToml: (value) => (typeof value === 'string' ? check(value) : wrongType(expectation, value)),
    fromEnv: (value) => check(value),
  }
}

/** One of a fixed set of words, exactly as written. */
export function oneOf<const W extends string>(words: readonly W[]): ValueType<W> {
  const expectation = `one of ${words.map((w) => `"${w}"`).join(', ')}`
  const check = (value: string): Converted<W> =>
    (words as readonly string[]).includes(value) ? ok(value as W) : expected(expectation, value)
  return {
    label: words.join(' | '),
    fromToml: (value) => (typeof value === 'string' ? check(value) : wrongType(expectation, value)),
    fromEnv: (value) => check(value),
  }
}

/** A whole number from `min` to `max`; TOML integers (or floats with no fraction), or decimal digits in env. */
export function integer(min: number, max: number): ValueType<number> {
  const expectation = `an integer from ${min} to ${max}`
  const check = (value: number | bigint): Converted<number> => {
    if (typeof value === 'bigint' || !Number.isInteger(value) || value < min || value > max) {
      return expected(expectation, value)
    }
    return ok(value)
  }
  return {
    label: `integer ${min}..${max}`,
    fromToml: (value) => (typeof value === 'number' || typeof value === 'bigint' ? check(value) : wrongType(expectation, value)),
    fromEnv: (value) => (/^[+-]?\d+$/.test(value.trim()) ? check(Number(value.trim())) : expected(expectation, value)),
  }
}

const TRUE_WORDS = ['true', '1', 'yes', 'on']
const FALSE_WORDS = ['false', '0', 'no', 'off']

/** TOML true/false; in env also 1/0, yes/no, on/off, any case. */
export function boolean(): ValueType<boolean> {
  const expectation = 'true or false'
  return {
    label: 'boolean',
    fromToml: (value) => (typeof value === 'boolean' ? ok(value) : wrongType(expectation, value)),
    fromEnv: (value) => {
      const word = value.trim().toLowerCase()
      if (TRUE_WORDS.includes(word)) return ok(true)
      if (FALSE_WORDS.includes(word)) return ok(false)
      return expected('true or false (also 1/0, yes/no, on/off)', value)
    },
  }
}
