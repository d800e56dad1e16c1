// Public face of logging.
export { createLogger, silentLogger, type Fields, type Level, type Logger, type LoggerOptions } from './logger.ts'
export { redactStrings } from './redact-strings.ts'
