// The version and the commit it was built from (the commit is set at build time).

import pkg from '../../package.json'

declare const CHSYNC_COMMIT: string | undefined

export const VERSION: string = pkg.version
export const COMMIT: string = typeof CHSYNC_COMMIT === 'string' ? CHSYNC_COMMIT : 'dev'

export function versionLine(): string {
  return `chsync ${VERSION} (${COMMIT}) bun ${Bun.version}`
}
