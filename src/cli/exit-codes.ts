// chsync's exit codes, one meaning each, so scripts and systemd can tell them apart
// (RestartPreventExitStatus=78 keeps systemd from restarting a refused configuration).

export const ExitCode = {
  OK: 0,
  /** Replication stopped on an error it could not ride out (see the log). */
  FAILURE: 1,
  /** Wrong command line. */
  USAGE: 2,
  /** `check` found at least one fatal problem. */
  CHECK_FAILED: 3,
  /** `status`: chsync answered but is not healthy (starting, stopping, failed, or degraded: a table set aside). */
  UNHEALTHY: 4,
  /** `run` did not finish its final flush within the stop timeout; the committed position stays valid. */
  STOP_TIMEOUT: 5,
  /** `verify` found tables whose copy differs from the source. */
  DIFFERENT: 6,
  /** `verify` found no difference, but could not compare some replicated tables (each is named with why). */
  NOT_COMPARED: 7,
  /** `status`: nothing answers on the health socket. */
  UNAVAILABLE: 69,
  /**
   * The configuration is invalid (every problem is printed), or `run` met what only a change of it
   * can cure: the source or ClickHouse refuses the account, or target.url is not ClickHouse.
   */
  CONFIG: 78,
  /** A second SIGINT: exited at once without the final flush; the committed position stays valid. */
  INTERRUPTED: 130,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/** For `chsync --help` and docs/operations.md. */
export const EXIT_CODE_MEANINGS: readonly [number, string][] = [
  [ExitCode.OK, 'success; `run`: stopped cleanly after a signal, position committed'],
  [
    ExitCode.FAILURE,
    'replication failed (the log says why: a plugin that failed, with its name; a state file it cannot use, with the file and what is wrong; a packet from the source larger than a binlog event can be), or the health socket could not be opened',
  ],
  [ExitCode.USAGE, 'wrong command line'],
  [ExitCode.DIFFERENT, '`verify`: at least one table differs from its source (the tables and key ranges are printed)'],
  [ExitCode.NOT_COMPARED, '`verify`: no table differs, but some could not be compared (each is printed with why)'],
  [ExitCode.CHECK_FAILED, '`check` found a fatal problem'],
  [ExitCode.UNHEALTHY, '`status`: chsync answers but is starting, stopping, failed or degraded (a table set aside)'],
  [ExitCode.STOP_TIMEOUT, '`run`: the final flush did not finish within --stop-timeout (the committed position stays valid)'],
  [ExitCode.UNAVAILABLE, '`status`: nothing answers on the health socket'],
  [
    ExitCode.CONFIG,
    'invalid configuration (every problem is listed); `run`: the source or ClickHouse refuses the account, or target.url is not ClickHouse',
  ],
  [ExitCode.INTERRUPTED, 'second SIGINT: exited at once (the committed position stays valid)'],
]
