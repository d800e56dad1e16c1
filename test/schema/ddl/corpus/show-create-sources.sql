-- Tables created on the real servers by capture.ts (database t_ddl_show), whose SHOW CREATE
-- TABLE output is stored in show-create.json. `servers` says where each one runs; `session`
-- statements run first on the same connection; `options` are the parser options for both the
-- source and the output (`shown-options` override them for the output); `expect` is a partial
-- AST the parse of the source must match, `shown-expect[-mysql|-mariadb]` one for the output.

-- name: integers
-- servers: mysql mariadb
-- expect: {"kind":"create_table","table":{"name":"integers"},"columns":[
-- expect: {"name":"a","type":{"name":"tinyint","unsigned":false},"nullable":true},
-- expect: {"name":"b","type":{"name":"tinyint","unsigned":true,"zerofill":false}},
-- expect: {"name":"c","type":{"name":"smallint","unsigned":true,"zerofill":true},"nullable":false,"nullableFrom":"explicit"},
-- expect: {"name":"d","type":{"name":"mediumint","unsigned":false}},
-- expect: {"name":"e","type":{"name":"int","unsigned":false}},
-- expect: {"name":"f","type":{"name":"int","unsigned":true}},
-- expect: {"name":"g","type":{"name":"bigint","unsigned":true}},
-- expect: {"name":"h","type":{"name":"tinyint"}},
-- expect: {"name":"i","type":{"name":"smallint"}},
-- expect: {"name":"j","type":{"name":"mediumint"}},
-- expect: {"name":"k","type":{"name":"int"}},
-- expect: {"name":"l","type":{"name":"bigint"}},
-- expect: {"name":"m","type":{"name":"mediumint"}},
-- expect: {"name":"n","type":{"name":"bigint","unsigned":false}}
-- expect: ]}
CREATE TABLE integers (
  a TINYINT,
  b TINYINT(3) UNSIGNED,
  c SMALLINT(5) ZEROFILL NOT NULL,
  d MEDIUMINT SIGNED,
  e INTEGER,
  f INT(10) UNSIGNED DEFAULT 42,
  g BIGINT(20) UNSIGNED DEFAULT '18446744073709551615',
  h INT1, i INT2, j INT3, k INT4, l INT8, m MIDDLEINT,
  n BIGINT DEFAULT -9223372036854775808
);

-- name: booleans_and_serial
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"id","type":{"name":"bigint","unsigned":true},"nullable":false,"autoIncrement":true},
-- expect: {"name":"flag","type":{"name":"tinyint","length":1},"default":{"kind":"boolean","value":true}},
-- expect: {"name":"other","type":{"name":"tinyint","length":1},"nullable":false}
-- expect: ],"uniqueKeys":[{"kind":"unique","parts":[{"column":"id"}]}],"primaryKey":null}
CREATE TABLE booleans_and_serial (id SERIAL, flag BOOL DEFAULT TRUE, other BOOLEAN NOT NULL DEFAULT FALSE);

-- name: serial_default_value
-- servers: mysql mariadb
-- expect: {"columns":[{"name":"a","type":{"name":"int"},"nullable":false,"autoIncrement":true,"unique":true}],"uniqueKeys":[{"parts":[{"column":"a"}]}]}
CREATE TABLE serial_default_value (a INT SERIAL DEFAULT VALUE);

-- name: decimals
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"a","type":{"name":"decimal","precision":10,"scale":0}},
-- expect: {"name":"b","type":{"name":"decimal","precision":5,"scale":0}},
-- expect: {"name":"c","type":{"name":"decimal","precision":12,"scale":4,"unsigned":true}},
-- expect: {"name":"d","type":{"name":"decimal","precision":65,"scale":30}},
-- expect: {"name":"e","type":{"name":"decimal","precision":10,"scale":2}},
-- expect: {"name":"f","type":{"name":"decimal","precision":8,"scale":3,"unsigned":true,"zerofill":true}},
-- expect: {"name":"g","type":{"name":"decimal","precision":3,"scale":1},"default":{"kind":"number"}}
-- expect: ]}
CREATE TABLE decimals (
  a DECIMAL, b NUMERIC(5), c DEC(12,4) UNSIGNED, d DECIMAL(65,30), e FIXED(10,2),
  f DECIMAL(8,3) ZEROFILL, g DECIMAL(3,1) DEFAULT -1.5
);

-- name: floats
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"a","type":{"name":"float","precision":null}},
-- expect: {"name":"b","type":{"name":"float","precision":null}},
-- expect: {"name":"c","type":{"name":"float","precision":null}},
-- expect: {"name":"d","type":{"name":"double","precision":null}},
-- expect: {"name":"e","type":{"name":"double","precision":null}},
-- expect: {"name":"f","type":{"name":"float","precision":7,"scale":3}},
-- expect: {"name":"g","type":{"name":"double"}},
-- expect: {"name":"h","type":{"name":"double"}},
-- expect: {"name":"i","type":{"name":"double","precision":12,"scale":5}},
-- expect: {"name":"j","type":{"name":"double"}},
-- expect: {"name":"k","type":{"name":"float"}},
-- expect: {"name":"l","type":{"name":"double"}},
-- expect: {"name":"m","type":{"name":"float","unsigned":true}}
-- expect: ]}
CREATE TABLE floats (
  a FLOAT, b FLOAT(10), c FLOAT(24), d FLOAT(25), e FLOAT(53), f FLOAT(7,3),
  g DOUBLE, h DOUBLE PRECISION, i DOUBLE(12,5), j REAL, k FLOAT4, l FLOAT8, m FLOAT UNSIGNED DEFAULT 1e3
);

-- name: real_as_float
-- servers: mysql mariadb
-- session: SET SESSION sql_mode = CONCAT(@@sql_mode, ',REAL_AS_FLOAT')
-- options: {"realAsFloat": true}
-- expect: {"columns":[{"name":"r","type":{"name":"float"}},{"name":"d","type":{"name":"double"}}]}
CREATE TABLE real_as_float (r REAL, d DOUBLE);

