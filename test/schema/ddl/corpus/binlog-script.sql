-- DDL run in order by capture.ts in database t_ddl_binlog on each server it names; the QUERY
-- events each statement wrote are stored in binlog-queries.json. `expect` is a partial AST that
-- the parse of every such event's text must match; `events` the number of events (default 1);
-- `database` the session database the event carries (default t_ddl_binlog; null for none). The servers rewrite
-- some statements: DROP TABLE loses its database qualifiers and gains a comment, CREATE VIEW /
-- TRIGGER / PROCEDURE gain a DEFINER, CREATE USER its password hash; temporary tables are not
-- logged at all in row format.

-- name: create_base
-- expect: {"kind":"create_table","table":{"database":null,"name":"t"},"primaryKey":[{"column":"id"}],"columns":[{"name":"id"},{"name":"a"},{"name":"b","type":{"name":"varchar","length":10}}]}
CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(10));

-- name: add_column_and_index
-- expect: {"kind":"alter_table","table":{"name":"t"},"actions":[
-- expect: {"kind":"add_column","column":{"name":"c","type":{"name":"int"},"nullable":false,"default":{"kind":"number","value":"0"}},"position":{"first":false,"after":"a"}},
-- expect: {"kind":"add_index","index":{"kind":"index","name":"idx_c","parts":[{"column":"c"}]}},
-- expect: {"kind":"no_effect","clause":"algorithm","text":"ALGORITHM=INPLACE"},
-- expect: {"kind":"no_effect","clause":"lock","text":"LOCK=NONE"}]}
ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 0 AFTER a, ADD INDEX idx_c (c), ALGORITHM=INPLACE, LOCK=NONE;

-- name: modify_and_change
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"modify_column","column":{"name":"b","type":{"name":"varchar","length":20,"charset":"latin1"},"nullable":false,"default":{"kind":"string","value":""}},"position":null},
-- expect: {"kind":"change_column","from":"a","column":{"name":"a2","type":{"name":"bigint"}},"position":{"first":true}}]}
ALTER TABLE t MODIFY b VARCHAR(20) CHARACTER SET latin1 NOT NULL DEFAULT '', CHANGE COLUMN a a2 BIGINT FIRST;

-- name: rename_column
-- expect: {"kind":"alter_table","actions":[{"kind":"rename_column","from":"a2","to":"a3"}]}
ALTER TABLE t RENAME COLUMN a2 TO a3;

-- name: set_default
-- expect: {"kind":"alter_table","actions":[{"kind":"alter_column_default","name":"c","default":{"kind":"number","value":"5"}}]}
ALTER TABLE t ALTER COLUMN c SET DEFAULT 5;

-- name: drop_default
-- expect: {"kind":"alter_table","actions":[{"kind":"alter_column_default","name":"c","default":null}]}
ALTER TABLE t ALTER c DROP DEFAULT;

-- name: drop_index_and_column
-- expect: {"kind":"alter_table","actions":[{"kind":"drop_index","name":"idx_c"},{"kind":"drop_column","name":"c","ifExists":false}]}
ALTER TABLE t DROP INDEX idx_c, DROP COLUMN c;

-- name: add_column_list
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"add_column","column":{"name":"d","type":{"name":"int"}},"position":null},
-- expect: {"kind":"add_column","column":{"name":"e","type":{"name":"varchar","length":5},"comment":"e, (list)"},"position":null}]}
ALTER TABLE t ADD (d INT, e VARCHAR(5) COMMENT 'e, (list)');

-- name: unique_and_rename_index
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"add_index","index":{"kind":"unique","name":"uq_d","parts":[{"column":"d"}]}},
-- expect: {"kind":"add_index","index":{"kind":"index","name":null,"parts":[{"column":"e","length":3}]}}]}
ALTER TABLE t ADD UNIQUE KEY uq_d (d), ADD KEY (e(3));

-- name: rename_index
-- expect: {"kind":"alter_table","actions":[{"kind":"rename_index","from":"uq_d","to":"uq_d2"}]}
ALTER TABLE t RENAME INDEX uq_d TO uq_d2;

-- name: table_options
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"table_options","options":{"engine":"InnoDB"}},
-- expect: {"kind":"table_options","options":{"comment":"x, y"}},
-- expect: {"kind":"table_options","options":{"autoIncrement":"10"}}]}
ALTER TABLE t ENGINE=InnoDB, COMMENT='x, y', AUTO_INCREMENT=10;

