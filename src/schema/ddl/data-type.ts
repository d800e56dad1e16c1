// The column type grammar of MySQL 9.7 and MariaDB 10.11/11, resolved to the type the server
// stores: synonyms, implied lengths and precisions, and `CHARACTER SET binary` turning a
// character type into its binary twin, exactly as SHOW CREATE TABLE then prints it.

import type { DataType, TypeName } from './ast.ts'
import type { TokenStream } from './token-stream.ts'

export interface ParsedType {
  type: DataType
  /** SERIAL: BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE. */
  serial: boolean
}

const INTEGERS: Record<string, TypeName> = {
  TINYINT: 'tinyint',
  INT1: 'tinyint',
  SMALLINT: 'smallint',
  INT2: 'smallint',
  MEDIUMINT: 'mediumint',
  MIDDLEINT: 'mediumint',
  INT3: 'mediumint',
  INT: 'int',
  INTEGER: 'int',
  INT4: 'int',
  BIGINT: 'bigint',
  INT8: 'bigint',
}

const PLAIN: Record<string, TypeName> = {
  DATE: 'date',
  JSON: 'json',
  UUID: 'uuid',
  INET4: 'inet4',
  INET6: 'inet6',
  TINYBLOB: 'tinyblob',
  MEDIUMBLOB: 'mediumblob',
  LONGBLOB: 'longblob',
  GEOMETRY: 'geometry',
  POINT: 'point',
  LINESTRING: 'linestring',
  POLYGON: 'polygon',
  MULTIPOINT: 'multipoint',
  MULTILINESTRING: 'multilinestring',
  MULTIPOLYGON: 'multipolygon',
  GEOMETRYCOLLECTION: 'geometrycollection',
  GEOMCOLLECTION: 'geometrycollection',
}

const TEXTS: Record<string, TypeName> = { TINYTEXT: 'tinytext', MEDIUMTEXT: 'mediumtext', LONGTEXT: 'longtext' }

/** The binary twin of a character type, for CHARACTER SET binary and BYTE. */
const BINARY_TWIN: Partial<Record<TypeName, TypeName>> = {
  char: 'binary',
  varchar: 'varbinary',
  tinytext: 'tinyblob',
  text: 'blob',
  mediumtext: 'mediumblob',
  longtext: 'longblob',
}

function blank(name: TypeName, written: string): DataType {
  return {
    name,
    written,
    length: null,
    precision: null,
    scale: null,
    fsp: null,
    unsigned: false,
    zerofill: false,
    charset: null,
    collation: null,
    binaryCollation: false,
    values: null,
  }
}

