// Foreign-key actions the source ran without logging them (MariaDB; MySQL with InnoDB's own
// foreign keys), worked out on the target's copy of the child tables.

export { ForeignKeyActions, type ForeignKeyActionsOptions } from './foreign-key-actions.ts'
export { cascadeChanges, setsOffActions, MAX_CASCADE_DEPTH, type CascadeContext, type CascadeSkip } from './cascade.ts'
export { ForeignKeyGraph, ForeignKeyIndex, type ChildLink } from './foreign-key-graph.ts'
export { NO_FOREIGN_KEY_CHECKS_F, USE_SQL_FOREIGN_KEY_F, sourceLogsActions, unloggedActions } from './logged-by-source.ts'
export { undoCascade } from './undo.ts'
