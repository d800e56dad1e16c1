// Public face of the systemd integration: sd_notify over $NOTIFY_SOCKET and the watchdog.

export { systemdNotifier, watchdogIntervalMs, type Notifier } from './notify.ts'
export { ServiceNotifier, type ServiceNotifierOptions } from './service.ts'
export { DatagramError, sendDatagram, unixAddress } from './datagram.ts'