-- name: convert_charset
-- expect: {"kind":"alter_table","actions":[{"kind":"convert_charset","charset":"utf8mb4","collation":"utf8mb4_bin"}]}
ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- name: default_charset
-- expect: {"kind":"alter_table","actions":[{"kind":"table_options","options":{"charset":"latin1","collation":null}}]}
ALTER TABLE t DEFAULT CHARSET=latin1;

-- name: force
-- expect: {"kind":"alter_table","actions":[{"kind":"no_effect","clause":"force"}]}
ALTER TABLE t FORCE;

-- name: order_by
-- expect: {"kind":"alter_table","actions":[{"kind":"no_effect","clause":"order_by","text":"ORDER BY d DESC, e"}]}
ALTER TABLE t ORDER BY d DESC, e;

-- name: replace_primary_key
-- expect: {"kind":"alter_table","actions":[{"kind":"drop_primary_key"},{"kind":"add_index","index":{"kind":"primary","name":"PRIMARY","parts":[{"column":"id"},{"column":"d"}]}}]}
ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, d);

-- name: check_constraint
-- servers: mysql
-- expect: {"kind":"alter_table","actions":[{"kind":"add_check","check":{"constraint":"chk_id","expression":"id > 0","enforced":true}}]}
ALTER TABLE t ADD CONSTRAINT chk_id CHECK (id > 0);

-- name: check_enforcement
-- servers: mysql
-- expect: {"kind":"alter_table","actions":[{"kind":"no_effect","clause":"alter_check_enforcement"}]}
ALTER TABLE t ALTER CHECK chk_id NOT ENFORCED;

-- name: drop_check
-- servers: mysql
-- expect: {"kind":"alter_table","actions":[{"kind":"drop_constraint","name":"chk_id","constraint":"check"}]}
ALTER TABLE t DROP CHECK chk_id;

-- name: check_constraint_mariadb
-- servers: mariadb
-- expect: {"kind":"alter_table","actions":[{"kind":"add_check","check":{"constraint":"chk_id","expression":"id > 0"}}]}
ALTER TABLE t ADD CONSTRAINT chk_id CHECK (id > 0);

-- name: drop_constraint_mariadb
-- servers: mariadb
-- expect: {"kind":"alter_table","actions":[{"kind":"drop_constraint","name":"chk_id","constraint":"any","ifExists":true}]}
ALTER TABLE t DROP CONSTRAINT IF EXISTS chk_id;

-- name: index_visibility_mysql
-- servers: mysql
-- expect: {"kind":"alter_table","actions":[{"kind":"no_effect","clause":"alter_index_visibility","text":"ALTER INDEX uq_d2 INVISIBLE"}]}
ALTER TABLE t ALTER INDEX uq_d2 INVISIBLE;

-- name: index_ignored_mariadb
-- servers: mariadb
-- expect: {"kind":"alter_table","actions":[{"kind":"no_effect","clause":"alter_index_visibility"}]}
ALTER TABLE t ALTER INDEX uq_d2 IGNORED;

-- name: column_invisible_mysql
-- servers: mysql
-- expect: {"kind":"alter_table","actions":[{"kind":"alter_column_visibility","name":"e","invisible":true}]}
ALTER TABLE t ALTER COLUMN e SET INVISIBLE;

-- name: foreign_key_parent
-- expect: {"kind":"create_table","table":{"name":"parent"}}
CREATE TABLE parent (id INT PRIMARY KEY) ENGINE=InnoDB;

-- name: add_foreign_key
-- expect: {"kind":"alter_table","actions":[{"kind":"add_foreign_key","foreignKey":{"constraint":"fk_parent","columns":["d"],"references":{"table":{"name":"parent"},"columns":["id"],"onDelete":"CASCADE"}}}]}
ALTER TABLE t ADD CONSTRAINT fk_parent FOREIGN KEY (d) REFERENCES parent (id) ON DELETE CASCADE;

-- name: drop_foreign_key
-- expect: {"kind":"alter_table","actions":[{"kind":"drop_foreign_key","name":"fk_parent"}]}
ALTER TABLE t DROP FOREIGN KEY fk_parent;

-- name: disable_keys
-- expect: {"kind":"alter_table","table":{"name":"t"},"actions":[{"kind":"no_effect","clause":"disable_keys"}]}
/*!40000 ALTER TABLE `t` DISABLE KEYS */;