-- name: bits
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"a","type":{"name":"bit","length":1}},
-- expect: {"name":"b","type":{"name":"bit","length":8},"default":{"kind":"bit","value":"101"}},
-- expect: {"name":"c","type":{"name":"bit","length":64},"nullable":false}
-- expect: ]}
CREATE TABLE bits (a BIT, b BIT(8) DEFAULT b'101', c BIT(64) NOT NULL);

-- name: temporal
-- servers: mysql mariadb
-- not-on: mariadb11 (MariaDB 11.8 refuses ON UPDATE LOCALTIMESTAMP(3) as a syntax error; 10.11 takes it)
-- expect: {"columns":[
-- expect: {"name":"d","type":{"name":"date","fsp":null},"default":{"kind":"string","value":"2020-01-31"}},
-- expect: {"name":"t","type":{"name":"time","fsp":0}},
-- expect: {"name":"t3","type":{"name":"time","fsp":3}},
-- expect: {"name":"dt","type":{"name":"datetime","fsp":0},"default":{"kind":"current_timestamp","fsp":0},"onUpdateCurrentTimestamp":{"fsp":0}},
-- expect: {"name":"dt6","type":{"name":"datetime","fsp":6},"default":{"kind":"current_timestamp","fsp":6}},
-- expect: {"name":"ts","type":{"name":"timestamp","fsp":0},"nullable":true,"default":{"kind":"current_timestamp","fsp":0}},
-- expect: {"name":"ts3","type":{"name":"timestamp","fsp":3},"nullable":false,"default":{"kind":"current_timestamp","fsp":3},"onUpdateCurrentTimestamp":{"fsp":3}},
-- expect: {"name":"ts0","type":{"name":"timestamp"},"nullable":true},
-- expect: {"name":"y","type":{"name":"year"}},
-- expect: {"name":"y4","type":{"name":"year"},"default":{"value":"2024"}},
-- expect: {"name":"lt","type":{"name":"datetime"},"default":{"kind":"current_timestamp","fsp":0}}
-- expect: ]}
CREATE TABLE temporal (
  d DATE DEFAULT '2020-01-31',
  t TIME,
  t3 TIME(3) DEFAULT '12:34:56.789',
  dt DATETIME DEFAULT NOW() ON UPDATE CURRENT_TIMESTAMP,
  dt6 DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6),
  ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  ts3 TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE LOCALTIMESTAMP(3),
  ts0 TIMESTAMP,
  y YEAR,
  y4 YEAR(4) DEFAULT 2024,
  lt DATETIME DEFAULT LOCALTIME
);

-- name: temporal_literals
-- servers: mariadb
-- expect: {"columns":[
-- expect: {"name":"d","default":{"kind":"string","value":"2021-02-03"}},
-- expect: {"name":"t","default":{"kind":"string","value":"01:02:03"}},
-- expect: {"name":"ts","default":{"kind":"string","value":"2021-02-03 04:05:06"}}
-- expect: ]}
CREATE TABLE temporal_literals (
  d DATE DEFAULT DATE '2021-02-03',
  t TIME DEFAULT TIME '01:02:03',
  ts DATETIME DEFAULT TIMESTAMP '2021-02-03 04:05:06'
);

-- name: timestamps_legacy
-- servers: mysql mariadb
-- session: SET SESSION sql_mode = ''
-- session: SET SESSION explicit_defaults_for_timestamp = 0
-- options: {"explicitDefaultsForTimestamp": false}
-- expect: {"columns":[
-- expect: {"name":"first_ts","nullable":false,"default":{"kind":"current_timestamp","fsp":0},"onUpdateCurrentTimestamp":{"fsp":0}},
-- expect: {"name":"second_ts","nullable":false,"default":{"kind":"string","value":"0000-00-00 00:00:00"},"onUpdateCurrentTimestamp":null},
-- expect: {"name":"nullable_ts","nullable":true,"nullableFrom":"explicit"},
-- expect: {"name":"fsp_ts","nullable":false,"default":{"kind":"string","value":"0000-00-00 00:00:00.000"}}
-- expect: ]}
CREATE TABLE timestamps_legacy (first_ts TIMESTAMP, second_ts TIMESTAMP, nullable_ts TIMESTAMP NULL, fsp_ts TIMESTAMP(3));

-- name: timestamps_legacy_on_update
-- servers: mysql mariadb
-- session: SET SESSION sql_mode = ''
-- session: SET SESSION explicit_defaults_for_timestamp = 0
-- options: {"explicitDefaultsForTimestamp": false}
-- expect: {"columns":[
-- expect: {"name":"a","nullable":false,"default":{"kind":"string","value":"0000-00-00 00:00:00"},"onUpdateCurrentTimestamp":{"fsp":0}},
-- expect: {"name":"b","nullable":false,"default":{"kind":"string","value":"0000-00-00 00:00:00"}}
-- expect: ]}
CREATE TABLE timestamps_legacy_on_update (a TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, b TIMESTAMP);

-- name: characters
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"a","type":{"name":"char","length":1,"charset":null}},
-- expect: {"name":"b","type":{"name":"char","length":0}},
-- expect: {"name":"c","type":{"name":"char","length":255}},
-- expect: {"name":"d","type":{"name":"varchar","length":100}},
-- expect: {"name":"e","type":{"name":"varchar","length":20}},
-- expect: {"name":"f","type":{"name":"varchar","length":21}},
-- expect: {"name":"g","type":{"name":"char","length":10,"charset":"latin1","collation":"latin1_german1_ci"}},
-- expect: {"name":"h","type":{"name":"varchar","length":30,"charset":"utf8mb4","collation":"utf8mb4_bin"}},
-- expect: {"name":"i","type":{"name":"varchar","length":5,"charset":"ascii"}},
-- expect: {"name":"j","type":{"name":"varchar","length":7}}
-- expect: ]}
CREATE TABLE characters (
  a CHAR, b CHAR(0), c CHARACTER(255), d VARCHAR(100), e CHARACTER VARYING(20), f CHAR VARYING(21),
  g CHAR(10) CHARACTER SET latin1 COLLATE latin1_german1_ci,
  h VARCHAR(30) CHARSET utf8mb4 COLLATE utf8mb4_bin,
  i VARCHAR(5) CHARACTER SET 'ascii',
  j VARCHARACTER(7)
);

