// Where the ndjson sink writes: "-" for stdout, an http(s):// URL to POST to, else a file path.

import { resolve } from 'node:path'
import { maskUrl } from './endpoint.ts'
import { type Converted, failure, ok, type ValueType, wrongType } from './value-type.ts'

export type NdjsonOutput =
  | { kind: 'stdout' }
  | { kind: 'file'; path: string }
  /** `url` as written, credentials included; `password` is its decoded password ("" for none). */
  | { kind: 'http'; url: string; password: string }

export function ndjsonOutput(): ValueType<NdjsonOutput> {
  const check = (value: string, baseDir: string): Converted<NdjsonOutput> => {
    const text = value.trim()
    if (text === '') return failure('must be "-" (stdout), a file path or an http(s):// URL, got ""')
    if (text === '-') return ok({ kind: 'stdout' })
    if (!/^https?:\/\//i.test(text)) return ok({ kind: 'file', path: resolve(baseDir, text) })
    try {
      const url = new URL(text)
      if (url.hostname === '') throw new Error('no host')
      return ok({ kind: 'http', url: text, password: decodeURIComponent(url.password) })
    } catch {
      return failure(`must be a valid http(s):// URL, got ${JSON.stringify(maskUrl(text))}`)
    }
  }
  return {
    label: '"-", path or http(s) URL',
    fromToml: (value, ctx) =>
      typeof value === 'string' ? check(value, ctx.baseDir) : wrongType('"-", a file path or an http(s):// URL', value),
    fromEnv: (value, ctx) => check(value, ctx.baseDir),
  }
}