/** A data type, from its first word. */
export function parseDataType(ts: TokenStream): ParsedType {
  const first = ts.peek()
  if (first.kind !== 'word') ts.fail('expected a data type')
  const word = first.upper
  ts.next()

  const integer = INTEGERS[word]
  if (integer !== undefined) {
    const type = blank(integer, word)
    type.length = optionalLength(ts)
    numericModifiers(ts, type)
    return { type, serial: false }
  }
  const plain = PLAIN[word]
  if (plain !== undefined) return { type: blank(plain, word), serial: false }
  const text = TEXTS[word]
  if (text !== undefined) return { type: characterModifiers(ts, blank(text, word)), serial: false }

  switch (word) {
    case 'SERIAL': {
      const type = blank('bigint', word)
      type.unsigned = true
      return { type, serial: true }
    }
    case 'BOOL':
    case 'BOOLEAN': {
      const type = blank('tinyint', word)
      type.length = 1
      return { type, serial: false }
    }
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC':
    case 'FIXED': {
      const type = blank('decimal', word)
      const [precision, scale] = precisionScale(ts)
      type.precision = precision ?? 10
      type.scale = scale ?? 0
      numericModifiers(ts, type)
      return { type, serial: false }
    }
    case 'FLOAT':
    case 'FLOAT4': {
      // FLOAT4 is the FLOAT token on both servers, FLOAT8 the DOUBLE token.
      const type = blank('float', word)
      const [precision, scale] = precisionScale(ts)
      if (precision !== null && scale === null) {
        // FLOAT(p): a precision in bits picks single (p <= 24) or double (25..53) precision.
        if (precision > 53) ts.fail('FLOAT precision must be at most 53')
        if (precision > 24) type.name = 'double'
      } else {
        type.precision = precision
        type.scale = scale
      }
      numericModifiers(ts, type)
      return { type, serial: false }
    }
    case 'FLOAT8':
    case 'DOUBLE':
    case 'REAL': {
      let written: string = word
      if (word === 'DOUBLE' && ts.acceptWord('PRECISION')) written = 'DOUBLE PRECISION'
      const single = word === 'REAL' && ts.settings.realAsFloat
      const type = blank(single ? 'float' : 'double', written)
      const [precision, scale] = precisionScale(ts)
      if (precision !== null && scale === null) ts.fail("expected ','")
      type.precision = precision
      type.scale = scale
      numericModifiers(ts, type)
      return { type, serial: false }
    }
    case 'BIT': {
      const type = blank('bit', word)
      type.length = optionalLength(ts) ?? 1
      return { type, serial: false }
    }
    case 'TIME':
    case 'DATETIME':
    case 'TIMESTAMP': {
      const type = blank(word.toLowerCase() as TypeName, word)
      type.fsp = optionalLength(ts) ?? 0
      if (type.fsp > 6) ts.fail('fractional seconds precision must be at most 6')
      return { type, serial: false }
    }
    case 'YEAR': {
      const type = blank('year', word)
      type.length = optionalLength(ts)
      numericModifiers(ts, type)
      return { type, serial: false }
    }
    case 'CHAR':
    case 'CHARACTER':
      if (ts.acceptWord('VARYING')) return characterType(ts, 'varchar', `${word} VARYING`, true, null)
      return characterType(ts, 'char', word, false, null)
    case 'VARCHAR':
    case 'VARCHARACTER':
      return characterType(ts, 'varchar', word, true, null)
    case 'NVARCHAR':
      return characterType(ts, 'varchar', word, true, 'utf8mb3')
    case 'NCHAR':
      if (ts.acceptWord('VARCHAR')) return characterType(ts, 'varchar', 'NCHAR VARCHAR', true, 'utf8mb3')
      if (ts.acceptWord('VARYING')) return characterType(ts, 'varchar', 'NCHAR VARYING', true, 'utf8mb3')
      return characterType(ts, 'char', word, false, 'utf8mb3')
    case 'NATIONAL': {
      if (ts.acceptWord('VARCHAR')) return characterType(ts, 'varchar', 'NATIONAL VARCHAR', true, 'utf8mb3')
      const what = ts.expectAnyWord(['CHAR', 'CHARACTER'], 'CHAR, CHARACTER or VARCHAR')
      if (ts.acceptWord('VARYING')) return characterType(ts, 'varchar', `NATIONAL ${what} VARYING`, true, 'utf8mb3')
      return characterType(ts, 'char', `NATIONAL ${what}`, false, 'utf8mb3')
    }
    case 'BINARY': {
      const type = blank('binary', word)
      type.length = optionalLength(ts) ?? 1
      return { type, serial: false }
    }
    case 'VARBINARY': {
      const type = blank('varbinary', word)
      type.length = requiredLength(ts)
      return { type, serial: false }
    }
    case 'TEXT': {
      // TEXT(n): the server picks the smallest TEXT type holding n characters; kept as text with the length.
      const type = blank('text', word)
      type.length = optionalLength(ts)
      return { type: characterModifiers(ts, type), serial: false }
    }
    case 'BLOB': {
      const type = blank('blob', word)
      type.length = optionalLength(ts)
      return { type, serial: false }
    }
    case 'LONG': {
      if (ts.acceptWord('VARBINARY')) return { type: blank('mediumblob', 'LONG VARBINARY'), serial: false }
      let written = 'LONG'
      if (ts.acceptWord('VARCHAR')) written = 'LONG VARCHAR'
      else if (ts.acceptWords('CHAR', 'VARYING')) written = 'LONG CHAR VARYING'
      return { type: characterModifiers(ts, blank('mediumtext', written)), serial: false }
    }
    case 'ENUM':
    case 'SET': {
      const type = blank(word === 'ENUM' ? 'enum' : 'set', word)
      type.values = labels(ts)
      return { type: characterModifiers(ts, type), serial: false }
    }
    case 'VECTOR': {
      const type = blank('vector', word)
      type.length = optionalLength(ts) ?? 2048
      return { type, serial: false }
    }
    default:
      return ts.fail('expected a data type', first)
  }
}

