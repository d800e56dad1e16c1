// The error the health server raises when it cannot listen where it was told to.

export class HealthServerError extends Error {
  readonly code = 'health'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'HealthServerError'
  }
}