-- name: enable_keys
-- expect: {"kind":"alter_table","actions":[{"kind":"no_effect","clause":"enable_keys"}]}
/*!40000 ALTER TABLE `t` ENABLE KEYS */;

-- name: rename_via_alter
-- expect: {"kind":"alter_table","table":{"name":"t"},"actions":[{"kind":"rename_table","to":{"database":null,"name":"t2"}}]}
ALTER TABLE t RENAME TO t2;

-- name: rename_back
-- expect: {"kind":"rename_table","renames":[{"from":{"name":"t2"},"to":{"name":"t"}}]}
RENAME TABLE t2 TO t;

-- name: pt_osc_create_new
-- expect: {"kind":"create_table_like","table":{"database":"t_ddl_binlog","name":"_t_new"},"like":{"database":"t_ddl_binlog","name":"t"}}
CREATE TABLE `t_ddl_binlog`.`_t_new` LIKE `t_ddl_binlog`.`t`;

-- name: pt_osc_alter_new
-- expect: {"kind":"alter_table","table":{"database":"t_ddl_binlog","name":"_t_new"},"actions":[{"kind":"add_column","column":{"name":"f","type":{"name":"int"},"nullable":true}}]}
ALTER TABLE `t_ddl_binlog`.`_t_new` ADD COLUMN f INT;

-- name: pt_osc_trigger
-- expect: {"kind":"other"}
CREATE TRIGGER `pt_osc_t_ddl_binlog_t_del` AFTER DELETE ON `t_ddl_binlog`.`t` FOR EACH ROW DELETE IGNORE FROM `t_ddl_binlog`.`_t_new` WHERE `t_ddl_binlog`.`_t_new`.`id` <=> OLD.`id` AND `t_ddl_binlog`.`_t_new`.`d` <=> OLD.`d`;

-- name: pt_osc_swap
-- expect: {"kind":"rename_table","renames":[
-- expect: {"from":{"database":"t_ddl_binlog","name":"t"},"to":{"database":"t_ddl_binlog","name":"_t_old"}},
-- expect: {"from":{"database":"t_ddl_binlog","name":"_t_new"},"to":{"database":"t_ddl_binlog","name":"t"}}]}
RENAME TABLE `t_ddl_binlog`.`t` TO `t_ddl_binlog`.`_t_old`, `t_ddl_binlog`.`_t_new` TO `t_ddl_binlog`.`t`;

-- name: pt_osc_drop_old
-- expect: {"kind":"drop_table","ifExists":true,"tables":[{"database":null,"name":"_t_old"}]}
DROP TABLE IF EXISTS `t_ddl_binlog`.`_t_old`;

-- name: pt_osc_drop_trigger
-- expect: {"kind":"other","head":"DROP TRIGGER"}
DROP TRIGGER IF EXISTS `t_ddl_binlog`.`pt_osc_t_ddl_binlog_t_del`;

-- name: gh_ost_create_ghost
-- expect: {"kind":"create_table_like","table":{"name":"_t_gho"},"like":{"name":"t"}}
create /* gh-ost */ table `t_ddl_binlog`.`_t_gho` like `t_ddl_binlog`.`t`;

-- name: gh_ost_alter_ghost
-- expect: {"kind":"alter_table","table":{"name":"_t_gho"},"actions":[{"kind":"add_column","column":{"name":"g","type":{"name":"varchar","length":32}}},{"kind":"drop_column","name":"f"}]}
alter /* gh-ost */ table `t_ddl_binlog`.`_t_gho` add column g varchar(32) null, drop column f;

-- name: gh_ost_cut_over_table
-- expect: {"kind":"create_table","table":{"name":"_t_del"},"columns":[{"name":"id","type":{"name":"int"}}],"options":{"engine":"InnoDB","comment":"ghost-cut-over-sentry"}}
create /* gh-ost */ table `t_ddl_binlog`.`_t_del` (
			id int auto_increment primary key
		) engine=InnoDB comment='ghost-cut-over-sentry';

-- name: gh_ost_drop_sentry
-- expect: {"kind":"drop_table","tables":[{"name":"_t_del"}]}
drop /* gh-ost */ table if exists `t_ddl_binlog`.`_t_del`;

-- name: gh_ost_swap
-- expect: {"kind":"rename_table","renames":[{"from":{"name":"t"},"to":{"name":"_t_del"}},{"from":{"name":"_t_gho"},"to":{"name":"t"}}]}
rename /* gh-ost */ table `t_ddl_binlog`.`t` to `t_ddl_binlog`.`_t_del`, `t_ddl_binlog`.`_t_gho` to `t_ddl_binlog`.`t`;

