// The node type bytes of MySQL's binary JSON (sql-common/json_binary.h).

export const SMALL_OBJECT = 0x00
export const LARGE_OBJECT = 0x01
export const SMALL_ARRAY = 0x02
export const LARGE_ARRAY = 0x03
export const LITERAL = 0x04
export const INT16 = 0x05
export const UINT16 = 0x06
export const INT32 = 0x07
export const UINT32 = 0x08
export const INT64 = 0x09
export const UINT64 = 0x0a
export const DOUBLE = 0x0b
export const STRING = 0x0c
export const OPAQUE = 0x0f
