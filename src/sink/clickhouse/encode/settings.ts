// ClickHouse settings a RowBinary insert from these encoders needs.

/** JSON-type columns are sent as their text (ClickHouse parses it) rather than in binary JSON form. */
export const ROW_BINARY_INSERT_SETTINGS = { input_format_binary_read_json_as_string: 1 } as const
