// The error for a command line chsync cannot make sense of (exit code 2).

export class UsageError extends Error {
  readonly code = 'usage'
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
