// The password of each server: CHSYNC_<SERVER>_PASSWORD, else the password_file's content, else the
// URL's. A problem names the key and the path, never what the file holds.

import { readFileSync } from 'node:fs'
import { fileErrorReason } from './config-file.ts'
import type { ConfigProblem } from './errors.ts'

export interface PasswordSources {
  /** "source" or "target". */
  server: string
  fromEnv: string | null
  /** Absolute path, or null when not set. */
  file: string | null
  fromUrl: string
}

export function resolvePassword(sources: PasswordSources, problems: ConfigProblem[]): string {
  if (sources.fromEnv !== null) return sources.fromEnv
  if (sources.file === null) return sources.fromUrl
  const key = `${sources.server}.password_file`
  if (sources.fromUrl !== '') {
    problems.push({ key, message: `"${key}" is set and "${sources.server}.url" has a password too: give the password once` })
  }
  return readPasswordFile(key, sources.file, problems)
}

/** The file's text without one trailing newline ("\n" or "\r\n"). */
export function readPasswordFile(key: string, path: string, problems: ConfigProblem[]): string {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '')
  } catch (err) {
    problems.push({ key, message: `"${key}" file ${path} cannot be read: ${fileErrorReason(err)}` })
    return ''
  }
}