-- name: national
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"a","type":{"name":"char","length":3,"charset":"utf8mb3"}},
-- expect: {"name":"b","type":{"name":"char","length":4,"charset":"utf8mb3"}},
-- expect: {"name":"c","type":{"name":"varchar","length":5,"charset":"utf8mb3"}},
-- expect: {"name":"d","type":{"name":"varchar","length":6,"charset":"utf8mb3"}},
-- expect: {"name":"e","type":{"name":"varchar","length":7,"charset":"utf8mb3"}},
-- expect: {"name":"f","type":{"name":"varchar","length":8,"charset":"utf8mb3"}},
-- expect: {"name":"g","type":{"name":"varchar","length":9,"charset":"utf8mb3"}},
-- expect: {"name":"h","type":{"name":"char","length":1,"charset":"utf8mb3"}}
-- expect: ]}
CREATE TABLE national (
  a NCHAR(3), b NATIONAL CHAR(4), c NATIONAL VARCHAR(5), d NVARCHAR(6), e NCHAR VARCHAR(7),
  f NCHAR VARYING(8), g NATIONAL CHARACTER VARYING(9), h NATIONAL CHARACTER
);

-- name: charset_modifiers
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"a","type":{"name":"varchar","length":5}},
-- expect: {"name":"b","type":{"name":"varchar","charset":"latin1"}},
-- expect: {"name":"c","type":{"name":"char","charset":"ucs2"}},
-- expect: {"name":"d","type":{"name":"binary","length":4,"charset":null}},
-- expect: {"name":"e","type":{"name":"varbinary","length":10,"charset":null}},
-- expect: {"name":"f","type":{"name":"blob","charset":null}},
-- expect: {"name":"g","type":{"name":"varchar","charset":"latin1"}},
-- expect: {"name":"h","type":{"name":"binary","length":1}},
-- expect: {"name":"i","type":{"name":"enum","values":["x","y"]}}
-- expect: ]}
CREATE TABLE charset_modifiers (
  a VARCHAR(5) BINARY,
  b VARCHAR(5) ASCII,
  c CHAR(2) UNICODE,
  d CHAR(4) CHARACTER SET binary,
  e VARCHAR(10) CHARSET binary,
  f TEXT CHARACTER SET binary,
  g VARCHAR(3) CHARACTER SET latin1 BINARY,
  h CHAR BYTE,
  i ENUM('x','y') CHARACTER SET binary
);

-- name: binaries
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"a","type":{"name":"binary","length":1}},
-- expect: {"name":"b","type":{"name":"binary","length":16},"nullable":false},
-- expect: {"name":"c","type":{"name":"varbinary","length":255},"default":{"kind":"hex","value":"0041"}},
-- expect: {"name":"d","type":{"name":"varbinary","length":3},"default":{"kind":"string","value":"abc"}}
-- expect: ]}
CREATE TABLE binaries (a BINARY, b BINARY(16) NOT NULL, c VARBINARY(255) DEFAULT X'0041', d VARBINARY(3) DEFAULT 'abc');

-- name: texts_and_blobs
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"a","type":{"name":"tinytext"}},
-- expect: {"name":"b","type":{"name":"text"}},
-- expect: {"name":"c","type":{"name":"mediumtext"}},
-- expect: {"name":"d","type":{"name":"longtext"}},
-- expect: {"name":"e","type":{"name":"tinyblob"}},
-- expect: {"name":"f","type":{"name":"blob"}},
-- expect: {"name":"g","type":{"name":"mediumblob"}},
-- expect: {"name":"h","type":{"name":"longblob"}},
-- expect: {"name":"i","type":{"name":"mediumtext"}},
-- expect: {"name":"j","type":{"name":"mediumtext"}},
-- expect: {"name":"k","type":{"name":"mediumblob"}},
-- expect: {"name":"l","type":{"name":"longtext","charset":"latin1"}},
-- expect: {"name":"m","type":{"name":"text","collation":"utf8mb4_unicode_ci"}}
-- expect: ]}
CREATE TABLE texts_and_blobs (
  a TINYTEXT, b TEXT, c MEDIUMTEXT, d LONGTEXT, e TINYBLOB, f BLOB, g MEDIUMBLOB, h LONGBLOB,
  i LONG, j LONG VARCHAR, k LONG VARBINARY, l LONGTEXT CHARACTER SET latin1,
  m TEXT COLLATE utf8mb4_unicode_ci
);

-- name: sized_text_and_blob
-- servers: mysql mariadb
-- expect: {"columns":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"d"}]}
CREATE TABLE sized_text_and_blob (a TEXT(100), b BLOB(200), c TEXT(70000) CHARACTER SET latin1, d BLOB(70000));

-- name: enums_and_sets
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"e1","type":{"name":"enum","values":["a,b","it's","x\\y","(p)","q\"r",""]},"default":{"kind":"string","value":"a,b"}},
-- expect: {"name":"e2","type":{"name":"enum","values":["one","two"]},"nullable":false,"default":{"kind":"string","value":"two"}},
-- expect: {"name":"s1","type":{"name":"set","values":["x","y","z"]},"default":{"kind":"string","value":"x,z"}},
-- expect: {"name":"e3","type":{"name":"enum","values":["ä","日本","🙂"]}},
-- expect: {"name":"e4","type":{"name":"enum","values":["with space","tab\there"]}}
-- expect: ]}
CREATE TABLE enums_and_sets (
  e1 ENUM('a,b', 'it''s', 'x\\y', '(p)', 'q"r', '') DEFAULT 'a,b',
  e2 ENUM('one','two') NOT NULL DEFAULT 'two',
  s1 SET('x','y','z') DEFAULT 'x,z',
  e3 ENUM('ä','日本','🙂'),
  e4 ENUM('with space', 'tab\there')
);

