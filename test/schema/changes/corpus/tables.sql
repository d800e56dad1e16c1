-- Statements run in order on both servers by table-map.server.test.ts (database t_chg_tablemap_<flavor>,
-- utf8mb4, the server's default collation), each on a fresh session after its `session`
-- statements; after each, one row goes into every table it changed and the TABLE_MAP of that row
-- must equal the table derived from the statement. `servers` limits where one runs; `options` are
-- parser options; `changes` lists the kinds of the derived changes, in order.

-- name: text_sizes
-- changes: create_table
CREATE TABLE text_sizes (
  t63 TEXT(63), t64 TEXT(64), t255l TEXT(255) CHARACTER SET latin1, t256l TEXT(256) CHARACTER SET latin1,
  t16383 TEXT(16383), t16384 TEXT(16384), t5592405 TEXT(5592405) CHARACTER SET utf8mb3, t5592406 TEXT(5592406) CHARACTER SET utf8mb3,
  b255 BLOB(255), b256 BLOB(256), b65535 BLOB(65535), b65536 BLOB(65536), b16777216 BLOB(16777216),
  tt TINYTEXT, mt MEDIUMTEXT CHARACTER SET ucs2, lt LONGTEXT COLLATE utf8mb4_bin
);

-- name: char_widths
CREATE TABLE char_widths (
  c255 CHAR(255), c85 CHAR(85) CHARACTER SET utf8mb3, c86 CHAR(86) CHARACTER SET utf8mb3, c64 CHAR(64), c63 CHAR(63),
  cu CHAR(10) CHARACTER SET ucs2, c16 CHAR(10) CHARACTER SET utf16, c32 CHAR(10) CHARACTER SET utf32,
  cl CHAR(255) CHARACTER SET latin1, cb BINARY(255), c0 CHAR(0),
  v2 VARCHAR(300) CHARACTER SET latin1, v3 VARCHAR(255) CHARACTER SET utf8mb3, v4 VARBINARY(1000),
  vk VARCHAR(10) CHARACTER SET sjis, vg VARCHAR(10) CHARACTER SET gbk, ve VARCHAR(10) CHARACTER SET euckr
);

-- name: varchar_max
CREATE TABLE varchar_max (v VARCHAR(16383));

-- name: long_varchar_to_text
-- session: SET SESSION sql_mode = ''
CREATE TABLE long_varchar_to_text (v VARCHAR(70000) CHARACTER SET latin1, w VARCHAR(30000) CHARACTER SET utf8mb4);

-- name: collations_mysql
-- servers: mysql
CREATE TABLE collations_mysql (
  a VARCHAR(5) COLLATE utf8mb4_0900_as_cs, b VARCHAR(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_ja_0900_as_cs,
  c VARCHAR(5) COLLATE utf8mb4_general_ci, d VARCHAR(5) CHARACTER SET utf8 COLLATE utf8_bin, e VARCHAR(5) CHARSET utf8mb3,
  f TEXT BINARY, g ENUM('x') COLLATE utf8mb4_bin, h SET('p', 'q') CHARACTER SET latin1 COLLATE latin1_bin,
  i VARCHAR(5) CHARACTER SET gb18030, j VARCHAR(5) COLLATE binary
) COLLATE utf8mb4_unicode_ci;

-- name: collations_mariadb
-- servers: mariadb
CREATE TABLE collations_mariadb (
  a VARCHAR(5) COLLATE utf8mb4_uca1400_ai_ci, b VARCHAR(5) CHARACTER SET utf8mb4 COLLATE uca1400_as_cs,
  c VARCHAR(5) COLLATE utf8mb4_general_ci, d VARCHAR(5) CHARACTER SET utf8 COLLATE utf8_bin, e VARCHAR(5) CHARSET utf8mb3,
  f TEXT BINARY, g ENUM('x') COLLATE utf8mb4_bin, h SET('p', 'q') CHARACTER SET latin1 COLLATE latin1_bin,
  i VARCHAR(5) COLLATE uca1400_ai_ci, j VARCHAR(5) COLLATE binary
) COLLATE utf8mb4_unicode_ci;

-- name: table_charset_latin1
CREATE TABLE table_charset_latin1 (a VARCHAR(10), b TEXT, c CHAR(3) BINARY, d VARCHAR(4) CHARACTER SET utf8mb4, e ENUM('ä', 'b')) CHARACTER SET latin1;

-- name: table_collation_only
CREATE TABLE table_collation_only (a VARCHAR(10), b VARCHAR(10) CHARACTER SET utf8mb4, c TINYTEXT BINARY) COLLATE latin1_german2_ci;

-- name: session_utf8mb4_default
-- servers: mysql
-- session: SET SESSION default_collation_for_utf8mb4 = utf8mb4_general_ci
CREATE TABLE session_utf8mb4_default (a VARCHAR(10) CHARACTER SET utf8mb4, b VARCHAR(10)) CHARACTER SET utf8mb4;

-- name: enum_set_sizes
CREATE TABLE enum_set_sizes (
  s8 SET('1','2','3','4','5','6','7','8'),
  s9 SET('1','2','3','4','5','6','7','8','9'),
  s17 SET('1','2','3','4','5','6','7','8','9','10','11','12','13','14','15','16','17'),
  s25 SET('1','2','3','4','5','6','7','8','9','10','11','12','13','14','15','16','17','18','19','20','21','22','23','24','25'),
  s33 SET('1','2','3','4','5','6','7','8','9','10','11','12','13','14','15','16','17','18','19','20','21','22','23','24','25','26','27','28','29','30','31','32','33'),
  e1 ENUM('only'), el ENUM('ä', 'ö') CHARACTER SET latin1, eb ENUM('x', 'y') CHARACTER SET binary
);

-- name: enum_labels
CREATE TABLE enum_labels (
  e3 ENUM('ä', '日本', '🙂'), sp ENUM('a ', ' b', 'c\t', 'd  '), st SET('x ', 'y'), l ENUM('ä', '€') CHARACTER SET latin1,
  u ENUM('ä') CHARACTER SET utf8mb3, u16 ENUM('ä', '🙂') CHARACTER SET utf16, q ENUM('it''s', 'a,b', '')
);

-- name: enum_many_labels
CREATE TABLE enum_many_labels (e ENUM(
  'l000','l001','l002','l003','l004','l005','l006','l007','l008','l009','l010','l011','l012','l013','l014','l015','l016','l017','l018','l019',
  'l020','l021','l022','l023','l024','l025','l026','l027','l028','l029','l030','l031','l032','l033','l034','l035','l036','l037','l038','l039',
  'l040','l041','l042','l043','l044','l045','l046','l047','l048','l049','l050','l051','l052','l053','l054','l055','l056','l057','l058','l059',
  'l060','l061','l062','l063','l064','l065','l066','l067','l068','l069','l070','l071','l072','l073','l074','l075','l076','l077','l078','l079',
  'l080','l081','l082','l083','l084','l085','l086','l087','l088','l089','l090','l091','l092','l093','l094','l095','l096','l097','l098','l099',
  'l100','l101','l102','l103','l104','l105','l106','l107','l108','l109','l110','l111','l112','l113','l114','l115','l116','l117','l118','l119',
  'l120','l121','l122','l123','l124','l125','l126','l127','l128','l129','l130','l131','l132','l133','l134','l135','l136','l137','l138','l139',
  'l140','l141','l142','l143','l144','l145','l146','l147','l148','l149','l150','l151','l152','l153','l154','l155','l156','l157','l158','l159',
  'l160','l161','l162','l163','l164','l165','l166','l167','l168','l169','l170','l171','l172','l173','l174','l175','l176','l177','l178','l179',
  'l180','l181','l182','l183','l184','l185','l186','l187','l188','l189','l190','l191','l192','l193','l194','l195','l196','l197','l198','l199',
  'l200','l201','l202','l203','l204','l205','l206','l207','l208','l209','l210','l211','l212','l213','l214','l215','l216','l217','l218','l219',
  'l220','l221','l222','l223','l224','l225','l226','l227','l228','l229','l230','l231','l232','l233','l234','l235','l236','l237','l238','l239',
  'l240','l241','l242','l243','l244','l245','l246','l247','l248','l249','l250','l251','l252','l253','l254','l255','l256'
));

-- name: numbers
CREATE TABLE numbers (
  b1 BIT(1), b9 BIT(9), b16 BIT(16), b64 BIT(64), d1 DECIMAL(1), d65 DECIMAL(65, 30) UNSIGNED, d0 DECIMAL,
  f24 FLOAT(24), f25 FLOAT(25), f53 FLOAT(53), dd DOUBLE(10, 2) UNSIGNED, r REAL, bo BOOL, bi BIGINT UNSIGNED ZEROFILL,
  y YEAR, t6 TIME(6), dt1 DATETIME(1), ts6 TIMESTAMP(6) NULL, ts TIMESTAMP NULL
);

-- name: implied_primary_keys
CREATE TABLE implied_primary_keys (
  a INT, b INT NOT NULL, c VARCHAR(10) NOT NULL, d INT NOT NULL,
  UNIQUE KEY ua (a), UNIQUE KEY uc (c(3)), UNIQUE KEY ubd (b, d), UNIQUE KEY ud (d)
);

-- name: implied_primary_key_keeps_server_order
-- changes: modify_column
ALTER TABLE implied_primary_keys MODIFY a INT NOT NULL;

-- name: implied_primary_key_drop_first
-- changes: set_primary_key no_effect
ALTER TABLE implied_primary_keys DROP INDEX ubd;

-- name: serial_column
CREATE TABLE serial_column (x INT, id SERIAL, y INT NOT NULL, UNIQUE KEY (y));

-- name: shop_orders
CREATE TABLE shop_orders (
  id INT NOT NULL, customer VARCHAR(50), note TEXT, total DECIMAL(10, 2), state ENUM('new', 'paid'), PRIMARY KEY (id)
);

-- name: alter_multi
-- changes: drop_column rename_column modify_column add_column add_column modify_column
ALTER TABLE shop_orders
  ADD COLUMN created DATETIME(3) NOT NULL FIRST,
  DROP COLUMN note,
  RENAME COLUMN customer TO customer_name,
  MODIFY total DECIMAL(12, 3) UNSIGNED,
  ADD COLUMN paid_at TIMESTAMP(6) NULL AFTER state,
  MODIFY state ENUM('new', 'paid', 'shipped') NOT NULL AFTER id;

-- name: alter_change_rename_and_type
-- changes: rename_column rename_column modify_column no_effect
ALTER TABLE shop_orders CHANGE customer_name customer VARCHAR(200) CHARACTER SET latin1, CHANGE paid_at paid_on TIMESTAMP(6) NULL;

-- name: alter_swap_columns
-- changes: rename_column rename_column rename_column
ALTER TABLE shop_orders RENAME COLUMN created TO customer, RENAME COLUMN customer TO created;

-- name: alter_change_swap_with_types
ALTER TABLE shop_orders CHANGE created customer DATETIME(3) NOT NULL, CHANGE customer created VARCHAR(100) CHARACTER SET latin1 AFTER id;

-- name: alter_positions
ALTER TABLE shop_orders ADD a INT FIRST, ADD b INT AFTER a, MODIFY total DECIMAL(12, 3) UNSIGNED FIRST, ADD z INT, ADD c INT AFTER z;

-- name: alter_drop_add_same_name
ALTER TABLE shop_orders DROP COLUMN a, ADD COLUMN a BIGINT AFTER c, DROP COLUMN b;

-- name: alter_primary_key
-- changes: modify_column set_primary_key
ALTER TABLE shop_orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, z);

-- name: alter_drop_primary_key_column
-- servers: mysql
-- changes: drop_column set_primary_key
ALTER TABLE shop_orders DROP COLUMN z;

-- name: alter_drop_primary_key_column_mariadb
-- servers: mariadb
-- changes: drop_column set_primary_key
ALTER TABLE shop_orders DROP PRIMARY KEY, DROP COLUMN z, ADD PRIMARY KEY (id);

-- name: alter_unique_becomes_primary
-- changes: modify_column set_primary_key no_effect
ALTER TABLE shop_orders DROP PRIMARY KEY, ADD UNIQUE KEY u_c (c), MODIFY c INT NOT NULL;

-- name: alter_unique_nullable
ALTER TABLE shop_orders ADD UNIQUE KEY u_a (a);

-- name: alter_drop_unique_primary
-- changes: set_primary_key no_effect
ALTER TABLE shop_orders DROP INDEX u_c;

-- name: alter_not_null_promotes_unique
-- changes: modify_column set_primary_key
ALTER TABLE shop_orders MODIFY a BIGINT NOT NULL;

-- name: create_index_statement
CREATE UNIQUE INDEX u_id ON shop_orders (id);

-- name: alter_table_charset_then_add
-- changes: no_effect add_column
ALTER TABLE shop_orders DEFAULT CHARACTER SET latin1, ADD COLUMN remark VARCHAR(30);

-- name: alter_convert_latin1_to_utf8mb4
CREATE TABLE convert_me (t TINYTEXT, tt TEXT, m MEDIUMTEXT, v VARCHAR(2000), e ENUM('a'), c CHAR(10), b VARBINARY(3), j JSON) CHARACTER SET latin1;

-- name: alter_convert
ALTER TABLE convert_me CONVERT TO CHARACTER SET utf8mb4, ADD x TINYTEXT;

-- name: alter_convert_back
ALTER TABLE convert_me CONVERT TO CHARACTER SET latin1;

-- name: alter_convert_with_collation
ALTER TABLE convert_me CONVERT TO CHARACTER SET utf8mb3 COLLATE utf8mb3_bin;

-- name: alter_convert_with_modify
ALTER TABLE convert_me MODIFY t TEXT CHARACTER SET latin1, CHANGE x xx LONGTEXT, MODIFY v TINYTEXT, CONVERT TO CHARACTER SET utf8mb4;

-- name: alter_convert_long_varchar
-- session: SET SESSION sql_mode = ''
CREATE TABLE convert_long (v VARCHAR(20000) CHARACTER SET latin1, w VARCHAR(10) CHARACTER SET latin1);

-- name: alter_convert_long_varchar_run
-- session: SET SESSION sql_mode = ''
ALTER TABLE convert_long CONVERT TO CHARACTER SET utf8mb4;

-- name: alter_invisible_column
-- servers: mysql
ALTER TABLE shop_orders ALTER COLUMN remark SET INVISIBLE, ADD COLUMN hidden INT INVISIBLE;

-- name: alter_add_serial
ALTER TABLE convert_me ADD COLUMN id SERIAL FIRST;

-- name: alter_modify_in_primary_key
CREATE TABLE pk_modify (a INT, b VARCHAR(5), PRIMARY KEY (a, b));

-- name: alter_modify_in_primary_key_run
ALTER TABLE pk_modify MODIFY b VARCHAR(10), ADD c INT;

-- name: alter_add_primary_key_nullable
CREATE TABLE pk_add (a INT, b INT);

-- name: alter_add_primary_key_nullable_run
-- changes: modify_column set_primary_key
ALTER TABLE pk_add ADD PRIMARY KEY (b);

-- name: alter_rename_table
-- changes: add_column rename_table
ALTER TABLE pk_add ADD COLUMN c INT, RENAME TO pk_added;

-- name: long_unique_mariadb
-- servers: mariadb
CREATE TABLE long_unique_mariadb (a INT, t TEXT, u VARCHAR(10), w VARCHAR(2000), n INT, UNIQUE KEY ut (t), UNIQUE KEY uu (u) USING HASH, UNIQUE KEY uw (w, n));

-- name: long_unique_mariadb_add_column
-- servers: mariadb
ALTER TABLE long_unique_mariadb ADD COLUMN z INT AFTER a, DROP INDEX uu, ADD UNIQUE KEY ua (a) USING HASH;

-- name: system_versioning_add
-- servers: mariadb
CREATE TABLE versioned_later (id INT PRIMARY KEY, v INT);

-- name: system_versioning_add_run
-- servers: mariadb
ALTER TABLE versioned_later ADD SYSTEM VERSIONING;

-- name: system_versioning_drop_run
-- servers: mariadb
ALTER TABLE versioned_later DROP SYSTEM VERSIONING;

-- name: gh_ost_create_ghost
CREATE TABLE `_shop_orders_gho` LIKE `shop_orders`;

-- name: gh_ost_alter_ghost
ALTER TABLE `_shop_orders_gho` ADD COLUMN coupon VARCHAR(20) NULL, ENGINE=InnoDB;

-- name: gh_ost_changelog
CREATE TABLE `_shop_orders_ghc` (
  id BIGINT UNSIGNED AUTO_INCREMENT,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  hint VARCHAR(64) CHARSET ascii NOT NULL,
  value VARCHAR(4096) CHARSET ascii NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY hint_uidx (hint)
) AUTO_INCREMENT = 256 COMMENT = 'gh-ost changelog';

-- name: gh_ost_cut_over
-- changes: rename_table rename_table
RENAME TABLE `shop_orders` TO `_shop_orders_del`, `_shop_orders_gho` TO `shop_orders`;

-- name: gh_ost_drop_old
-- changes: drop_table
DROP TABLE IF EXISTS `_shop_orders_del`;

-- name: pt_osc_create_new
CREATE TABLE `_pk_modify_new` (a INT NOT NULL, b VARCHAR(10) NOT NULL, c INT, PRIMARY KEY (a, b));

-- name: pt_osc_alter_new
ALTER TABLE `_pk_modify_new` ADD COLUMN d DATE, MODIFY c BIGINT;

-- name: pt_osc_swap
-- changes: rename_table rename_table
RENAME TABLE `pk_modify` TO `_pk_modify_old`, `_pk_modify_new` TO `pk_modify`;

-- name: pt_osc_drop_old
-- changes: drop_table
DROP TABLE IF EXISTS `_pk_modify_old`;

-- name: more_alters_base
CREATE TABLE more_alters (id INT, a VARCHAR(10), b INT) CHARACTER SET latin1;

-- name: alter_add_list_and_key_attribute
-- changes: no_effect no_effect modify_column add_column add_column set_primary_key
ALTER TABLE more_alters ADD (c VARCHAR(5) COLLATE latin1_bin, d TEXT), MODIFY id INT PRIMARY KEY, ALGORITHM = COPY, LOCK = SHARED;

-- name: alter_rename_then_after
-- changes: no_effect no_effect rename_column add_column
ALTER TABLE more_alters RENAME COLUMN a TO aa, ADD e INT AFTER aa, ENGINE = InnoDB, COMMENT 'c';

-- name: alter_if_exists_mariadb
-- servers: mariadb
-- changes: no_effect no_effect no_effect add_column
ALTER TABLE more_alters DROP COLUMN IF EXISTS nope, CHANGE COLUMN IF EXISTS nope2 x INT, ADD COLUMN IF NOT EXISTS b INT, ADD COLUMN IF NOT EXISTS f INT;

-- name: alter_modify_keeps_table_charset
ALTER TABLE more_alters MODIFY aa VARCHAR(20), MODIFY d MEDIUMTEXT, MODIFY b INT UNSIGNED NOT NULL;

-- name: alter_timestamp_legacy
-- session: SET SESSION sql_mode = ''
-- session: SET SESSION explicit_defaults_for_timestamp = 0
-- options: {"explicitDefaultsForTimestamp": false}
ALTER TABLE more_alters ADD COLUMN ts TIMESTAMP, ADD COLUMN ts2 TIMESTAMP NULL;

-- name: partitioned_base
CREATE TABLE partitioned (id INT NOT NULL, d DATE NOT NULL, PRIMARY KEY (id, d)) PARTITION BY RANGE (YEAR(d)) (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN (2100));

-- name: partition_add
-- changes: no_effect
ALTER TABLE partitioned ADD PARTITION (PARTITION p2 VALUES LESS THAN MAXVALUE);

-- name: partition_truncate
-- changes: untranslatable
ALTER TABLE partitioned TRUNCATE PARTITION p0;

-- name: partition_drop
-- changes: untranslatable
ALTER TABLE partitioned DROP PARTITION p0;

-- name: drop_index_statement
-- changes: set_primary_key
DROP INDEX `PRIMARY` ON partitioned;

-- name: truncate_keeps_table
-- changes: truncate_table
TRUNCATE TABLE pk_modify;
