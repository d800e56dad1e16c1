// Public face of the ndjson sink: the change feed as JSON lines to stdout, files or HTTP.

export { NdjsonSink, type NdjsonSinkOptions } from './sink.ts'
export { FileOutput } from './file-output.ts'
export { HttpDeliveryError, HttpOutput, type HttpOutputOptions } from './http-output.ts'
export { OutputClosedError, StdoutOutput, type TextWriter } from './stdout-output.ts'
export type { FeedOutput } from './output.ts'
export type { FeedState } from './commit-tracker.ts'
export { FeedLineEncoder, lineOf, type FeedKind } from './feed-line.ts'
export { LineBuffer } from './line-buffer.ts'
export { FeedLines } from './feed-lines.ts'
export { bigintJson, cellJson, type JsonValueWriter, jsonValueWriter, numberJson } from './json-value.ts'