-- name: enum_escaped_quote
-- servers: mysql mariadb
-- expect: {"columns":[{"name":"e","type":{"name":"enum","values":["it's","a\\b","new\nline"]}}]}
CREATE TABLE enum_escaped_quote (e ENUM('it\'s', 'a\\b', 'new\nline'));

-- name: json_column
-- servers: mysql mariadb
-- expect: {"columns":[{"name":"j","nullable":true},{"name":"k","nullable":false}]}
CREATE TABLE json_column (j JSON, k JSON NOT NULL);

-- name: spatial_mysql
-- servers: mysql
-- expect: {"columns":[
-- expect: {"name":"g","type":{"name":"geometry"},"srid":null},
-- expect: {"name":"p","type":{"name":"point"},"srid":4326,"nullable":false},
-- expect: {"name":"l","type":{"name":"linestring"}},
-- expect: {"name":"pg","type":{"name":"polygon"},"srid":0},
-- expect: {"name":"mp","type":{"name":"multipoint"}},
-- expect: {"name":"ml","type":{"name":"multilinestring"}},
-- expect: {"name":"mpg","type":{"name":"multipolygon"}},
-- expect: {"name":"gc","type":{"name":"geometrycollection"}},
-- expect: {"name":"gc2","type":{"name":"geometrycollection"}}
-- expect: ],"indexes":[{"kind":"spatial","parts":[{"column":"p"}]}]}
CREATE TABLE spatial_mysql (
  g GEOMETRY, p POINT NOT NULL SRID 4326, l LINESTRING, pg POLYGON SRID 0, mp MULTIPOINT,
  ml MULTILINESTRING, mpg MULTIPOLYGON, gc GEOMETRYCOLLECTION, gc2 GEOMCOLLECTION,
  SPATIAL INDEX sp (p)
);

-- name: spatial_mariadb
-- servers: mariadb
-- expect: {"columns":[
-- expect: {"name":"g","type":{"name":"geometry"}},
-- expect: {"name":"p","type":{"name":"point"},"nullable":false},
-- expect: {"name":"gc","type":{"name":"geometrycollection"}}
-- expect: ],"indexes":[{"kind":"spatial","parts":[{"column":"p"}]}]}
CREATE TABLE spatial_mariadb (g GEOMETRY, p POINT REF_SYSTEM_ID=4326 NOT NULL, gc GEOMETRYCOLLECTION, SPATIAL KEY (p));

-- name: vectors
-- servers: mysql
-- expect: {"columns":[{"name":"v","type":{"name":"vector","length":3}},{"name":"w","type":{"name":"vector","length":2048}}]}
CREATE TABLE vectors (v VECTOR(3), w VECTOR);

-- name: mariadb_types
-- servers: mariadb
-- expect: {"columns":[
-- expect: {"name":"u","type":{"name":"uuid"},"nullable":false,"primaryKey":true},
-- expect: {"name":"i4","type":{"name":"inet4"}},
-- expect: {"name":"i6","type":{"name":"inet6"},"default":{"kind":"string","value":"::1"}},
-- expect: {"name":"u2","type":{"name":"uuid"},"default":{"kind":"expression"}}
-- expect: ],"primaryKey":[{"column":"u"}]}
CREATE TABLE mariadb_types (u UUID PRIMARY KEY, i4 INET4, i6 INET6 DEFAULT '::1', u2 UUID DEFAULT UUID());

-- name: defaults_mysql
-- servers: mysql
-- expect: {"columns":[
-- expect: {"name":"a","default":{"kind":"number","value":"-5"}},
-- expect: {"name":"b","default":{"kind":"string","value":"a,b)c'd"}},
-- expect: {"name":"c","default":{"kind":"expression"}},
-- expect: {"name":"d","default":{"kind":"expression"}},
-- expect: {"name":"e","default":{"kind":"expression"}},
-- expect: {"name":"f","default":{"kind":"expression"}},
-- expect: {"name":"g","default":{"kind":"null"}},
-- expect: {"name":"h","default":{"kind":"string","value":"x\\y"}},
-- expect: {"name":"i","default":{"kind":"expression"}},
-- expect: {"name":"j","default":{"kind":"string","value":""}}
-- expect: ]}
CREATE TABLE defaults_mysql (
  a INT DEFAULT -5,
  b VARCHAR(20) DEFAULT 'a,b)c''d',
  c DOUBLE DEFAULT (RAND() * RAND()),
  d BINARY(16) DEFAULT (UUID_TO_BIN(UUID())),
  e DATE DEFAULT (CURRENT_DATE + INTERVAL 1 YEAR),
  f JSON DEFAULT (JSON_ARRAY('a,(b', 1)),
  g INT DEFAULT NULL,
  h VARCHAR(5) DEFAULT 'x\\y',
  i VARCHAR(10) DEFAULT (CONCAT('(', ')')),
  j VARCHAR(1) NOT NULL DEFAULT ''
);

-- name: defaults_mariadb
-- servers: mariadb
-- expect: {"columns":[
-- expect: {"name":"a","default":{"kind":"number","value":"-5"}},
-- expect: {"name":"b","default":{"kind":"string","value":"a,b)c'd"}},
-- expect: {"name":"c","default":{"kind":"expression"}},
-- expect: {"name":"d","default":{"kind":"expression"}},
-- expect: {"name":"e","default":{"kind":"expression"}},
-- expect: {"name":"f","default":{"kind":"expression"}},
-- expect: {"name":"g","default":{"kind":"expression"}},
-- expect: {"name":"h","default":{"kind":"current_timestamp","fsp":0}},
-- expect: {"name":"i","default":{"kind":"expression"}},
-- expect: {"name":"j"}
-- expect: ]}
CREATE TABLE defaults_mariadb (
  a INT DEFAULT -5,
  b VARCHAR(20) DEFAULT 'a,b)c''d',
  c DOUBLE DEFAULT (RAND() * RAND()),
  d VARCHAR(36) DEFAULT UUID(),
  e DATE DEFAULT (CURRENT_DATE + INTERVAL 1 YEAR),
  f INT DEFAULT (a + 1),
  g VARCHAR(40) DEFAULT CONCAT('a', ',', '(b'),
  h DATETIME DEFAULT CURRENT_TIMESTAMP(),
  i DATE DEFAULT CURDATE(),
  j INT DEFAULT (1)
);