-- name: truncate_table
-- expect: {"kind":"truncate_table","table":{"database":null,"name":"t"}}
TRUNCATE TABLE t;

-- name: truncate_short
-- expect: {"kind":"truncate_table","table":{"name":"t"}}
TRUNCATE t;

-- name: create_index
-- expect: {"kind":"create_index","table":{"name":"t"},"index":{"kind":"index","name":"idx_e","parts":[{"column":"e"}]}}
CREATE INDEX idx_e ON t (e);

-- name: create_unique_index
-- expect: {"kind":"create_index","index":{"kind":"unique","name":"idx_g","using":"BTREE","parts":[{"column":"g","descending":true}]}}
CREATE UNIQUE INDEX idx_g USING BTREE ON t (g DESC) COMMENT 'g' ALGORITHM = INPLACE LOCK = NONE;

-- name: drop_index
-- expect: {"kind":"drop_index","table":{"name":"t"},"name":"idx_e","ifExists":false}
DROP INDEX idx_e ON t;

-- name: create_database
-- database: null
-- expect: {"kind":"create_database","name":"t_ddl_binlog_other","ifNotExists":true,"charset":"latin1"}
CREATE DATABASE IF NOT EXISTS t_ddl_binlog_other CHARACTER SET latin1;

-- name: rename_across_databases
-- expect: {"kind":"rename_table","renames":[{"from":{"database":null,"name":"_t_del"},"to":{"database":"t_ddl_binlog_other","name":"moved"}}]}
RENAME TABLE _t_del TO t_ddl_binlog_other.moved;

-- name: alter_database
-- database: null
-- expect: {"kind":"alter_database","name":"t_ddl_binlog_other","charset":"utf8mb4","collation":"utf8mb4_bin"}
ALTER DATABASE t_ddl_binlog_other CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- name: drop_database
-- database: null
-- expect: {"kind":"drop_database","name":"t_ddl_binlog_other","ifExists":false}
DROP DATABASE t_ddl_binlog_other;

-- name: temporary_create
-- events: 0
CREATE TEMPORARY TABLE tmp (a INT);

-- name: drop_mixed_temporary
-- expect: {"kind":"drop_table","temporary":false,"tables":[{"name":"parent"}]}
DROP TABLE tmp, parent;

-- name: partitioned
-- expect: {"kind":"create_table","partitioning":{"method":"RANGE","names":["p0","p1"]}}
CREATE TABLE p (id INT, d DATE) PARTITION BY RANGE (YEAR(d)) (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN (2010));

-- name: add_partition
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"add","changesRows":false}]}
ALTER TABLE p ADD PARTITION (PARTITION p2 VALUES LESS THAN (2020));

-- name: truncate_partition
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"truncate","partitions":["p0"],"changesRows":true}]}
ALTER TABLE p TRUNCATE PARTITION p0;

-- name: drop_partition
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"drop","partitions":["p1"],"changesRows":true}]}
ALTER TABLE p DROP PARTITION p1;

-- name: reorganize_partition
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"reorganize","partitions":["p2"],"changesRows":false}]}
ALTER TABLE p REORGANIZE PARTITION p2 INTO (PARTITION p2a VALUES LESS THAN (2015), PARTITION p2b VALUES LESS THAN (2020));

-- name: analyze_partition
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"analyze","partitions":"ALL","changesRows":false}]}
ALTER TABLE p ANALYZE PARTITION ALL;

-- name: remove_partitioning
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"remove_partitioning"}]}
ALTER TABLE p REMOVE PARTITIONING;

-- name: repartition
-- expect: {"kind":"alter_table","actions":[{"kind":"partitioning","partitioning":{"method":"HASH","count":2,"expression":"id"}}]}
ALTER TABLE p PARTITION BY HASH (id) PARTITIONS 2;

-- name: coalesce_partition
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"coalesce","partitions":[]}]}
ALTER TABLE p COALESCE PARTITION 1;

-- name: exchange_target
-- expect: {"kind":"create_table","table":{"name":"ex"}}
CREATE TABLE ex (id INT, d DATE);

-- name: exchange_partition
-- servers: mysql
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"exchange","partitions":["p0"],"changesRows":true}]}
ALTER TABLE p EXCHANGE PARTITION p0 WITH TABLE ex WITHOUT VALIDATION;

