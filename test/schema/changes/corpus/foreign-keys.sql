-- Statements run in order on both servers by foreign-keys.server.test.ts (database t_chg_fk_<flavor>, a
-- second one named OTHER here); after each, every tracked table's foreign keys and secondary
-- indexes must equal what information_schema says, and TABLE_MAP what the derivation says.
-- `servers` limits where one runs.

CREATE TABLE p (id INT PRIMARY KEY, a INT, b INT, UNIQUE KEY ab (a, b));

CREATE TABLE c (
  id INT PRIMARY KEY, pid INT, x INT, y INT,
  FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (x, y) REFERENCES p (a, b) ON DELETE SET NULL
);

CREATE TABLE c2 (id INT PRIMARY KEY, pid INT, CONSTRAINT named_fk FOREIGN KEY (pid) REFERENCES p (id) ON UPDATE SET NULL ON DELETE NO ACTION);

-- name: index name without CONSTRAINT (MariaDB names the constraint after it, MySQL does not)
CREATE TABLE c3 (id INT PRIMARY KEY, pid INT, FOREIGN KEY fkidx (pid) REFERENCES p (id) ON DELETE RESTRICT);

CREATE TABLE c4 (id INT PRIMARY KEY, pid INT, CONSTRAINT sym FOREIGN KEY fkidx2 (pid) REFERENCES p (id));

-- name: an index that starts with the columns serves the foreign key
CREATE TABLE c5 (id INT PRIMARY KEY, pid INT, KEY mine (pid, id), FOREIGN KEY (pid) REFERENCES p (id));

-- name: column-level REFERENCES
CREATE TABLE inl (id INT PRIMARY KEY, pid INT REFERENCES p (id) ON DELETE CASCADE, q INT);

CREATE TABLE emp (id INT PRIMARY KEY, boss INT, FOREIGN KEY (boss) REFERENCES emp (id) ON DELETE SET NULL);

-- name: numbering after a named key
CREATE TABLE mixed (
  id INT PRIMARY KEY, a INT REFERENCES p (id), b INT,
  CONSTRAINT mixed_ibfk_5 FOREIGN KEY (b) REFERENCES p (id), FOREIGN KEY (id) REFERENCES p (id) ON DELETE CASCADE
);

ALTER TABLE c DROP FOREIGN KEY c_ibfk_1;

ALTER TABLE c ADD FOREIGN KEY (pid) REFERENCES p (id) ON DELETE SET NULL;

-- name: generated names follow the table
RENAME TABLE c TO cc;

-- name: referencing tables follow the parent
RENAME TABLE p TO pp;

ALTER TABLE pp RENAME COLUMN id TO pid_new;

ALTER TABLE cc RENAME COLUMN pid TO parent;

ALTER TABLE cc CHANGE x xx INT;

ALTER TABLE emp RENAME TO staff;

ALTER TABLE staff RENAME COLUMN id TO sid;

-- name: a new generated index replaces an older generated one on the same columns
ALTER TABLE staff ADD CONSTRAINT f2 FOREIGN KEY (boss) REFERENCES pp (pid_new), ADD COLUMN z INT;

-- (MariaDB 10.11 refuses it: after the renames above it generates staff_ibfk_1 again, which is taken.)
-- servers: mysql
ALTER TABLE staff ADD COLUMN q INT REFERENCES pp (pid_new);

ALTER TABLE staff ADD CONSTRAINT by_sid FOREIGN KEY (sid) REFERENCES pp (pid_new);

-- name: an explicit index that starts with the columns replaces the generated one
ALTER TABLE inl ADD INDEX qp (pid, q);

CREATE TABLE cl LIKE c2;

ALTER TABLE c2 DROP CONSTRAINT named_fk;

ALTER TABLE c4 DROP FOREIGN KEY sym, DROP INDEX sym;

CREATE TABLE sd (id INT PRIMARY KEY, pid INT DEFAULT 5, FOREIGN KEY (pid) REFERENCES pp (pid_new) ON DELETE SET DEFAULT);

-- name: a parent moves to another database
RENAME TABLE pp TO OTHER.p3;

RENAME TABLE cc TO OTHER.cc, staff TO tmp, tmp TO staff2;

DROP TABLE c3;

ALTER TABLE c5 DROP FOREIGN KEY c5_ibfk_1, ADD CONSTRAINT c5_ibfk_7 FOREIGN KEY (pid) REFERENCES OTHER.p3 (pid_new), ADD FOREIGN KEY (id) REFERENCES OTHER.p3 (pid_new);

-- name: the child's own database, not the session's, for an unqualified parent
CREATE TABLE OTHER.k (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p3 (pid_new) ON DELETE CASCADE);

ALTER TABLE OTHER.p3 CHANGE pid_new pk INT NOT NULL;
