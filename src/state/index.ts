// Public face of the state store.
export {
  StateError,
  StateStore,
  type Checkpoint,
  type SchemaEntry,
  type SourceIdentity,
  type TableStage,
  type TableState,
} from './store.ts'
export { type CommitRecord, decodeCommitRecord, encodeCommitRecord } from './commit-record.ts'