-- name: comments
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"a","comment":"a, (b) 'c' \"d\""},
-- expect: {"name":"b","comment":"back\\slash; semi"},
-- expect: {"name":"c","comment":"multi\nline"},
-- expect: {"name":"d","comment":"ünïcödé ✓"}
-- expect: ],"options":{"comment":"table, comment (with) 'quotes'"}}
CREATE TABLE comments (
  a INT COMMENT 'a, (b) ''c'' "d"',
  b INT COMMENT 'back\\slash; semi',
  c INT COMMENT 'multi\nline',
  d INT COMMENT 'ünïcödé ✓'
) COMMENT = 'table, comment (with) ''quotes''';

-- name: generated_mysql
-- servers: mysql
-- expect: {"columns":[
-- expect: {"name":"a","generated":null},
-- expect: {"name":"b","generated":{"stored":false},"nullable":true},
-- expect: {"name":"c","generated":{"stored":true},"nullable":false},
-- expect: {"name":"j","generated":null},
-- expect: {"name":"k","generated":{"stored":false}},
-- expect: {"name":"l","generated":{"stored":true}}
-- expect: ]}
CREATE TABLE generated_mysql (
  a INT,
  b INT AS (a * 2),
  c INT GENERATED ALWAYS AS (a + 1) STORED NOT NULL,
  j JSON,
  k VARCHAR(20) GENERATED ALWAYS AS (j->>'$.name') VIRTUAL,
  l INT AS (JSON_EXTRACT(j, '$.n')) STORED COMMENT 'from, json'
);

-- name: generated_mariadb
-- servers: mariadb
-- expect: {"columns":[
-- expect: {"name":"a","generated":null},
-- expect: {"name":"b","generated":{"stored":false}},
-- expect: {"name":"c","generated":{"stored":true}},
-- expect: {"name":"d","generated":{"stored":true}},
-- expect: {"name":"e","generated":{"stored":false}}
-- expect: ]}
CREATE TABLE generated_mariadb (
  a INT,
  b INT AS (a * 2),
  c INT GENERATED ALWAYS AS (a + 1) STORED,
  d INT AS (a + 2) PERSISTENT,
  e VARCHAR(10) AS (CONCAT(a, ',')) VIRTUAL
);

-- name: invisible_columns
-- servers: mysql
-- expect: {"columns":[{"name":"a","invisible":false},{"name":"b","invisible":true},{"name":"c","invisible":false}]}
CREATE TABLE invisible_columns (a INT, b INT INVISIBLE DEFAULT 1, c INT VISIBLE);

-- name: invisible_columns_mariadb
-- servers: mariadb
-- expect: {"columns":[{"name":"a","invisible":false},{"name":"b","invisible":true,"default":{"kind":"number","value":"1"}}]}
CREATE TABLE invisible_columns_mariadb (a INT, b INT INVISIBLE DEFAULT 1);

-- name: column_format_storage
-- servers: mysql
-- expect: {"columns":[{"name":"a","extra":{"COLUMN_FORMAT":"FIXED"}},{"name":"b","extra":{"STORAGE":"DISK"}},{"name":"c","extra":{"COLUMN_FORMAT":"DYNAMIC","STORAGE":"MEMORY"}}]}
CREATE TABLE column_format_storage (a INT COLUMN_FORMAT FIXED, b INT STORAGE DISK, c VARCHAR(3) COLUMN_FORMAT DYNAMIC STORAGE MEMORY);

-- name: compressed_mariadb
-- servers: mariadb
-- expect: {"columns":[{"name":"a","type":{"name":"varchar"},"extra":{"COMPRESSED":""}},{"name":"b","type":{"name":"blob"},"extra":{"COMPRESSED":""}}]}
CREATE TABLE compressed_mariadb (a VARCHAR(100) COMPRESSED, b BLOB COMPRESSED);

-- name: primary_keys
-- servers: mysql mariadb
-- expect: {"columns":[
-- expect: {"name":"a","nullable":false,"nullableFrom":"primary_key"},
-- expect: {"name":"b","nullable":false,"nullableFrom":"primary_key"},
-- expect: {"name":"c","nullable":true}
-- expect: ],"primaryKey":[{"column":"a"},{"column":"b","length":10}],
-- expect: "indexes":[{"kind":"primary","name":"PRIMARY","parts":[{"column":"a"},{"column":"b","length":10}]}]}
CREATE TABLE primary_keys (a INT, b VARCHAR(100), c INT, PRIMARY KEY (a, b(10)));

