// Finding and parsing config.toml. Parse errors keep only smol-toml's reason and line/column: its
// excerpt of the surrounding lines could show a password.

import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse, TomlError } from 'smol-toml'
import type { ConfigProblem } from './errors.ts'
import type { Environment } from './env-values.ts'
import { CONFIG_PATH_ENV } from './keys.ts'

export const SEARCHED_PATHS = ['./config.toml', '/etc/chsync/config.toml'] as const

/** Which file to read and who named it; `path` null means defaults and environment only. */
export interface ConfigLocation {
  path: string | null
  namedBy: 'option' | 'env' | 'search' | null
}

/** -c, else CHSYNC_CONFIG, else the first of `candidates` that exists, else none. */
export function resolveConfigPath(opts: { path?: string; env: Environment; cwd: string; candidates?: readonly string[] }): ConfigLocation {
  if (opts.path !== undefined && opts.path !== '') return { path: resolve(opts.cwd, opts.path), namedBy: 'option' }
  const fromEnv = opts.env[CONFIG_PATH_ENV]
  if (fromEnv !== undefined && fromEnv !== '') return { path: resolve(opts.cwd, fromEnv), namedBy: 'env' }
  for (const candidate of opts.candidates ?? SEARCHED_PATHS) {
    const path = resolve(opts.cwd, candidate)
    if (existsSync(path)) return { path, namedBy: 'search' }
  }
  return { path: null, namedBy: null }
}

/** The file's text, or a problem naming who asked for it. */
export function readConfigText(location: ConfigLocation & { path: string }): { text: string } | { problem: ConfigProblem } {
  try {
    return { text: readFileSync(location.path, 'utf8') }
  } catch (err) {
    const key = location.namedBy === 'env' ? CONFIG_PATH_ENV : 'config'
    const via = location.namedBy === 'env' ? ` (from ${CONFIG_PATH_ENV})` : ''
    return { problem: { key, message: `config file ${location.path}${via} cannot be read: ${fileErrorReason(err)}` } }
  }
}

/** The TOML tree, or one problem with the reason and place. */
export function parseConfigText(text: string, label: string): { tree: Record<string, unknown> } | { problem: ConfigProblem } {
  try {
    return { tree: parse(text, { integersAsBigInt: 'asNeeded' }) }
  } catch (err) {
    if (!(err instanceof TomlError)) throw err
    const reason = err.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '')
    return { problem: { key: 'config', message: `${label} is not valid TOML: ${reason} (line ${err.line}, column ${err.column})` } }
  }
}

/** A short reason for a failed read: "no such file", "permission denied", ... */
export function fileErrorReason(err: unknown): string {
  const code = (err as { code?: unknown }).code
  switch (code) {
    case 'ENOENT':
      return 'no such file'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'it is a directory'
    default:
      return typeof code === 'string' ? code : 'unreadable'
  }
}
