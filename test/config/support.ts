// Shared helpers of the config tests: load from text with a fixed environment, collect problems.

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ChsyncConfig, ConfigError, type ConfigProblem, loadConfig, type LoadOptions } from '../../src/config/index.ts'

export const CWD = '/srv/chsync'
export const HOST = 'replica-7.example'

export function load(text: string, env: Record<string, string | undefined> = {}, opts: LoadOptions = {}): ChsyncConfig {
  return loadConfig({ text, env, cwd: CWD, hostname: HOST, ...opts })
}

/** The ConfigError loading throws; fails the test when loading succeeds or throws anything else. */
export function refuse(text: string, env: Record<string, string | undefined> = {}, opts: LoadOptions = {}): ConfigError {
  try {
    load(text, env, opts)
  } catch (err) {
    if (err instanceof ConfigError) return err
    throw err
  }
  throw new Error(`expected a ConfigError for:\n${text}\nenv ${JSON.stringify(env)}`)
}

export function problems(text: string, env: Record<string, string | undefined> = {}, opts: LoadOptions = {}): ConfigProblem[] {
  return [...refuse(text, env, opts).problems]
}

/** A fresh folder with the given files (name → content); returns its path. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'chsync-config-'))
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}