-- name: exchange_partition_mariadb
-- servers: mariadb
-- expect: {"kind":"alter_table","actions":[{"kind":"partition_operation","operation":"exchange","partitions":["p0"],"changesRows":true}]}
ALTER TABLE p EXCHANGE PARTITION p0 WITH TABLE ex;

-- name: mariadb_if_exists
-- servers: mariadb
-- expect: {"kind":"alter_table","actions":[
-- expect: {"kind":"add_column","ifNotExists":true,"column":{"name":"h","type":{"name":"int"}}},
-- expect: {"kind":"drop_column","ifExists":true,"name":"nope"},
-- expect: {"kind":"add_index","ifNotExists":true,"index":{"name":"idx_h"}}]}
ALTER TABLE ex ADD COLUMN IF NOT EXISTS h INT, DROP COLUMN IF EXISTS nope, ADD INDEX IF NOT EXISTS idx_h (h);

-- name: mariadb_wait
-- servers: mariadb
-- expect: {"kind":"alter_table","online":false,"actions":[{"kind":"add_column","column":{"name":"i"}}]}
ALTER TABLE ex WAIT 5 ADD i INT;

-- name: mariadb_online
-- servers: mariadb
-- expect: {"kind":"alter_table","online":true,"actions":[{"kind":"add_column","column":{"name":"j","type":{"name":"bigint"}}}]}
ALTER ONLINE TABLE ex ADD COLUMN j BIGINT;

-- name: mariadb_system_versioning
-- servers: mariadb
-- expect: {"kind":"alter_table","actions":[{"kind":"system_versioning","add":true}]}
ALTER TABLE ex ADD SYSTEM VERSIONING;

-- name: mariadb_drop_system_versioning
-- servers: mariadb
-- expect: {"kind":"alter_table","actions":[{"kind":"system_versioning","add":false}]}
ALTER TABLE ex DROP SYSTEM VERSIONING;

-- name: mariadb_alter_if_exists
-- servers: mariadb
-- expect: {"kind":"alter_table","ifExists":true,"table":{"name":"ex"},"actions":[{"kind":"table_options","options":{"comment":"c"}}]}
ALTER TABLE IF EXISTS ex COMMENT 'c';

-- name: mariadb_create_or_replace
-- servers: mariadb
-- expect: {"kind":"create_table","orReplace":true,"table":{"name":"ex2"}}
CREATE OR REPLACE TABLE ex2 (a INT);

-- name: mariadb_rename_if_exists
-- servers: mariadb
-- expect: {"kind":"rename_table","ifExists":true,"renames":[{"from":{"name":"ex2"},"to":{"name":"ex3"}}]}
RENAME TABLE IF EXISTS ex2 TO ex3;

-- name: mysql_ex3
-- servers: mysql
-- expect: {"kind":"create_table","table":{"name":"ex3"}}
CREATE TABLE ex3 (a INT);

-- name: create_view
-- expect: {"kind":"other"}
CREATE VIEW v AS SELECT id FROM ex;

-- name: drop_view
-- expect: {"kind":"other","head":"DROP VIEW"}
DROP VIEW v;

-- name: create_user
-- expect: {"kind":"other"}
CREATE USER 't_ddl_user'@'localhost' IDENTIFIED BY 'pw';

-- name: grant
-- expect: {"kind":"other"}
GRANT SELECT ON t_ddl_binlog.* TO 't_ddl_user'@'localhost';

-- name: drop_user
-- expect: {"kind":"other","head":"DROP USER"}
DROP USER 't_ddl_user'@'localhost';

-- name: create_procedure
-- expect: {"kind":"other"}
CREATE PROCEDURE pr() SELECT 1;

-- name: drop_procedure
-- expect: {"kind":"other","head":"DROP PROCEDURE"}
DROP PROCEDURE pr;

-- name: analyze_table
-- expect: {"kind":"other","head":"ANALYZE TABLE"}
ANALYZE TABLE ex;

-- name: optimize_table
-- expect: {"kind":"other","head":"OPTIMIZE TABLE"}
OPTIMIZE TABLE ex3;

-- name: drop_many
-- expect: {"kind":"drop_table","ifExists":false,"tables":[{"name":"ex"},{"name":"ex3"},{"name":"p"}]}
DROP TABLE ex, ex3, p;

-- name: drop_rest
-- expect: {"kind":"drop_table","ifExists":true}
DROP TABLE IF EXISTS t, t2, nothing_here;
