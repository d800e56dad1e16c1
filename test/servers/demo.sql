-- A small shop on the MySQL test server, so `make run` has something to replicate.
CREATE DATABASE IF NOT EXISTS shop;
USE shop;
CREATE TABLE IF NOT EXISTS customers (
  id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(100) NOT NULL, email VARCHAR(200),
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3));
CREATE TABLE IF NOT EXISTS orders (
  id BIGINT UNSIGNED PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL, total DECIMAL(12,2) NOT NULL,
  status ENUM('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new', items JSON,
  placed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6));
INSERT INTO customers (name, email)
  SELECT CONCAT('customer ', n), CONCAT('c', n, '@example.com')
  FROM (WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 100) SELECT n FROM s) nums
  WHERE NOT EXISTS (SELECT 1 FROM customers);
INSERT INTO orders (customer_id, total, status, items)
  SELECT 1 + n % 100, n * 3.25, ELT(1 + n % 4, 'new', 'paid', 'shipped', 'cancelled'), JSON_ARRAY(JSON_OBJECT('sku', n, 'qty', 1 + n % 3))
  FROM (WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 1000) SELECT n FROM s) nums
  WHERE NOT EXISTS (SELECT 1 FROM orders);
