// Errors of the shared model: raised in one layer, recognised in another.

/** A copied row was read with another shape than the target table now has: read it again. */
export class ShapeChangedError extends Error {
  readonly code = 'shape_changed'
}