-- name: column_primary_key
-- servers: mysql mariadb
-- expect: {"columns":[{"name":"id","nullable":false,"autoIncrement":true},{"name":"v"}],"primaryKey":[{"column":"id"}]}
CREATE TABLE column_primary_key (id INT AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT = 1000;

-- name: key_attribute_primary
-- servers: mysql mariadb
-- expect: {"columns":[{"name":"id","nullable":false}],"primaryKey":[{"column":"id"}]}
CREATE TABLE key_attribute_primary (id INT KEY);

-- name: auto_increment_key
-- servers: mysql mariadb
-- expect: {"columns":[{"name":"a","nullable":false,"nullableFrom":"auto_increment"}],"primaryKey":null,"indexes":[{"kind":"index"}]}
CREATE TABLE auto_increment_key (a INT NULL AUTO_INCREMENT, KEY (a));

-- name: unique_keys
-- servers: mysql mariadb
-- expect: {"columns":[{"name":"a","unique":true},{"name":"b","nullable":false},{"name":"c"},{"name":"d"}],
-- expect: "primaryKey":null,
-- expect: "uniqueKeys":[{"name":null,"parts":[{"column":"a"}]},{"name":"ub","parts":[{"column":"b"}]},{"name":"ucd","constraint":"ucd","parts":[{"column":"c"},{"column":"d","descending":true}]}]}
CREATE TABLE unique_keys (a INT UNIQUE, b INT NOT NULL, c INT, d INT, UNIQUE KEY ub (b), CONSTRAINT ucd UNIQUE (c, d DESC));

-- name: indexes_mysql
-- servers: mysql
-- expect: {"indexes":[
-- expect: {"kind":"index","name":"k1","parts":[{"column":"a"}],"using":"BTREE","comment":"first, (one)"},
-- expect: {"kind":"index","name":"k2","parts":[{"column":"b","length":5,"descending":true}]},
-- expect: {"kind":"index","name":"k3","invisible":true},
-- expect: {"kind":"index","name":"k4","parts":[{"column":null,"expression":"lower(`b`)"}]},
-- expect: {"kind":"fulltext","name":"ft","parts":[{"column":"t"}]},
-- expect: {"kind":"fulltext","name":"ft2"}
-- expect: ]}
CREATE TABLE indexes_mysql (
  a INT, b VARCHAR(20), t TEXT,
  KEY k1 (a) USING BTREE COMMENT 'first, (one)',
  INDEX k2 (b(5) DESC),
  KEY k3 (a, b) INVISIBLE,
  KEY k4 ((lower(`b`))),
  FULLTEXT KEY ft (t),
  FULLTEXT INDEX ft2 (t) WITH PARSER ngram
) KEY_BLOCK_SIZE = 0;

-- name: indexes_mariadb
-- servers: mariadb
-- expect: {"indexes":[
-- expect: {"kind":"index","name":"k1","using":"BTREE","comment":"first, (one)"},
-- expect: {"kind":"index","name":"k2","parts":[{"column":"b","length":5,"descending":true}]},
-- expect: {"kind":"index","name":"k3","invisible":true},
-- expect: {"kind":"unique","name":"long_unique","parts":[{"column":"t"}]},
-- expect: {"kind":"fulltext","name":"ft"}
-- expect: ]}
CREATE TABLE indexes_mariadb (
  a INT, b VARCHAR(20), t TEXT,
  KEY k1 (a) USING BTREE COMMENT 'first, (one)',
  INDEX k2 (b(5) DESC),
  KEY k3 (a, b) IGNORED,
  UNIQUE KEY long_unique (t) USING HASH,
  FULLTEXT KEY ft (t)
);

-- name: foreign_keys_parent
-- servers: mysql mariadb
-- expect: {"primaryKey":[{"column":"id"}]}
CREATE TABLE foreign_keys_parent (id INT PRIMARY KEY, code CHAR(2), UNIQUE KEY (code));

-- name: foreign_keys
-- servers: mysql mariadb
-- expect: {"foreignKeys":[
-- expect: {"constraint":"fk_parent","columns":["parent_id"],"references":{"table":{"name":"foreign_keys_parent"},"columns":["id"],"onDelete":"CASCADE","onUpdate":"SET NULL"}},
-- expect: {"columns":["code"],"references":{"columns":["code"],"onDelete":"RESTRICT","onUpdate":null}},
-- expect: {"columns":["self_id"],"references":{"table":{"name":"foreign_keys"},"columns":["id"]}}
-- expect: ]}
CREATE TABLE foreign_keys (
  id INT PRIMARY KEY,
  parent_id INT,
  code CHAR(2),
  self_id INT,
  CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES foreign_keys_parent (id) ON DELETE CASCADE ON UPDATE SET NULL,
  FOREIGN KEY (code) REFERENCES foreign_keys_parent (code) ON DELETE RESTRICT,
  FOREIGN KEY fk_self (self_id) REFERENCES foreign_keys (id)
) ENGINE = InnoDB;

-- name: checks_mysql
-- servers: mysql
-- expect: {"checks":[
-- expect: {"constraint":"positive","enforced":true},
-- expect: {"enforced":false}
-- expect: ],"columns":[{"name":"a"},{"name":"b"}]}
CREATE TABLE checks_mysql (a INT, b INT, CONSTRAINT positive CHECK (a > 0), CHECK (b <> a) NOT ENFORCED);

-- name: checks_mariadb
-- servers: mariadb
-- expect: {"columns":[{"name":"a","checks":[{"expression":"a >= 0"}]},{"name":"b"}],"checks":[{"constraint":"ab"}]}
CREATE TABLE checks_mariadb (a INT CHECK (a >= 0), b INT, CONSTRAINT ab CHECK (a <> b));

-- name: table_options_innodb
-- servers: mysql mariadb
-- expect: {"options":{"engine":"InnoDB","charset":"latin1","collation":"latin1_bin","comment":"opts","autoIncrement":"123456789012","rowFormat":"COMPRESSED"}}
CREATE TABLE table_options_innodb (id BIGINT AUTO_INCREMENT PRIMARY KEY)
  ENGINE = InnoDB DEFAULT CHARACTER SET = latin1 COLLATE latin1_bin COMMENT 'opts'
  AUTO_INCREMENT = 123456789012 ROW_FORMAT = COMPRESSED KEY_BLOCK_SIZE = 8 STATS_PERSISTENT = 1
  STATS_AUTO_RECALC = DEFAULT STATS_SAMPLE_PAGES = 32 CHECKSUM = 1;

-- name: table_options_commas
-- servers: mysql mariadb
-- expect: {"options":{"engine":"MyISAM","charset":"utf8mb4","other":{"PACK_KEYS":"1","DELAY_KEY_WRITE":"1","MAX_ROWS":"1000","MIN_ROWS":"10","AVG_ROW_LENGTH":"100"}}}
CREATE TABLE table_options_commas (a INT) ENGINE=MyISAM, CHARSET=utf8mb4, PACK_KEYS=1, DELAY_KEY_WRITE=1, MAX_ROWS=1000, MIN_ROWS=10, AVG_ROW_LENGTH=100;

-- name: memory_engine
-- servers: mysql mariadb
-- expect: {"options":{"engine":"MEMORY"},"indexes":[{"kind":"index","using":"HASH"}]}
CREATE TABLE memory_engine (a INT, KEY USING HASH (a)) ENGINE MEMORY;

-- name: aria_options
-- servers: mariadb
-- expect: {"options":{"engine":"Aria","other":{"TRANSACTIONAL":"1","PAGE_CHECKSUM":"1"}}}
CREATE TABLE aria_options (a INT) ENGINE=Aria TRANSACTIONAL=1 PAGE_CHECKSUM=1;

-- name: page_compressed
-- servers: mariadb
-- expect: {"options":{"other":{"PAGE_COMPRESSED":"1","PAGE_COMPRESSION_LEVEL":"6"}}}
-- shown-expect: {"options":{"other":{"PAGE_COMPRESSED":"1","PAGE_COMPRESSION_LEVEL":"6"}}}
CREATE TABLE page_compressed (a INT) ENGINE=InnoDB PAGE_COMPRESSED=1 PAGE_COMPRESSION_LEVEL=6;

-- name: mysql_table_attributes
-- servers: mysql
-- expect: {"options":{"other":{"AUTOEXTEND_SIZE":"4M","ENCRYPTION":"N","STATS_PERSISTENT":"0"}}}
CREATE TABLE mysql_table_attributes (a INT) AUTOEXTEND_SIZE = 4M ENCRYPTION = 'N' STATS_PERSISTENT = 0;

-- name: merge_union_part1
-- servers: mysql mariadb
-- expect: {"options":{"engine":"MyISAM"}}
CREATE TABLE merge_union_part1 (a INT) ENGINE=MyISAM;

-- name: merge_union
-- servers: mysql mariadb
-- expect: {"options":{"engine":"MERGE","other":{"UNION":"`merge_union_part1`","INSERT_METHOD":"LAST"}}}
-- shown-expect: {"options":{"engine":"MRG_MyISAM","other":{"UNION":"`merge_union_part1`","INSERT_METHOD":"LAST"}}}
CREATE TABLE merge_union (a INT) ENGINE=MERGE UNION=(`merge_union_part1`) INSERT_METHOD=LAST;

-- name: partition_range
-- servers: mysql mariadb
-- expect: {"partitioning":{"method":"RANGE","columns":false,"count":3,"names":["p0","p1","pmax"]}}
CREATE TABLE partition_range (id INT NOT NULL, created DATE NOT NULL, PRIMARY KEY (id, created))
  PARTITION BY RANGE (YEAR(created)) (
    PARTITION p0 VALUES LESS THAN (2020) COMMENT = 'old, (very)',
    PARTITION p1 VALUES LESS THAN (2030),
    PARTITION pmax VALUES LESS THAN MAXVALUE
  );

-- name: partition_list_columns
-- servers: mysql mariadb
-- expect: {"partitioning":{"method":"LIST","columns":true,"names":["pa","pb"]}}
CREATE TABLE partition_list_columns (region CHAR(2), n INT)
  PARTITION BY LIST COLUMNS (region) (PARTITION pa VALUES IN ('a', 'b'), PARTITION pb VALUES IN ('c'));

-- name: partition_hash
-- servers: mysql mariadb
-- expect: {"partitioning":{"method":"HASH","linear":true,"count":4}}
CREATE TABLE partition_hash (id INT) PARTITION BY LINEAR HASH (id) PARTITIONS 4;

-- name: partition_key_sub
-- servers: mysql mariadb
-- expect: {"partitioning":{"method":"RANGE","count":2,"names":["p0","p1"]}}
CREATE TABLE partition_key_sub (id INT, d DATE)
  PARTITION BY RANGE (YEAR(d)) SUBPARTITION BY HASH (TO_DAYS(d)) SUBPARTITIONS 2 (
    PARTITION p0 VALUES LESS THAN (2000),
    PARTITION p1 VALUES LESS THAN MAXVALUE
  );

-- name: partition_key
-- servers: mysql mariadb
-- expect: {"partitioning":{"method":"KEY","count":3}}
CREATE TABLE partition_key (id INT PRIMARY KEY) PARTITION BY KEY () PARTITIONS 3;

-- name: system_versioning
-- servers: mariadb
-- expect: {"options":{"withSystemVersioning":true},"columns":[{"name":"a"},{"name":"b"}]}
CREATE TABLE system_versioning (a INT PRIMARY KEY, b INT WITHOUT SYSTEM VERSIONING) WITH SYSTEM VERSIONING;

-- name: system_versioning_explicit
-- servers: mariadb
-- expect: {"columns":[{"name":"a"},{"name":"s","rowPeriod":"start","nullable":false,"invisible":true},{"name":"e","rowPeriod":"end","nullable":false,"invisible":true}],
-- expect: "periods":[{"name":"SYSTEM_TIME","start":"s","end":"e"}],"options":{"withSystemVersioning":true}}
CREATE TABLE system_versioning_explicit (
  a INT,
  s TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,
  e TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE,
  PERIOD FOR SYSTEM_TIME (s, e)
) WITH SYSTEM VERSIONING;

-- name: partition_system_time
-- servers: mariadb
-- expect: {"partitioning":{"method":"SYSTEM_TIME"},"options":{"withSystemVersioning":true}}
CREATE TABLE partition_system_time (a INT) WITH SYSTEM VERSIONING
  PARTITION BY SYSTEM_TIME INTERVAL 1 MONTH (PARTITION p_hist HISTORY, PARTITION p_cur CURRENT);

-- name: application_period
-- servers: mariadb
-- expect: {"periods":[{"name":"valid","start":"vs","end":"ve"}]}
CREATE TABLE application_period (id INT, vs DATE NOT NULL, ve DATE NOT NULL, PERIOD FOR valid (vs, ve));

-- name: reserved_names
-- servers: mysql mariadb
-- expect: {"table":{"name":"select"},"columns":[{"name":"order"},{"name":"key"},{"name":"index"},{"name":"from"},{"name":"default"}],"primaryKey":[{"column":"order"}]}
CREATE TABLE `select` (`order` INT PRIMARY KEY, `key` VARCHAR(3), `index` INT, `from` DATE, `default` INT DEFAULT 1, KEY `key` (`key`));

-- name: odd_names
-- servers: mysql mariadb
-- expect: {"table":{"name":"odd names `x`"},"columns":[{"name":"1abc"},{"name":"with space"},{"name":"back`tick"},{"name":"ünï"},{"name":"日本語"},{"name":"$dollar"},{"name":"a\"b"}]}
CREATE TABLE `odd names ``x``` (1abc INT, `with space` INT, `back``tick` INT, ünï INT, 日本語 INT, $dollar INT, `a"b` INT);

-- name: qualified_name
-- servers: mysql mariadb
-- expect: {"table":{"name":"qualified_name"},"columns":[{"name":"a"}]}
CREATE TABLE t_ddl_show.qualified_name (a INT);

-- name: ansi_quotes
-- servers: mysql mariadb
-- session: SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')
-- options: {"ansiQuotes": true}
-- expect: {"table":{"name":"ansi_quotes"},"columns":[{"name":"a b","default":{"kind":"string","value":"x"}},{"name":"c","comment":"it's"}]}
CREATE TABLE "ansi_quotes" ("a b" VARCHAR(3) DEFAULT 'x', c INT COMMENT 'it''s');

-- name: no_backslash_escapes
-- servers: mysql mariadb
-- session: SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')
-- options: {"noBackslashEscapes": true}
-- shown-options: {"noBackslashEscapes": false}
-- expect: {"columns":[{"name":"a","default":{"kind":"string","value":"c:\\dir\\x"},"comment":"\\n stays"}]}
CREATE TABLE no_backslash_escapes (a VARCHAR(20) DEFAULT 'c:\dir\x' COMMENT '\n stays');

-- name: executable_comments
-- servers: mysql mariadb
-- expect: {"columns":[{"name":"a"},{"name":"b","comment":"in comment"}],"options":{"engine":"InnoDB"}}
CREATE TABLE /* plain comment */ executable_comments (
  a INT, # hash comment
  b INT /*!40101 COMMENT 'in comment' */ -- dash comment
) /*!50100 ENGINE=InnoDB */;

-- name: like_source
-- servers: mysql mariadb
-- expect: {"primaryKey":[{"column":"id"}]}
CREATE TABLE like_source (id INT PRIMARY KEY, v VARCHAR(10) DEFAULT 'v');

-- name: like_copy
-- servers: mysql mariadb
-- expect: {"kind":"create_table_like","like":{"name":"like_source"}}
-- shown-expect: {"kind":"create_table","primaryKey":[{"column":"id"}],"columns":[{"name":"id"},{"name":"v"}]}
CREATE TABLE like_copy LIKE like_source;

-- name: select_copy
-- servers: mysql mariadb
-- expect: {"kind":"create_table","untranslatable":"create_table_select","select":"SELECT id, v FROM like_source"}
-- shown-expect: {"kind":"create_table","untranslatable":null,"columns":[{"name":"id","nullable":false},{"name":"v"}]}
CREATE TABLE select_copy AS SELECT id, v FROM like_source;

-- name: select_with_columns
-- servers: mysql mariadb
-- expect: {"kind":"create_table","untranslatable":"create_table_select","columns":[{"name":"extra","type":{"name":"int"}}]}
-- shown-expect: {"kind":"create_table","columns":[{"name":"extra"},{"name":"id"},{"name":"v"}]}
CREATE TABLE select_with_columns (extra INT DEFAULT 7) IGNORE SELECT id, v FROM like_source;

-- name: everything_mysql
-- servers: mysql
-- expect: {"primaryKey":[{"column":"id"}],"uniqueKeys":[{"name":"uq_email"}]}
CREATE TABLE IF NOT EXISTS everything_mysql (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'row id',
  email VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci NOT NULL,
  status ENUM('new', 'active', 'gone') NOT NULL DEFAULT 'new',
  score DECIMAL(10,2) UNSIGNED DEFAULT '0.00',
  payload JSON,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at TIMESTAMP(3) NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(3),
  email_domain VARCHAR(255) AS (SUBSTRING_INDEX(email, '@', -1)) VIRTUAL,
  secret VARBINARY(32) INVISIBLE,
  PRIMARY KEY (id),
  UNIQUE KEY uq_email (email),
  KEY idx_status_created (status, created_at DESC),
  KEY idx_domain (email_domain),
  CONSTRAINT chk_score CHECK (score >= 0)
) ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci ROW_FORMAT=DYNAMIC COMMENT='all in one';

-- name: everything_mariadb
-- servers: mariadb
-- expect: {"primaryKey":[{"column":"id"}],"uniqueKeys":[{"name":"uq_email"}]}
CREATE OR REPLACE TABLE everything_mariadb (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'row id',
  email VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  status ENUM('new', 'active', 'gone') NOT NULL DEFAULT 'new',
  score DECIMAL(10,2) UNSIGNED DEFAULT 0.00,
  payload JSON,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at TIMESTAMP(3) NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(3),
  email_domain VARCHAR(255) AS (SUBSTRING_INDEX(email, '@', -1)) VIRTUAL,
  secret VARBINARY(32) INVISIBLE,
  ip INET6,
  PRIMARY KEY (id),
  UNIQUE KEY uq_email (email),
  KEY idx_status_created (status, created_at DESC),
  KEY idx_domain (email_domain),
  CONSTRAINT chk_score CHECK (score >= 0)
) ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC COMMENT='all in one';

-- name: gh_ost_changelog
-- servers: mysql mariadb
-- expect: {"columns":[{"name":"id","nullable":false,"autoIncrement":true},{"name":"last_update","nullable":false},{"name":"hint","type":{"charset":"ascii"}},{"name":"value"}],"primaryKey":[{"column":"id"}],"uniqueKeys":[{"name":"hint_uidx"}]}
create /* gh-ost */ table `t_ddl_show`.`gh_ost_changelog` (
			id bigint unsigned auto_increment,
			last_update timestamp not null DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
			hint varchar(64) charset ascii not null,
			value varchar(4096) charset ascii not null,
			primary key(id),
			unique key hint_uidx(hint)
		) auto_increment=256 comment='gh-ost changelog';
