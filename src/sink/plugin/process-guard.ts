// While a plugin runs inside chsync, what its code may do to the whole process is turned into a
// failure of that plugin: process.exit() (chsync would end with 0 and systemd would not restart
// it), and an error thrown where no hook awaits it (a timer, a promise nobody awaits), which would
// end chsync with a raw trace instead of a log line.

/** What a plugin's process.exit() throws instead of ending the process. */
export class PluginExitError extends Error {
  constructor(readonly exitCode: unknown) {
    super(`it called process.exit(${exitCode === undefined ? '' : JSON.stringify(exitCode)}); a plugin must throw to stop chsync`)
    this.name = 'PluginExitError'
  }
}

export class ProcessGuard {
  private originalExit: typeof process.exit | null = null
  private readonly onError = (err: unknown) => this.onEscape(err)

  /** `onEscape`: an error no hook awaited (or a process.exit() outside a hook). */
  constructor(private readonly onEscape: (err: unknown) => void) {}

  install(): void {
    if (this.originalExit) return
    this.originalExit = process.exit
    process.exit = ((code?: unknown) => {
      throw new PluginExitError(code)
    }) as typeof process.exit
    process.on('uncaughtException', this.onError)
    process.on('unhandledRejection', this.onError)
  }

  uninstall(): void {
    if (!this.originalExit) return
    process.exit = this.originalExit
    this.originalExit = null
    process.off('uncaughtException', this.onError)
    process.off('unhandledRejection', this.onError)
  }
}
