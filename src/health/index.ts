// Public face of the health endpoint: the shared Stats, the report and metrics built from them, and
// the server that serves them on a UNIX socket (and optionally TCP).

export { Stats, ERROR_KINDS, type Stage, type TableCopyProgress } from './stats.ts'
export { healthReport, healthStatus, httpStatusOf, WORKING_STAGES, type HealthReport, type HealthStatus } from './report.ts'
export { metricsText, METRICS_CONTENT_TYPE, type MetricsInfo } from './metrics.ts'
export { METRIC_FAMILIES, RENAMED_METRICS, type MetricFamily, type MetricType } from './metric-catalog.ts'
export { Histogram } from './histogram.ts'
export { healthApp, withAbsoluteUrl, type HealthAppOptions, type HealthControl } from './app.ts'
export { HealthServer, SOCKET_MODE, type HealthServerOptions } from './server.ts'
export { HealthServerError } from './errors.ts'
export { prepareSocketPath, MAX_SOCKET_PATH_BYTES } from './socket-file.ts'
