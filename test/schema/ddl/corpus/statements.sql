-- Hand-written statements for the lexical and grammatical corners both servers accept, in the
-- forms tools emit them. Each carries `expect` (a partial AST its parse must match) or `error`
-- (the start of the DdlParseError's reason; `error-token` the offending token). `flavor` and
-- `options` set the parser options (default: MySQL).

-- name: backquotes doubled
-- expect: {"kind":"create_table","table":{"database":"my`db","name":"t`1"},"columns":[{"name":"c``2"}]}
CREATE TABLE `my``db`.`t``1` (`c````2` INT);

-- name: unquoted db.table and digits after the dot
-- expect: {"kind":"drop_table","tables":[{"database":"db1","name":"1t"},{"database":"db2","name":"order"}]}
DROP TABLE db1.1t, db2.`order`;

-- name: keyword after the dot is a name
-- expect: {"kind":"truncate_table","table":{"database":"shop","name":"select"}}
TRUNCATE shop.select;

-- name: identifiers starting with digits
-- expect: {"kind":"create_table","table":{"name":"2024_sales"},"columns":[{"name":"1st","type":{"name":"int"}},{"name":"9lives","default":{"kind":"number","value":"9"}}]}
CREATE TABLE 2024_sales (1st INT, 9lives INT DEFAULT 9);

-- name: a number with an exponent is a number, not a name
-- expect: {"kind":"create_table","columns":[{"name":"d","default":{"kind":"number","value":"1e5"}},{"name":"e","default":{"kind":"number","value":"-2.5E-3"}},{"name":"f","default":{"kind":"number","value":".5"}}]}
CREATE TABLE n (d DOUBLE DEFAULT 1e5, e DOUBLE DEFAULT -2.5E-3, f DOUBLE DEFAULT .5);

-- name: unicode names unquoted
-- expect: {"kind":"create_table","table":{"name":"gäste"},"columns":[{"name":"名前","type":{"name":"varchar","length":10}},{"name":"straße"}]}
CREATE TABLE gäste (名前 VARCHAR(10), straße INT);

-- name: ANSI_QUOTES double quotes are names
-- options: {"ansiQuotes": true}
-- expect: {"kind":"create_table","table":{"database":"d b","name":"t\"q"},"columns":[{"name":"a","default":{"kind":"string","value":"x"}}]}
CREATE TABLE "d b"."t""q" ("a" CHAR(1) DEFAULT 'x');

-- name: without ANSI_QUOTES double quotes are strings
-- expect: {"kind":"create_table","columns":[{"name":"a","default":{"kind":"string","value":"say \"hi\""},"comment":"it\"s"}]}
CREATE TABLE q (a VARCHAR(20) DEFAULT "say ""hi""" COMMENT "it\"s");

-- name: string escapes
-- expect: {"kind":"create_table","columns":[{"name":"a","comment":"q' b\\ n\n t\t z\u001a nul\u0000 bs\b cr\r pct\\% us\\_ x"}]}
CREATE TABLE e (a INT COMMENT 'q\' b\\ n\n t\t z\Z nul\0 bs\b cr\r pct\% us\_ \x');

-- name: NO_BACKSLASH_ESCAPES keeps backslashes
-- options: {"noBackslashEscapes": true}
-- expect: {"kind":"create_table","columns":[{"name":"a","comment":"c:\\temp\\new","default":{"kind":"string","value":"it''s\\x"}}]}
CREATE TABLE e (a VARCHAR(10) DEFAULT 'it''''s\x' COMMENT 'c:\temp\new');

-- name: adjacent strings concatenate
-- expect: {"kind":"create_table","columns":[{"name":"a","comment":"one two three","default":{"kind":"string","value":"ab"}}],"options":{"comment":"x y"}}
CREATE TABLE e (a CHAR(2) DEFAULT 'a' 'b' COMMENT 'one ' "two " 'three') COMMENT 'x' ' y';

-- name: character set introducers
-- expect: {"kind":"create_table","columns":[
-- expect: {"name":"a","default":{"kind":"string","value":"x","text":"_utf8mb4'x'"}},
-- expect: {"name":"b","default":{"kind":"string","value":"y","text":"_latin1 'y'"}},
-- expect: {"name":"c","default":{"kind":"string","value":"ü","text":"N'ü'"}},
-- expect: {"name":"d","default":{"kind":"hex","value":"4142","text":"_binary X'4142'"}},
-- expect: {"name":"e","comment":"cmt"}]}
CREATE TABLE i (a CHAR(1) DEFAULT _utf8mb4'x', b CHAR(1) DEFAULT _latin1 'y', c CHAR(1) DEFAULT N'ü', d BINARY(2) DEFAULT _binary X'4142', e INT COMMENT _utf8mb4'cmt');

-- name: hex and bit literals in every spelling
-- expect: {"kind":"create_table","columns":[
-- expect: {"name":"a","default":{"kind":"hex","value":"ff"}},
-- expect: {"name":"b","default":{"kind":"hex","value":"0A"}},
-- expect: {"name":"c","default":{"kind":"bit","value":"1010"}},
-- expect: {"name":"d","default":{"kind":"bit","value":"11"}},
-- expect: {"name":"e","default":{"kind":"hex","value":""}}]}
CREATE TABLE h (a INT DEFAULT x'ff', b INT DEFAULT 0x0A, c BIT(4) DEFAULT b'1010', d BIT(2) DEFAULT 0b11, e VARBINARY(1) DEFAULT X'');

-- name: comments of every kind
-- expect: {"kind":"create_table","table":{"name":"c"},"columns":[{"name":"a"},{"name":"b"},{"name":"d","comment":"-- not a comment /* nor this */ # nor this"}]}
/* leading */ CREATE -- line comment
TABLE # hash comment
c (a INT, /* inline, with ) and ( */ b INT,
-- a whole line
d INT COMMENT '-- not a comment /* nor this */ # nor this') /* trailing */;

-- name: double dash without a space is minus
-- expect: {"kind":"create_table","columns":[{"name":"a","default":{"kind":"expression","text":"(1 --1)"}}]}
CREATE TABLE m (a INT DEFAULT (1 --1));

-- name: executable comment content counts on MySQL
-- expect: {"kind":"create_table","columns":[{"name":"a","invisible":true},{"name":"p","srid":4326}],"options":{"engine":"InnoDB","other":{"STATS_PERSISTENT":"0"}}}
CREATE TABLE x (a INT /*!80023 INVISIBLE */, p POINT NOT NULL /*!80003 SRID 4326 */) /*!50100 ENGINE=InnoDB */ /*!80000 STATS_PERSISTENT=0 */;

-- name: MySQL 5.7+ executable comments are skipped by MariaDB
-- flavor: mariadb
-- expect: {"kind":"create_table","columns":[{"name":"a","invisible":false},{"name":"p","srid":null}],"options":{"engine":"InnoDB","other":{}}}
CREATE TABLE x (a INT /*!80023 INVISIBLE */, p POINT NOT NULL /*!80003 SRID 4326 */) /*!50100 ENGINE=InnoDB */ /*!80000 STATS_PERSISTENT=0 */;

-- name: MariaDB-only comments count on MariaDB
-- flavor: mariadb
-- expect: {"kind":"create_table","columns":[{"name":"a","extra":{"COMPRESSED":""}},{"name":"b","invisible":true}]}
CREATE TABLE x (a BLOB /*M!100301 COMPRESSED*/, b INT /*!100306 INVISIBLE */);

-- name: MariaDB-only comments are comments on MySQL
-- expect: {"kind":"create_table","columns":[{"name":"a","extra":{}},{"name":"b","invisible":false}]}
CREATE TABLE x (a BLOB /*M!100301 COMPRESSED*/, b INT /*!100306 INVISIBLE */);

-- name: a whole statement in an executable comment
-- expect: {"kind":"alter_table","table":{"name":"t"},"actions":[{"kind":"no_effect","clause":"disable_keys"}]}
/*!40000 ALTER TABLE `t` DISABLE KEYS */;

-- name: statement words split across executable comments
-- expect: {"kind":"create_database","name":"shop","ifNotExists":true,"charset":"utf8mb4","collation":"utf8mb4_0900_ai_ci"}
CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */ /*!80016 DEFAULT ENCRYPTION='N' */;

-- name: a comment above the server version is ignored
-- options: {"serverVersion": 80036}
-- expect: {"kind":"create_table","columns":[{"name":"a","invisible":true},{"name":"b","type":{"name":"int"},"comment":null}]}
CREATE TABLE v (a INT /*!80023 INVISIBLE */, b INT /*!90100 COMMENT 'newer' */);

-- name: trailing semicolon and whitespace
-- expect: {"kind":"drop_table","tables":[{"name":"t"}]}
DROP TABLE t ;

-- name: create table, all elements
-- expect: {"kind":"create_table","table":{"database":"shop","name":"orders"},"ifNotExists":true,
-- expect: "columns":[
-- expect: {"name":"id","type":{"name":"bigint","unsigned":true},"nullable":false,"nullableFrom":"explicit","autoIncrement":true},
-- expect: {"name":"customer_id","type":{"name":"int"},"nullable":false},
-- expect: {"name":"status","type":{"name":"enum","values":["new","paid","shipped, partly","it's (done)"]},"default":{"kind":"string","value":"new"}},
-- expect: {"name":"amount","type":{"name":"decimal","precision":12,"scale":2},"default":{"kind":"number","value":"0.00"}},
-- expect: {"name":"note","type":{"name":"varchar","length":255,"charset":"utf8mb4","collation":"utf8mb4_unicode_ci"},"comment":"free text, (optional)"},
-- expect: {"name":"created_at","type":{"name":"datetime","fsp":3},"default":{"kind":"current_timestamp","fsp":3}},
-- expect: {"name":"updated_at","type":{"name":"timestamp","fsp":0},"nullable":true,"onUpdateCurrentTimestamp":{"fsp":0}}
-- expect: ],
-- expect: "primaryKey":[{"column":"id"}],
-- expect: "uniqueKeys":[{"name":"uq_customer_created","parts":[{"column":"customer_id"},{"column":"created_at","descending":true}]}],
-- expect: "foreignKeys":[{"constraint":"fk_orders_customer","columns":["customer_id"],"references":{"table":{"database":"shop","name":"customers"},"columns":["id"],"onDelete":"RESTRICT","onUpdate":"CASCADE"}}],
-- expect: "checks":[{"constraint":"chk_amount","expression":"amount >= 0"}],
-- expect: "options":{"engine":"InnoDB","charset":"utf8mb4","collation":"utf8mb4_unicode_ci","comment":"orders, all of them","autoIncrement":"1001"}}
CREATE TABLE IF NOT EXISTS `shop`.`orders` (
  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  `customer_id` INT NOT NULL,
  `status` ENUM('new','paid','shipped, partly','it''s (done)') NOT NULL DEFAULT 'new',
  `amount` DECIMAL(12,2) NOT NULL DEFAULT 0.00,
  `note` VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci COMMENT 'free text, (optional)',
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` TIMESTAMP NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_customer_created` (`customer_id`, `created_at` DESC),
  KEY `idx_status` (`status`),
  CONSTRAINT `fk_orders_customer` FOREIGN KEY (`customer_id`) REFERENCES `shop`.`customers` (`id`) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT `chk_amount` CHECK (amount >= 0)
) ENGINE=InnoDB AUTO_INCREMENT=1001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='orders, all of them';

-- name: keyless table
-- expect: {"kind":"create_table","primaryKey":null,"uniqueKeys":[],"indexes":[]}
CREATE TABLE log (ts DATETIME, msg TEXT);

-- name: unique not null key but no primary key
-- expect: {"kind":"create_table","primaryKey":null,"uniqueKeys":[{"name":"code","parts":[{"column":"code"}]}],"columns":[{"name":"code","nullable":false}]}
CREATE TABLE u (code CHAR(3) NOT NULL, UNIQUE KEY code (code));

-- name: composite primary key makes every part NOT NULL
-- expect: {"kind":"create_table","columns":[{"name":"a","nullable":false,"nullableFrom":"primary_key"},{"name":"b","nullable":false,"nullableFrom":"primary_key"},{"name":"c","nullable":true,"nullableFrom":"default"}],"primaryKey":[{"column":"a"},{"column":"b","length":8}],"indexes":[{"kind":"primary","constraint":"pk_name","using":"BTREE","comment":"pk"}]}
CREATE TABLE pk (a INT, b VARCHAR(20), c INT, CONSTRAINT pk_name PRIMARY KEY USING BTREE (a, b(8)) COMMENT 'pk');

-- name: primary key named in different case
-- expect: {"kind":"create_table","columns":[{"name":"Id","nullable":false}],"primaryKey":[{"column":"ID"}]}
CREATE TABLE pk (Id INT, PRIMARY KEY (ID));

-- name: serial
-- expect: {"kind":"create_table","columns":[{"name":"id","type":{"name":"bigint","unsigned":true,"written":"SERIAL"},"nullable":false,"nullableFrom":"auto_increment","autoIncrement":true,"unique":true}],"uniqueKeys":[{"parts":[{"column":"id"}]}]}
CREATE TABLE s (id SERIAL);

-- name: serial primary key
-- expect: {"kind":"create_table","columns":[{"name":"id","nullable":false,"nullableFrom":"primary_key"}],"primaryKey":[{"column":"id"}],"uniqueKeys":[{"parts":[{"column":"id"}]}]}
CREATE TABLE s (id SERIAL PRIMARY KEY);

-- name: explicit NOT NULL stays the reason under a primary key
-- expect: {"kind":"create_table","columns":[{"name":"a","nullable":false,"nullableFrom":"explicit"}]}
CREATE TABLE s (a INT NOT NULL PRIMARY KEY);

-- name: legacy timestamps
-- options: {"explicitDefaultsForTimestamp": false}
-- expect: {"kind":"create_table","columns":[
-- expect: {"name":"a","nullable":true},
-- expect: {"name":"b","nullable":false,"nullableFrom":"timestamp","default":{"kind":"string","value":"0000-00-00 00:00:00"}},
-- expect: {"name":"c","nullable":false,"default":{"kind":"number","value":"0"}}]}
CREATE TABLE ts (a TIMESTAMP NULL, b TIMESTAMP, c TIMESTAMP DEFAULT 0);

-- name: every integer spelling
-- expect: {"kind":"create_table","columns":[
-- expect: {"type":{"name":"tinyint","written":"INT1","length":null}},{"type":{"name":"smallint","written":"INT2"}},{"type":{"name":"mediumint","written":"INT3"}},
-- expect: {"type":{"name":"int","written":"INT4"}},{"type":{"name":"bigint","written":"INT8"}},{"type":{"name":"mediumint","written":"MIDDLEINT"}},
-- expect: {"type":{"name":"int","written":"INTEGER","length":11,"unsigned":true,"zerofill":true}},
-- expect: {"type":{"name":"tinyint","written":"BOOL","length":1}},{"type":{"name":"tinyint","written":"BOOLEAN","length":1}},
-- expect: {"type":{"name":"bigint","unsigned":false}}]}
CREATE TABLE ints (a INT1, b INT2, c INT3, d INT4, e INT8, f MIDDLEINT, g INTEGER(11) UNSIGNED ZEROFILL, h BOOL, i BOOLEAN, j BIGINT SIGNED);

-- name: zerofill alone implies unsigned
-- expect: {"kind":"create_table","columns":[{"type":{"name":"int","unsigned":true,"zerofill":true}}]}
CREATE TABLE z (a INT ZEROFILL);

-- name: decimal and float spellings
-- expect: {"kind":"create_table","columns":[
-- expect: {"type":{"name":"decimal","precision":10,"scale":0,"written":"DEC"}},
-- expect: {"type":{"name":"decimal","precision":7,"scale":0,"written":"FIXED"}},
-- expect: {"type":{"name":"float","precision":null}},{"type":{"name":"double","written":"FLOAT","precision":null}},
-- expect: {"type":{"name":"double","written":"DOUBLE PRECISION","precision":8,"scale":2}},
-- expect: {"type":{"name":"double","written":"REAL"}},
-- expect: {"type":{"name":"double","written":"FLOAT8"}},
-- expect: {"type":{"name":"double","written":"FLOAT4"}}]}
CREATE TABLE f (a DEC, b FIXED(7), c FLOAT(24), d FLOAT(25), e DOUBLE PRECISION(8,2), f REAL, g FLOAT8, h FLOAT4(40));

-- name: REAL_AS_FLOAT
-- options: {"realAsFloat": true}
-- expect: {"kind":"create_table","columns":[{"type":{"name":"float","written":"REAL","precision":5,"scale":2}}]}
CREATE TABLE f (a REAL(5,2));

-- name: character spellings
-- expect: {"kind":"create_table","columns":[
-- expect: {"type":{"name":"char","length":1,"written":"CHARACTER"}},
-- expect: {"type":{"name":"varchar","length":5,"written":"CHARACTER VARYING"}},
-- expect: {"type":{"name":"varchar","length":6,"written":"NATIONAL CHAR VARYING","charset":"utf8mb3"}},
-- expect: {"type":{"name":"char","length":2,"written":"NCHAR","charset":"utf8mb3","binaryCollation":true}},
-- expect: {"type":{"name":"varchar","length":3,"charset":"latin1","binaryCollation":true}},
-- expect: {"type":{"name":"varbinary","length":4,"charset":null}},
-- expect: {"type":{"name":"mediumblob","written":"LONG VARBINARY"}},
-- expect: {"type":{"name":"mediumtext","written":"LONG CHAR VARYING","charset":"utf8mb4"}},
-- expect: {"type":{"name":"tinyblob","written":"TINYTEXT","charset":null}},
-- expect: {"type":{"name":"char","charset":"utf8mb4","collation":"utf8mb4_bin"}}]}
CREATE TABLE c (a CHARACTER, b CHARACTER VARYING(5), c NATIONAL CHAR VARYING(6), d NCHAR(2) BINARY,
  e VARCHAR(3) BINARY CHARACTER SET latin1, f VARCHAR(4) CHAR SET binary, g LONG VARBINARY, h LONG CHAR VARYING CHARSET utf8mb4,
  i TINYTEXT BYTE, j CHAR(1) CHARACTER SET 'utf8mb4' COLLATE 'utf8mb4_bin');

-- name: enum labels with commas, quotes, parentheses and escapes
-- expect: {"kind":"create_table","columns":[{"type":{"name":"enum","values":["a,b","c'd","e\"f","(g)","h\\i","j\nk","",")"]}},{"type":{"name":"set","values":["x","y"],"charset":"latin1"}}]}
CREATE TABLE en (a ENUM('a,b', 'c''d', 'e"f', '(g)', 'h\\i', 'j\nk', '', ')'), b SET ('x', 'y') CHARACTER SET latin1);

-- name: enum labels with adjacent strings and an introducer
-- expect: {"kind":"create_table","columns":[{"type":{"name":"enum","values":["ab","c"]}}]}
CREATE TABLE en (a ENUM('a' 'b', _utf8mb4'c'));

-- name: temporal types
-- expect: {"kind":"create_table","columns":[
-- expect: {"type":{"name":"date","fsp":null}},{"type":{"name":"time","fsp":6}},{"type":{"name":"datetime","fsp":0}},
-- expect: {"type":{"name":"timestamp","fsp":2},"default":{"kind":"current_timestamp","fsp":2,"text":"CURRENT_TIMESTAMP(2)"},"onUpdateCurrentTimestamp":{"fsp":2}},
-- expect: {"type":{"name":"year","length":4}},
-- expect: {"default":{"kind":"current_timestamp","fsp":0,"text":"now()"}},
-- expect: {"default":{"kind":"current_timestamp","fsp":0,"text":"LOCALTIMESTAMP"}},
-- expect: {"default":{"kind":"current_timestamp","fsp":0,"text":"CURRENT_TIMESTAMP()"}}]}
CREATE TABLE tm (a DATE, b TIME(6), c DATETIME, d TIMESTAMP(2) DEFAULT CURRENT_TIMESTAMP(2) ON UPDATE NOW(2), e YEAR(4),
  f DATETIME DEFAULT now(), g DATETIME DEFAULT LOCALTIMESTAMP, h DATETIME DEFAULT CURRENT_TIMESTAMP());

-- name: spatial and vector types
-- expect: {"kind":"create_table","columns":[{"type":{"name":"geometrycollection","written":"GEOMCOLLECTION"},"srid":0},{"type":{"name":"multipolygon"}},{"type":{"name":"vector","length":768}}]}
CREATE TABLE sp (a GEOMCOLLECTION SRID 0, b MULTIPOLYGON, c VECTOR(768));

-- name: MariaDB types
-- flavor: mariadb
-- expect: {"kind":"create_table","columns":[{"type":{"name":"uuid"},"default":{"kind":"expression","text":"uuid()"}},{"type":{"name":"inet6"}},{"type":{"name":"inet4"}},{"type":{"name":"json"},"checks":[{"expression":"json_valid(`j`)"}]}]}
CREATE TABLE m (u UUID DEFAULT uuid(), i6 INET6, i4 INET4, j JSON CHECK (json_valid(`j`)));

-- name: MariaDB defaults without parentheses
-- flavor: mariadb
-- expect: {"kind":"create_table","columns":[
-- expect: {"default":{"kind":"expression","text":"`a`"}},
-- expect: {"default":{"kind":"expression","text":"nextval(`shop`.`seq`)"}},
-- expect: {"default":{"kind":"expression","text":"NEXT VALUE FOR seq"}},
-- expect: {"default":{"kind":"expression","text":"current_user()"}},
-- expect: {"default":{"kind":"expression","text":"curdate()"}},
-- expect: {"default":{"kind":"expression","text":"CURRENT_DATE"}},
-- expect: {"default":{"kind":"expression","text":"if(1,'a,(b',NULL)"}},
-- expect: {"default":{"kind":"current_timestamp","fsp":6,"text":"current_timestamp(6)"}}]}
CREATE TABLE md (b INT DEFAULT `a`, c INT DEFAULT nextval(`shop`.`seq`), d INT DEFAULT NEXT VALUE FOR seq, e VARCHAR(80) DEFAULT current_user(),
  f DATE DEFAULT curdate(), g DATE DEFAULT CURRENT_DATE, h VARCHAR(5) DEFAULT if(1,'a,(b',NULL), i DATETIME(6) DEFAULT current_timestamp(6));

-- name: MySQL expression defaults
-- expect: {"kind":"create_table","columns":[
-- expect: {"default":{"kind":"expression","text":"(uuid_to_bin(uuid()))"}},
-- expect: {"default":{"kind":"expression","text":"(json_object('k', 'v,(w)'))"}},
-- expect: {"default":{"kind":"expression","text":"(CURRENT_DATE + INTERVAL 1 DAY)"}},
-- expect: {"default":{"kind":"expression","text":"(0x41)"}}]}
CREATE TABLE xd (a BINARY(16) DEFAULT (uuid_to_bin(uuid())), b JSON DEFAULT (json_object('k', 'v,(w)')),
  c DATE DEFAULT (CURRENT_DATE + INTERVAL 1 DAY), d BLOB DEFAULT (0x41));

-- name: signed and boolean defaults
-- expect: {"kind":"create_table","columns":[
-- expect: {"default":{"kind":"number","value":"-1","text":"-1"}},
-- expect: {"default":{"kind":"number","value":"2","text":"+2"}},
-- expect: {"default":{"kind":"number","value":"-3.5","text":"- 3.5"}},
-- expect: {"default":{"kind":"boolean","value":false}},
-- expect: {"default":{"kind":"null","text":"NULL"}}]}
CREATE TABLE sd (a INT DEFAULT -1, b INT DEFAULT +2, c DOUBLE DEFAULT - 3.5, d BOOL DEFAULT FALSE, e INT DEFAULT NULL);

-- name: generated columns
-- expect: {"kind":"create_table","columns":[
-- expect: {"name":"a"},
-- expect: {"name":"b","generated":{"expression":"a * 2","stored":false}},
-- expect: {"name":"c","generated":{"expression":"concat(a, ',', ')')","stored":true},"nullable":false,"unique":true},
-- expect: {"name":"d","generated":{"expression":"a + 1","stored":false},"comment":"v","invisible":true}]}
CREATE TABLE g (a INT, b INT AS (a * 2), c VARCHAR(20) GENERATED ALWAYS AS (concat(a, ',', ')')) STORED NOT NULL UNIQUE KEY,
  d INT GENERATED ALWAYS AS (a + 1) VIRTUAL COMMENT 'v' INVISIBLE);

-- name: MariaDB persistent generated column
-- flavor: mariadb
-- expect: {"kind":"create_table","columns":[{"name":"a"},{"name":"b","generated":{"expression":"`a` + 2","stored":true}}]}
CREATE TABLE g (a INT, b INT AS (`a` + 2) PERSISTENT);

-- name: column references and checks
-- expect: {"kind":"create_table","columns":[{"name":"p","references":{"table":{"name":"parent"},"columns":["id"],"onDelete":"SET NULL","onUpdate":"NO ACTION"},"checks":[{"constraint":"c1","expression":"p > 0","enforced":false}]}]}
CREATE TABLE r (p INT CONSTRAINT c1 CHECK (p > 0) NOT ENFORCED REFERENCES parent (id) MATCH FULL ON DELETE SET NULL ON UPDATE NO ACTION);

-- name: column attributes kept for completeness
-- expect: {"kind":"create_table","columns":[{"name":"a","extra":{"COLUMN_FORMAT":"DEFAULT","STORAGE":"MEMORY","ENGINE_ATTRIBUTE":"{}","NOT SECONDARY":""}}]}
CREATE TABLE ca (a INT COLUMN_FORMAT DEFAULT STORAGE MEMORY ENGINE_ATTRIBUTE = '{}' NOT SECONDARY);

-- name: MariaDB engine-defined attributes
-- flavor: mariadb
-- expect: {"kind":"create_table","columns":[{"name":"a","extra":{"FIELD_FORMAT":"x"}}],"indexes":[{"kind":"index","name":"k"}],"options":{"engine":"CONNECT","other":{"TABLE_TYPE":"CSV","FILE_NAME":"a.csv"}}}
CREATE TABLE ed (a INT `FIELD_FORMAT`='x', KEY k (a) `FLAG`=1) ENGINE=CONNECT TABLE_TYPE=CSV FILE_NAME='a.csv';

-- name: index variety
-- expect: {"kind":"create_table","indexes":[
-- expect: {"kind":"index","name":"k1","using":"HASH","parts":[{"column":"a"}]},
-- expect: {"kind":"index","name":"k2","using":"BTREE","invisible":true,"comment":"c, (d)"},
-- expect: {"kind":"fulltext","name":"ft","parts":[{"column":"t"}]},
-- expect: {"kind":"spatial","name":"sp","parts":[{"column":"g"}]},
-- expect: {"kind":"index","name":null,"parts":[{"column":null,"expression":"a + 1"},{"column":"b","descending":false}]},
-- expect: {"kind":"unique","name":"uq","constraint":"uq","parts":[{"column":"a"}]}]}
CREATE TABLE ix (a INT, b INT, t TEXT, g POINT NOT NULL,
  INDEX k1 USING HASH (a), KEY k2 (b) KEY_BLOCK_SIZE = 4 USING BTREE COMMENT 'c, (d)' INVISIBLE,
  FULLTEXT INDEX ft (t) WITH PARSER ngram, SPATIAL KEY sp (g), INDEX ((a + 1), b ASC), CONSTRAINT uq UNIQUE (a));

-- name: MariaDB vector index
-- flavor: mariadb
-- expect: {"kind":"create_table","columns":[{"type":{"name":"vector","length":3}}],"indexes":[{"kind":"vector","name":"vi","parts":[{"column":"v"}]}]}
CREATE TABLE vx (v VECTOR(3) NOT NULL, VECTOR INDEX vi (v) M=8 DISTANCE=cosine);

-- name: create table like, parenthesised
-- expect: {"kind":"create_table_like","table":{"name":"b"},"like":{"database":"other","name":"a"},"ifNotExists":true}
CREATE TABLE IF NOT EXISTS b (LIKE other.a);

-- name: temporary table is flagged
-- expect: {"kind":"create_table","temporary":true,"untranslatable":"temporary_table","columns":[{"name":"a"}]}
CREATE TEMPORARY TABLE tmp (a INT) ENGINE=MEMORY;

-- name: temporary like is flagged
-- expect: {"kind":"create_table_like","temporary":true,"untranslatable":"temporary_table"}
CREATE TEMPORARY TABLE tmp LIKE t;

-- name: create table select
-- expect: {"kind":"create_table","untranslatable":"create_table_select","columns":[],"select":"SELECT a, b FROM t WHERE a > (SELECT 1)"}
CREATE TABLE cs SELECT a, b FROM t WHERE a > (SELECT 1);

-- name: create table as parenthesised select with options
-- expect: {"kind":"create_table","untranslatable":"create_table_select","options":{"engine":"InnoDB"},"select":"(SELECT 1 AS x)"}
CREATE TABLE cs ENGINE=InnoDB AS (SELECT 1 AS x);

-- name: create table replace select with columns and keys
-- expect: {"kind":"create_table","untranslatable":"create_table_select","columns":[{"name":"id","nullable":false}],"primaryKey":[{"column":"id"}],"select":"SELECT id FROM t"}
CREATE TABLE cs (id INT PRIMARY KEY) REPLACE SELECT id FROM t;

-- name: create table from a table statement
-- expect: {"kind":"create_table","untranslatable":"create_table_select","select":"TABLE t"}
CREATE TABLE cs TABLE t;

-- name: create table with a CTE
-- expect: {"kind":"create_table","untranslatable":"create_table_select","select":"WITH x AS (SELECT 1 AS a) SELECT a FROM x"}
CREATE TABLE cs WITH x AS (SELECT 1 AS a) SELECT a FROM x;

-- name: temporary select stays temporary
-- expect: {"kind":"create_table","temporary":true,"untranslatable":"temporary_table"}
CREATE TEMPORARY TABLE cs SELECT 1;

-- name: MySQL CTAS as written to the binlog
-- expect: {"kind":"create_table","untranslatable":null,"options":{"other":{"START TRANSACTION":""}},"columns":[{"name":"x"}]}
CREATE TABLE `b` (
  `x` int DEFAULT NULL
) START TRANSACTION;

-- name: create or replace
-- flavor: mariadb
-- expect: {"kind":"create_table","orReplace":true,"ifNotExists":false}
CREATE OR REPLACE TABLE t (a INT);

-- name: every table option
-- expect: {"kind":"create_table","options":{"engine":"InnoDB","charset":"latin1","collation":"latin1_general_ci","comment":"c","autoIncrement":"18446744073709551615","rowFormat":"DYNAMIC",
-- expect: "other":{"AVG_ROW_LENGTH":"10","CHECKSUM":"0","COMPRESSION":"zlib","CONNECTION":"mysql://x","DATA DIRECTORY":"/tmp/d","INDEX DIRECTORY":"/tmp/i","DELAY_KEY_WRITE":"0","ENCRYPTION":"N","ENGINE_ATTRIBUTE":"{}","SECONDARY_ENGINE_ATTRIBUTE":"{}","INSERT_METHOD":"NO","KEY_BLOCK_SIZE":"16","MAX_ROWS":"100","MIN_ROWS":"1","PACK_KEYS":"DEFAULT","PASSWORD":"pw","STATS_AUTO_RECALC":"1","STATS_PERSISTENT":"DEFAULT","STATS_SAMPLE_PAGES":"8","TABLESPACE":"innodb_system","STORAGE":"DISK","SECONDARY_ENGINE":"NULL","AUTOEXTEND_SIZE":"64M","UNION":"a, b"}}}
CREATE TABLE o (a INT) ENGINE = InnoDB, CHARACTER SET = latin1, COLLATE = latin1_general_ci, COMMENT = 'c', AUTO_INCREMENT = 18446744073709551615,
  ROW_FORMAT = DYNAMIC, AVG_ROW_LENGTH = 10, CHECKSUM = 0, COMPRESSION = 'zlib', CONNECTION = 'mysql://x', DATA DIRECTORY = '/tmp/d',
  INDEX DIRECTORY = '/tmp/i', DELAY_KEY_WRITE = 0, ENCRYPTION = 'N', ENGINE_ATTRIBUTE = '{}', SECONDARY_ENGINE_ATTRIBUTE = '{}',
  INSERT_METHOD = NO, KEY_BLOCK_SIZE = 16, MAX_ROWS = 100, MIN_ROWS = 1, PACK_KEYS = DEFAULT, PASSWORD = 'pw', STATS_AUTO_RECALC = 1,
  STATS_PERSISTENT = DEFAULT, STATS_SAMPLE_PAGES = 8, TABLESPACE innodb_system STORAGE DISK, SECONDARY_ENGINE = NULL, AUTOEXTEND_SIZE = 64M,
  UNION = (a, b);

-- name: old TYPE spelling of ENGINE and CHAR SET
-- expect: {"kind":"create_table","options":{"engine":"MyISAM","charset":"utf8mb3"}}
CREATE TABLE o (a INT) TYPE=MyISAM DEFAULT CHAR SET utf8mb3;

-- name: partition by range columns with subpartitions
-- expect: {"kind":"create_table","partitioning":{"method":"RANGE","columns":true,"expression":"a, b","count":2,"names":["p0","p1"]}}
CREATE TABLE pr (a INT, b INT) PARTITION BY RANGE COLUMNS (a, b) SUBPARTITION BY KEY (a) SUBPARTITIONS 2 (
  PARTITION p0 VALUES LESS THAN (10, MAXVALUE) (SUBPARTITION s0, SUBPARTITION s1),
  PARTITION p1 VALUES LESS THAN (MAXVALUE, MAXVALUE) (SUBPARTITION s2 ENGINE = InnoDB, SUBPARTITION s3));

-- name: partition by linear key with algorithm
-- expect: {"kind":"create_table","partitioning":{"method":"KEY","linear":true,"expression":"id","count":8,"names":[]}}
CREATE TABLE pk (id INT PRIMARY KEY) PARTITION BY LINEAR KEY ALGORITHM=2 (id) PARTITIONS 8;

-- name: partition by list with values
-- expect: {"kind":"create_table","partitioning":{"method":"LIST","columns":false,"expression":"a % 3","names":["p_a","p_b"]}}
CREATE TABLE pl (a INT) PARTITION BY LIST (a % 3) (PARTITION p_a VALUES IN (0, 1) COMMENT = 'a, (b)', PARTITION p_b VALUES IN (2) DATA DIRECTORY = '/tmp');

-- name: MariaDB system time partitions
-- flavor: mariadb
-- expect: {"kind":"create_table","options":{"withSystemVersioning":true},"partitioning":{"method":"SYSTEM_TIME","count":3,"names":["p0","p1","pc"]}}
CREATE TABLE ps (a INT) WITH SYSTEM VERSIONING PARTITION BY SYSTEM_TIME INTERVAL 1 WEEK STARTS '2024-01-01 00:00:00' AUTO (PARTITION p0 HISTORY, PARTITION p1 HISTORY, PARTITION pc CURRENT);

-- name: MySQL partition clause as SHOW CREATE TABLE prints it
-- expect: {"kind":"create_table","partitioning":{"method":"HASH","expression":"`id`","count":4}}
CREATE TABLE `ph` (
  `id` int NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
/*!50100 PARTITION BY HASH (`id`)
PARTITIONS 4 */;

-- name: alter every column action
-- expect: {"kind":"alter_table","table":{"name":"t"},"actions":[
-- expect: {"kind":"add_column","column":{"name":"a","type":{"name":"int"}},"ifNotExists":false,"position":{"first":true}},
-- expect: {"kind":"add_column","column":{"name":"b"},"position":{"first":false,"after":"a"}},
-- expect: {"kind":"add_column","column":{"name":"c"},"position":null},
-- expect: {"kind":"add_column","column":{"name":"d"},"position":null},
-- expect: {"kind":"drop_column","name":"e","ifExists":false},
-- expect: {"kind":"drop_column","name":"f","ifExists":false},
-- expect: {"kind":"modify_column","column":{"name":"g","type":{"name":"varchar","length":10},"nullable":false},"position":{"first":false,"after":"b"}},
-- expect: {"kind":"change_column","from":"h","column":{"name":"h2","type":{"name":"bigint","unsigned":true}},"position":null},
-- expect: {"kind":"rename_column","from":"i","to":"i2"},
-- expect: {"kind":"alter_column_default","name":"j","default":{"kind":"string","value":"x,y"}},
-- expect: {"kind":"alter_column_default","name":"k","default":{"kind":"expression","text":"(now())"}},
-- expect: {"kind":"alter_column_default","name":"l","default":null},
-- expect: {"kind":"alter_column_visibility","name":"m","invisible":false}]}
ALTER TABLE t ADD a INT FIRST, ADD COLUMN b INT AFTER a, ADD COLUMN (c INT, d INT), DROP e, DROP COLUMN f RESTRICT,
  MODIFY g VARCHAR(10) NOT NULL AFTER b, CHANGE h h2 BIGINT UNSIGNED, RENAME COLUMN i TO i2, ALTER j SET DEFAULT 'x,y',
  ALTER COLUMN k SET DEFAULT (now()), ALTER COLUMN l DROP DEFAULT, ALTER COLUMN m SET VISIBLE;

-- name: alter keys and constraints
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"add_index","index":{"kind":"primary","name":"PRIMARY","parts":[{"column":"id"}]}},
-- expect: {"kind":"add_index","index":{"kind":"unique","name":"u","parts":[{"column":"a"}]}},
-- expect: {"kind":"add_index","index":{"kind":"fulltext","name":"ft"}},
-- expect: {"kind":"add_index","index":{"kind":"spatial","name":null}},
-- expect: {"kind":"add_foreign_key","foreignKey":{"constraint":"fk","name":null,"columns":["a"],"references":{"table":{"database":"o","name":"p"},"columns":["id"]}}},
-- expect: {"kind":"add_check","check":{"constraint":null,"expression":"a <> 0"}},
-- expect: {"kind":"drop_primary_key"},
-- expect: {"kind":"drop_index","name":"u"},
-- expect: {"kind":"drop_index","name":"k"},
-- expect: {"kind":"drop_foreign_key","name":"fk"},
-- expect: {"kind":"drop_constraint","name":"c","constraint":"any"},
-- expect: {"kind":"drop_constraint","name":"c2","constraint":"check"},
-- expect: {"kind":"rename_index","from":"x","to":"y"},
-- expect: {"kind":"rename_index","from":"y","to":"z"}]}
ALTER TABLE t ADD PRIMARY KEY (id), ADD UNIQUE INDEX u (a), ADD FULLTEXT ft (t), ADD SPATIAL (g), ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES o.p (id),
  ADD CHECK (a <> 0), DROP PRIMARY KEY, DROP INDEX u, DROP KEY k, DROP FOREIGN KEY fk, DROP CONSTRAINT c, DROP CHECK c2,
  RENAME INDEX x TO y, RENAME KEY y TO z;

-- name: alter no-effect clauses, each named
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"no_effect","clause":"algorithm","text":"ALGORITHM = INSTANT"},
-- expect: {"kind":"no_effect","clause":"lock","text":"LOCK DEFAULT"},
-- expect: {"kind":"no_effect","clause":"force"},
-- expect: {"kind":"no_effect","clause":"alter_index_visibility","text":"ALTER INDEX i VISIBLE"},
-- expect: {"kind":"no_effect","clause":"alter_check_enforcement","text":"ALTER CONSTRAINT c ENFORCED"},
-- expect: {"kind":"no_effect","clause":"validation","text":"WITH VALIDATION"},
-- expect: {"kind":"no_effect","clause":"secondary_load"},
-- expect: {"kind":"no_effect","clause":"enable_keys"},
-- expect: {"kind":"no_effect","clause":"order_by","text":"ORDER BY a, b DESC"}]}
ALTER TABLE t ALGORITHM = INSTANT, LOCK DEFAULT, FORCE, ALTER INDEX i VISIBLE, ALTER CONSTRAINT c ENFORCED, WITH VALIDATION,
  SECONDARY_LOAD, ENABLE KEYS, ORDER BY a, b DESC;

-- name: alter table options, space and comma separated
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"table_options","options":{"engine":"InnoDB","autoIncrement":"5","rowFormat":"COMPACT"}},
-- expect: {"kind":"table_options","options":{"charset":"utf8mb4","collation":"utf8mb4_bin"}},
-- expect: {"kind":"table_options","options":{"comment":"new, (comment)","other":{"KEY_BLOCK_SIZE":"8","STATS_PERSISTENT":"0"}}}]}
ALTER TABLE t ENGINE=InnoDB AUTO_INCREMENT=5 ROW_FORMAT=COMPACT, DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  COMMENT = 'new, (comment)' KEY_BLOCK_SIZE=8 STATS_PERSISTENT=0;

-- name: convert to character set default
-- expect: {"kind":"alter_table","actions":[{"kind":"convert_charset","charset":"default","collation":null}]}
ALTER TABLE t CONVERT TO CHARSET DEFAULT;

-- name: rename table via alter, with AS and across databases
-- expect: {"kind":"alter_table","actions":[{"kind":"rename_table","to":{"database":"archive","name":"t_2024"}}]}
ALTER TABLE t RENAME AS archive.t_2024;

-- name: rename without TO
-- expect: {"kind":"alter_table","actions":[{"kind":"add_column","column":{"name":"z"}},{"kind":"rename_table","to":{"database":null,"name":"t3"}}]}
ALTER TABLE t ADD z INT, RENAME t3;

-- name: alter with an empty action list
-- expect: {"kind":"alter_table","table":{"name":"t"},"actions":[]}
ALTER TABLE t;

-- name: alter ignore
-- flavor: mariadb
-- expect: {"kind":"alter_table","ignore":true,"actions":[{"kind":"add_index","index":{"kind":"unique","name":"u"}}]}
ALTER IGNORE TABLE t ADD UNIQUE u (a);

-- name: alter partition operations
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"partition_operation","operation":"add","changesRows":false},
-- expect: {"kind":"partition_operation","operation":"drop","partitions":["p0","p1"],"changesRows":true}]}
ALTER TABLE t ADD PARTITION (PARTITION p9 VALUES LESS THAN (900)), DROP PARTITION p0, p1;

-- name: alter partition maintenance
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"optimize","partitions":["p1","p2"],"changesRows":false}]}
ALTER TABLE t OPTIMIZE PARTITION p1, p2;

-- name: rebuild every partition
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"rebuild","partitions":"ALL"}]}
ALTER TABLE t REBUILD PARTITION ALL;

-- name: check partitions
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"check","partitions":["p1","p2"]}]}
ALTER TABLE t CHECK PARTITION p1, p2;

-- name: repair partitions
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"repair","partitions":"ALL"}]}
ALTER TABLE t REPAIR PARTITION ALL;

-- name: import partition tablespace changes rows
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"import","partitions":["p0"],"changesRows":true}]}
ALTER TABLE t IMPORT PARTITION p0 TABLESPACE;

-- name: discard tablespace
-- expect: {"kind":"alter_table","actions":[{"kind":"tablespace","operation":"discard","changesRows":false}]}
ALTER TABLE t DISCARD TABLESPACE;

-- name: import tablespace
-- expect: {"kind":"alter_table","actions":[{"kind":"tablespace","operation":"import","changesRows":true}]}
ALTER TABLE t IMPORT TABLESPACE;

-- name: add partitions by count
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"add","text":"ADD PARTITION PARTITIONS 4"}]}
ALTER TABLE t ADD PARTITION PARTITIONS 4;

-- name: alter actions then partition by, without a comma
-- expect: {"kind":"alter_table","actions":[{"kind":"add_column","column":{"name":"p"}},{"kind":"partitioning","partitioning":{"method":"KEY","count":2}}]}
ALTER TABLE t ADD p INT PARTITION BY KEY (p) PARTITIONS 2;

-- name: alter then remove partitioning, without a comma
-- expect: {"kind":"alter_table","actions":[{"kind":"table_options","options":{"engine":"InnoDB"}},{"kind":"partition_operation","operation":"remove_partitioning"}]}
ALTER TABLE t ENGINE=InnoDB REMOVE PARTITIONING;

-- name: upgrade partitioning
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"upgrade_partitioning","changesRows":false}]}
ALTER TABLE t UPGRADE PARTITIONING;

-- name: MariaDB convert partition to table
-- flavor: mariadb
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"convert_to_table","partitions":["p0"],"changesRows":true}]}
ALTER TABLE t CONVERT PARTITION p0 TO TABLE t_p0;

-- name: MariaDB convert table to partition
-- flavor: mariadb
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"convert_from_table","partitions":["p0"],"changesRows":true}]}
ALTER TABLE t CONVERT TABLE t_p0 TO PARTITION p0 VALUES LESS THAN (100);

-- name: MariaDB if exists everywhere
-- flavor: mariadb
-- expect: {"kind":"alter_table","ifExists":true,"actions":[
-- expect: {"kind":"add_column","ifNotExists":true,"column":{"name":"a"}},
-- expect: {"kind":"modify_column","ifExists":true,"column":{"name":"b"}},
-- expect: {"kind":"change_column","ifExists":true,"from":"c","column":{"name":"c2"}},
-- expect: {"kind":"drop_column","ifExists":true,"name":"d"},
-- expect: {"kind":"drop_index","ifExists":true,"name":"k"},
-- expect: {"kind":"drop_foreign_key","ifExists":true,"name":"fk"},
-- expect: {"kind":"add_index","ifNotExists":true,"index":{"kind":"index","name":"k2"}},
-- expect: {"kind":"rename_column","ifExists":true,"from":"e","to":"e2"},
-- expect: {"kind":"partition_operation","operation":"drop","partitions":["p0"]}]}
ALTER TABLE IF EXISTS t ADD IF NOT EXISTS a INT, MODIFY IF EXISTS b BIGINT, CHANGE COLUMN IF EXISTS c c2 INT, DROP IF EXISTS d,
  DROP INDEX IF EXISTS k, DROP FOREIGN KEY IF EXISTS fk, ADD KEY IF NOT EXISTS k2 (a), RENAME COLUMN IF EXISTS e TO e2,
  DROP PARTITION IF EXISTS p0;

-- name: MariaDB NOWAIT
-- flavor: mariadb
-- expect: {"kind":"alter_table","actions":[{"kind":"drop_column","name":"x"}]}
ALTER TABLE t NOWAIT DROP COLUMN x;

-- name: MariaDB periods
-- flavor: mariadb
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"add_period","period":{"name":"valid","start":"s","end":"e"},"ifNotExists":true},
-- expect: {"kind":"drop_period","name":"old","ifExists":false},
-- expect: {"kind":"add_period","period":{"name":"SYSTEM_TIME","start":"rs","end":"re"},"ifNotExists":false}]}
ALTER TABLE t ADD PERIOD IF NOT EXISTS FOR valid (s, e), DROP PERIOD FOR old, ADD PERIOD FOR SYSTEM_TIME (rs, re);

-- name: MariaDB add system-versioning columns
-- flavor: mariadb
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"add_column","column":{"name":"rs","rowPeriod":"start","nullable":false,"nullableFrom":"system_versioning","invisible":true}},
-- expect: {"kind":"add_column","column":{"name":"re","rowPeriod":"end"}},
-- expect: {"kind":"add_period"},
-- expect: {"kind":"system_versioning","add":true}]}
ALTER TABLE t ADD COLUMN rs TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE, ADD COLUMN re TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE,
  ADD PERIOD FOR SYSTEM_TIME(rs, re), ADD SYSTEM VERSIONING;

-- name: MariaDB column without system versioning
-- flavor: mariadb
-- expect: {"kind":"alter_table","actions":[{"kind":"add_column","column":{"name":"n","versioning":"without"}}]}
ALTER TABLE t ADD n INT WITHOUT SYSTEM VERSIONING;

-- name: columns named like keywords that are not reserved
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"add_column","column":{"name":"period","type":{"name":"int"}}},
-- expect: {"kind":"add_column","column":{"name":"vector","type":{"name":"int"}}},
-- expect: {"kind":"add_column","column":{"name":"system","type":{"name":"int"}}},
-- expect: {"kind":"drop_column","name":"comment"},
-- expect: {"kind":"drop_column","name":"engine"},
-- expect: {"kind":"modify_column","column":{"name":"first","type":{"name":"int"}},"position":{"first":false,"after":"after"}}]}
ALTER TABLE t ADD period INT, ADD vector INT, ADD system INT, DROP comment, DROP engine, MODIFY first INT AFTER `after`;

-- name: reserved words as quoted names in alter
-- expect: {"kind":"alter_table","table":{"name":"group"},"actions":[{"kind":"add_column","column":{"name":"select"}},{"kind":"drop_column","name":"from"},{"kind":"change_column","from":"key","column":{"name":"index"}}]}
ALTER TABLE `group` ADD `select` INT, DROP `from`, CHANGE `key` `index` INT;

-- name: gh-ost auto_increment on the ghost table
-- expect: {"kind":"alter_table","table":{"database":"shop","name":"_orders_gho"},"actions":[{"kind":"table_options","options":{"autoIncrement":"12345"}}]}
alter /* gh-ost */ table `shop`.`_orders_gho` AUTO_INCREMENT=12345;

-- name: gh-ost changelog table
-- expect: {"kind":"create_table","table":{"database":"shop","name":"_orders_ghc"},"columns":[{"name":"id","nullable":false,"nullableFrom":"primary_key"},{"name":"last_update","nullable":false},{"name":"hint","type":{"charset":"ascii","length":64}},{"name":"value","type":{"length":4096}}],"primaryKey":[{"column":"id"}],"options":{"autoIncrement":"256"}}
create /* gh-ost */ table `shop`.`_orders_ghc` (
			id bigint auto_increment,
			last_update timestamp not null DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
			hint varchar(64) charset ascii not null,
			value varchar(4096) charset ascii not null,
			primary key(id),
			unique key hint_uidx(hint)
		) auto_increment=256
		;

-- name: gh-ost cut-over lock table
-- expect: {"kind":"create_table","table":{"name":"_orders_del"},"options":{"engine":"InnoDB","comment":"ghost-cut-over-sentry"}}
create /* gh-ost */ table `shop`.`_orders_del` (
			id int auto_increment primary key
		) engine=InnoDB comment='ghost-cut-over-sentry';

-- name: gh-ost cut-over rename
-- expect: {"kind":"rename_table","renames":[{"from":{"database":"shop","name":"orders"},"to":{"database":"shop","name":"_orders_del"}},{"from":{"database":"shop","name":"_orders_gho"},"to":{"database":"shop","name":"orders"}}]}
rename /* gh-ost */ table `shop`.`orders` to `shop`.`_orders_del`, `shop`.`_orders_gho` to `shop`.`orders`;

-- name: pt-online-schema-change new table
-- expect: {"kind":"create_table","table":{"database":"shop","name":"_orders_new"},"primaryKey":[{"column":"id"}]}
CREATE TABLE `shop`.`_orders_new` (
  `id` int NOT NULL AUTO_INCREMENT,
  `c` varchar(10) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=11 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- name: pt-online-schema-change alter
-- expect: {"kind":"alter_table","table":{"database":"shop","name":"_orders_new"},"actions":[{"kind":"add_column","column":{"name":"d","default":{"kind":"number","value":"0"},"nullable":false}}]}
ALTER TABLE `shop`.`_orders_new` ADD COLUMN d INT NOT NULL DEFAULT 0;

-- name: pt-online-schema-change trigger
-- expect: {"kind":"other","head":"CREATE TRIGGER"}
CREATE TRIGGER `pt_osc_shop_orders_ins` AFTER INSERT ON `shop`.`orders` FOR EACH ROW REPLACE INTO `shop`.`_orders_new` (`id`, `c`) VALUES (NEW.`id`, NEW.`c`);

-- name: pt-online-schema-change swap
-- expect: {"kind":"rename_table","renames":[{"from":{"database":"shop","name":"orders"},"to":{"database":"shop","name":"_orders_old"}},{"from":{"database":"shop","name":"_orders_new"},"to":{"database":"shop","name":"orders"}}]}
RENAME TABLE `shop`.`orders` TO `shop`.`_orders_old`, `shop`.`_orders_new` TO `shop`.`orders`;

-- name: three-way swap applied in order
-- expect: {"kind":"rename_table","renames":[{"from":{"name":"t"},"to":{"name":"t_old"}},{"from":{"name":"t_new"},"to":{"name":"t"}},{"from":{"name":"t_old"},"to":{"name":"t_new"}}]}
RENAME TABLES t TO t_old, t_new TO t, t_old TO t_new;

-- name: MariaDB rename with wait
-- flavor: mariadb
-- expect: {"kind":"rename_table","ifExists":true,"renames":[{"from":{"name":"a"},"to":{"name":"b"}}]}
RENAME TABLE IF EXISTS a WAIT 10 TO b;

-- name: drop temporary table is flagged
-- expect: {"kind":"drop_table","temporary":true,"untranslatable":"temporary_table","ifExists":true,"tables":[{"name":"tmp"}]}
DROP TEMPORARY TABLE IF EXISTS tmp;

-- name: drop tables with cascade
-- expect: {"kind":"drop_table","temporary":false,"untranslatable":null,"tables":[{"database":null,"name":"a"},{"database":"d","name":"b"}]}
DROP TABLES a, d.b CASCADE;

-- name: drop table as the server logs it
-- expect: {"kind":"drop_table","tables":[{"name":"a"},{"name":"b"}]}
DROP TABLE `a`,`b` /* generated by server */;

-- name: MariaDB drop with a comment and nowait
-- flavor: mariadb
-- expect: {"kind":"drop_table","tables":[{"name":"t"}]}
DROP TABLE IF EXISTS /* my comment */ t NOWAIT;

-- name: truncate with database
-- expect: {"kind":"truncate_table","table":{"database":"d","name":"t"}}
TRUNCATE TABLE `d`.`t`;

-- name: create database with options
-- expect: {"kind":"create_database","name":"shop","ifNotExists":false,"charset":"latin1","collation":"latin1_bin"}
CREATE SCHEMA shop DEFAULT CHARSET = latin1 DEFAULT COLLATE = latin1_bin;

-- name: MariaDB database comment
-- flavor: mariadb
-- expect: {"kind":"create_database","name":"shop","orReplace":true,"comment":"the shop"}
CREATE OR REPLACE DATABASE shop COMMENT 'the shop';

-- name: drop schema
-- expect: {"kind":"drop_database","name":"shop","ifExists":true}
DROP SCHEMA IF EXISTS `shop`;

-- name: alter database without a name
-- expect: {"kind":"alter_database","name":null,"charset":"utf8mb4","collation":null}
ALTER DATABASE CHARACTER SET utf8mb4;

-- name: alter database read only and encryption
-- expect: {"kind":"alter_database","name":"shop","charset":null}
ALTER SCHEMA shop READ ONLY = 1 ENCRYPTION = 'Y';

-- name: alter database encryption without a name
-- expect: {"kind":"alter_database","name":null}
ALTER DATABASE ENCRYPTION = 'N';

-- name: MariaDB legacy directory name upgrade
-- flavor: mariadb
-- expect: {"kind":"alter_database","name":"#mysql50#a-b"}
ALTER DATABASE `#mysql50#a-b` UPGRADE DATA DIRECTORY NAME;

-- name: create fulltext index
-- expect: {"kind":"create_index","table":{"database":"d","name":"t"},"index":{"kind":"fulltext","name":"ft","parts":[{"column":"body"}]}}
CREATE FULLTEXT INDEX ft ON d.t (body) WITH PARSER ngram;

-- name: create spatial index
-- expect: {"kind":"create_index","index":{"kind":"spatial","name":"sp"}}
CREATE SPATIAL INDEX sp ON t (g);

-- name: create functional index
-- expect: {"kind":"create_index","index":{"kind":"index","name":"fi","parts":[{"column":null,"expression":"lower(email)"}],"invisible":true}}
CREATE INDEX fi ON t ((lower(email))) INVISIBLE;

-- name: MariaDB create index with options
-- flavor: mariadb
-- expect: {"kind":"create_index","orReplace":true,"ifNotExists":true,"index":{"kind":"unique","name":"u","using":"HASH"}}
CREATE OR REPLACE UNIQUE INDEX IF NOT EXISTS u ON t (a) USING HASH WAIT 3 ALGORITHM=COPY LOCK=SHARED;

-- name: MariaDB online index
-- flavor: mariadb
-- expect: {"kind":"create_index","index":{"kind":"index","name":"i"}}
CREATE ONLINE INDEX i ON t (a);

-- name: drop index with options
-- expect: {"kind":"drop_index","table":{"name":"t"},"name":"PRIMARY","ifExists":false}
DROP INDEX `PRIMARY` ON t ALGORITHM = INPLACE LOCK = NONE;

-- name: MariaDB drop index if exists
-- flavor: mariadb
-- expect: {"kind":"drop_index","name":"i","ifExists":true}
DROP INDEX IF EXISTS i ON t;

-- name: grant
-- expect: {"kind":"other","head":"GRANT ALL"}
GRANT ALL ON *.* TO 'u'@'%';

-- expect: {"kind":"other","head":"REVOKE SELECT"}
REVOKE SELECT ON db.* FROM 'u'@'%';

-- expect: {"kind":"other","head":"CREATE USER"}
CREATE USER IF NOT EXISTS 'u'@'%' IDENTIFIED BY 'secret';

-- expect: {"kind":"other","head":"ALTER USER"}
ALTER USER 'u'@'%' IDENTIFIED BY 'x';

-- expect: {"kind":"other","head":"DROP USER"}
DROP USER 'u'@'%';

-- expect: {"kind":"other","head":"RENAME USER"}
RENAME USER 'a'@'%' TO 'b'@'%';

-- expect: {"kind":"other","head":"CREATE VIEW"}
CREATE OR REPLACE VIEW v AS SELECT 1;

-- expect: {"kind":"other","head":"CREATE ALGORITHM"}
CREATE ALGORITHM=MERGE DEFINER=`root`@`localhost` SQL SECURITY INVOKER VIEW v AS SELECT 1;

-- expect: {"kind":"other","head":"ALTER VIEW"}
ALTER VIEW v AS SELECT 2;

-- expect: {"kind":"other","head":"DROP VIEW"}
DROP VIEW IF EXISTS v;

-- expect: {"kind":"other","head":"CREATE PROCEDURE"}
CREATE PROCEDURE p() SELECT 1;

-- expect: {"kind":"other","head":"CREATE FUNCTION"}
CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1;

-- expect: {"kind":"other","head":"DROP FUNCTION"}
DROP FUNCTION IF EXISTS f;

-- expect: {"kind":"other","head":"CREATE EVENT"}
CREATE EVENT e ON SCHEDULE EVERY 1 HOUR DO DELETE FROM t;

-- expect: {"kind":"other","head":"ALTER EVENT"}
ALTER EVENT e DISABLE;

-- expect: {"kind":"other","head":"CREATE TEMPORARY SEQUENCE"}
CREATE TEMPORARY SEQUENCE s;

-- expect: {"kind":"other","head":"CREATE SEQUENCE"}
CREATE SEQUENCE s START WITH 1 INCREMENT BY 1;

-- expect: {"kind":"other","head":"DROP SEQUENCE"}
DROP SEQUENCE s;

-- expect: {"kind":"other","head":"CREATE TABLESPACE"}
CREATE TABLESPACE ts ADD DATAFILE 'ts.ibd';

-- expect: {"kind":"other","head":"CREATE SERVER"}
CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (HOST 'h');

-- expect: {"kind":"other","head":"CREATE ROLE"}
CREATE ROLE r;

-- expect: {"kind":"other","head":"FLUSH TABLES"}
FLUSH TABLES;

-- expect: {"kind":"other","head":"FLUSH PRIVILEGES"}
FLUSH PRIVILEGES;

-- expect: {"kind":"other","head":"SAVEPOINT S1"}
SAVEPOINT s1;

-- expect: {"kind":"other","head":"ANALYZE TABLE"}
ANALYZE TABLE t;

-- expect: {"kind":"other","head":"OPTIMIZE NO_WRITE_TO_BINLOG"}
OPTIMIZE NO_WRITE_TO_BINLOG TABLE t;

-- expect: {"kind":"other","head":"REPAIR TABLE"}
REPAIR TABLE t;

-- expect: {"kind":"other","head":"SET"}
SET @@session.sql_mode = 'ANSI_QUOTES';

-- expect: {"kind":"other","head":"SET NAMES"}
SET NAMES utf8mb4;

-- expect: {"kind":"other","head":"BEGIN"}
BEGIN;

-- expect: {"kind":"other","head":"COMMIT"}
COMMIT;

-- expect: {"kind":"other","head":"ROLLBACK"}
ROLLBACK;

-- expect: {"kind":"other","head":"XA START"}
XA START 'x';

-- expect: {"kind":"other","head":"XA COMMIT"}
XA COMMIT 'x';

-- expect: {"kind":"other","head":"INSERT INTO"}
INSERT INTO t VALUES (1, 'x');

-- expect: {"kind":"other","head":"UPDATE T"}
UPDATE t SET a = 1;

-- expect: {"kind":"other","head":"DELETE FROM"}
DELETE FROM t;

-- expect: {"kind":"other","head":"LOAD DATA"}
LOAD DATA INFILE 'x' INTO TABLE t;

-- expect: {"kind":"other","head":"USE"}
USE `db`;

-- expect: {"kind":"other","head":"LOCK TABLES"}
LOCK TABLES t WRITE;

-- expect: {"kind":"other","head":"CALL P"}
CALL p();

-- expect: {"kind":"other","head":"INSTALL PLUGIN"}
INSTALL PLUGIN x SONAME 'x.so';

-- expect: {"kind":"other","head":"("}
(SELECT 1);

-- name: errors
-- error: expected ')'
CREATE TABLE t (a INT;

-- error: expected a data type
-- error-token: ,
CREATE TABLE t (a, b INT);

-- error: expected a data type
-- error-token: WIDGET
CREATE TABLE t (a WIDGET);

-- error: expected table name
-- error-token: IF
DROP TABLE IF;

-- error: unexpected text in a column definition
-- error-token: NOTNULL
CREATE TABLE t (a INT NOTNULL);

-- error: unexpected text after the statement
-- error-token: garbage
DROP TABLE t garbage;

-- error: expected '(' and a length
CREATE TABLE t (a VARCHAR);

-- error: FLOAT precision must be at most 53
CREATE TABLE t (a FLOAT(54));

-- error: fractional seconds precision must be at most 6
CREATE TABLE t (a DATETIME(7));

-- error: unexpected text in ALTER TABLE
-- error-token: FROBNICATE
ALTER TABLE t FROBNICATE;

-- error: unexpected text in a column definition
-- error-token: ADD
ALTER TABLE t ADD a INT ADD b INT;

-- error: expected ',' or the end of the statement
-- error-token: ADD
ALTER TABLE t DROP a ADD b INT;

-- error: expected RESTRICT, CASCADE, SET NULL, SET DEFAULT or NO ACTION
CREATE TABLE t (a INT REFERENCES p (id) ON DELETE EXPLODE);

-- error: expected SELECT
CREATE TABLE t (a INT) AS;

-- error: expected TO
RENAME TABLE a b;

-- error: expected ON
CREATE INDEX i t (a);

-- error: expected column name
-- error-token:
ALTER TABLE t DROP COLUMN;

-- error: expected a default value
CREATE TABLE t (a INT DEFAULT, b INT);

-- error: expected a table option
CREATE TABLE t (a INT) ENGINE=InnoDB, ;

-- error: VIRTUAL, STORED or PERSISTENT without AS (expression)
CREATE TABLE t (a INT STORED);

-- error: expected HASH, KEY, RANGE, LIST or SYSTEM_TIME
CREATE TABLE t (a INT) PARTITION BY SPLIT (a);