function characterType(ts: TokenStream, name: TypeName, written: string, lengthRequired: boolean, charset: string | null): ParsedType {
  const type = blank(name, written)
  type.length = lengthRequired ? requiredLength(ts) : (optionalLength(ts) ?? 1)
  type.charset = charset
  return { type: characterModifiers(ts, type), serial: false }
}

/**
 * The character set clauses that may follow a character type, in any order:
 * BINARY, ASCII (latin1), UNICODE (ucs2), BYTE (binary), CHARACTER SET | CHARSET | CHAR SET name.
 * A binary character set turns char/varchar/text into binary/varbinary/blob (enum and set stay).
 */
function characterModifiers(ts: TokenStream, type: DataType): DataType {
  for (;;) {
    if (ts.acceptWord('BINARY')) type.binaryCollation = true
    else if (ts.acceptWord('ASCII')) type.charset = 'latin1'
    else if (ts.acceptWord('UNICODE')) type.charset = 'ucs2'
    else if (ts.acceptWord('BYTE')) type.charset = 'binary'
    else if (acceptCharsetKeyword(ts)) type.charset = charsetName(ts)
    else break
  }
  if (type.charset === 'binary') {
    const twin = BINARY_TWIN[type.name]
    if (twin !== undefined) {
      type.name = twin
      type.charset = null
      type.binaryCollation = false
    }
  }
  return type
}

/** CHARACTER SET, CHARSET or CHAR SET. */
export function acceptCharsetKeyword(ts: TokenStream): boolean {
  return ts.acceptWord('CHARSET') || ts.acceptWords('CHARACTER', 'SET') || ts.acceptWords('CHAR', 'SET')
}

/** A character set or collation name, lower-case: a word (binary included), a quoted name or a string. */
export function charsetName(ts: TokenStream): string {
  return ts.symbol('character set name').toLowerCase()
}

function numericModifiers(ts: TokenStream, type: DataType): void {
  for (;;) {
    if (ts.acceptWord('UNSIGNED')) type.unsigned = true
    else if (ts.acceptWord('SIGNED')) type.unsigned = false
    else if (ts.acceptWord('ZEROFILL')) {
      // ZEROFILL implies UNSIGNED on both servers.
      type.zerofill = true
      type.unsigned = true
    } else break
  }
  if (type.zerofill) type.unsigned = true
}

function optionalLength(ts: TokenStream): number | null {
  if (!ts.isPunct('(')) return null
  ts.next()
  const n = ts.integer('a length')
  ts.expectPunct(')')
  return n
}

function requiredLength(ts: TokenStream): number {
  const n = optionalLength(ts)
  if (n === null) ts.fail("expected '(' and a length")
  return n
}

/** (p) or (p, s), or nothing. */
function precisionScale(ts: TokenStream): [number | null, number | null] {
  if (!ts.acceptPunct('(')) return [null, null]
  const precision = ts.integer('a precision')
  let scale: number | null = null
  if (ts.acceptPunct(',')) scale = ts.integer('a scale')
  ts.expectPunct(')')
  return [precision, scale]
}

/** ENUM / SET labels: ('a', 'b,c', 'it''s'). */
function labels(ts: TokenStream): string[] {
  ts.expectPunct('(')
  const values: string[] = []
  do values.push(ts.string('a quoted label'))
  while (ts.acceptPunct(','))
  ts.expectPunct(')')
  return values
}
