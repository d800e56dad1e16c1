// loadConfig: file (found as -c, CHSYNC_CONFIG, ./config.toml, /etc/chsync/config.toml) plus the
// CHSYNC_* environment, validated; every problem found is thrown together in one ConfigError.

import { hostname as osHostname } from 'node:os'
import { dirname, resolve } from 'node:path'
import { buildConfig } from './build.ts'
import { checkConfig } from './checks.ts'
import { type ConfigLocation, parseConfigText, readConfigText, resolveConfigPath } from './config-file.ts'
import { ConfigError, type ConfigProblem } from './errors.ts'
import { type Environment, readEnv } from './env-values.ts'
import { readFileTree } from './file-tree.ts'
import { resolveValues } from './resolve-values.ts'
import type { ChsyncConfig } from './types.ts'

export interface LoadOptions {
  /** The config file (CLI -c). With `text`, only names the text and the folder its paths are relative to. */
  path?: string
  /** The environment; process.env when absent. */
  env?: Environment
  /** The config file's content, instead of reading a file. */
  text?: string
  /** For relative paths outside the file; process.cwd() when absent. */
  cwd?: string
  /** For the derived server id; the machine's host name when absent. */
  hostname?: string
}

export function loadConfig(opts: LoadOptions = {}): ChsyncConfig {
  const env = opts.env ?? process.env
  const cwd = opts.cwd ?? process.cwd()
  const problems: ConfigProblem[] = []

  const location: ConfigLocation =
    opts.text !== undefined
      ? { path: opts.path === undefined ? null : resolve(cwd, opts.path), namedBy: 'option' }
      : resolveConfigPath({ path: opts.path, env, cwd })
  let text = opts.text ?? null
  if (text === null && location.path !== null) {
    const read = readConfigText({ ...location, path: location.path })
    if ('problem' in read) problems.push(read.problem)
    else text = read.text
  }

  let tree: Record<string, unknown> = {}
  if (text !== null) {
    const parsed = parseConfigText(text, location.path ?? 'the config text')
    if ('problem' in parsed) problems.push(parsed.problem)
    else tree = parsed.tree
  }

  const file = readFileTree(tree)
  const envValues = readEnv(env)
  const values = resolveValues({
    file: file.values,
    env: envValues.values,
    fileDir: location.path === null ? cwd : dirname(location.path),
    cwd,
  })
  problems.push(...file.problems, ...envValues.problems, ...values.problems)
  const config = buildConfig(values, envValues, { file: location.path, hostname: opts.hostname ?? osHostname() }, problems)
  problems.push(...checkConfig(config, values))

  if (problems.length > 0) throw new ConfigError(problems, location.path)
  return config
}
