-- Accounts of the test servers (loopback only). `chsync` may do anything, as in the tests that
-- create tables; `repl` has only what replication needs, as the README recommends.
CREATE USER IF NOT EXISTS 'chsync'@'127.0.0.1' IDENTIFIED BY 'chsync-test-pw';
GRANT ALL PRIVILEGES ON *.* TO 'chsync'@'127.0.0.1' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY 'repl-test-pw';
GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO 'repl'@'127.0.0.1';
FLUSH PRIVILEGES;
