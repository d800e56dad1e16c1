// A DVD rental shop schema of our own, in the style of the well-known sample databases: the usual
// types in many orders (YEAR and BIT before DECIMAL and unsigned integers, ENUM/SET and JSON before
// character columns in other charsets, GEOMETRY before latin1 CHAR), composite, secondary and
// unique keys, triggers that write other tables (film_text kept by triggers on film; payments move
// a customer's balance; a late return inserts a fee payment, whose trigger moves the balance),
// and foreign keys with RESTRICT, CASCADE and SET NULL, a self-reference included.

/** Tables in load order (parents first). */
export const TABLES = [
  'country',
  'city',
  'address',
  'language',
  'category',
  'actor',
  'film',
  'film_text',
  'film_actor',
  'film_category',
  'store',
  'staff',
  'customer',
  'inventory',
  'rental',
  'payment',
] as const

const STAMP = 'last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP'

export const SCHEMA: string[] = [
  `CREATE TABLE country (
    country_id SMALLINT UNSIGNED NOT NULL,
    iso_code CHAR(2) CHARACTER SET latin1 NOT NULL,
    country VARCHAR(50) NOT NULL,
    ${STAMP},
    PRIMARY KEY (country_id), UNIQUE KEY uq_iso (iso_code))`,
  `CREATE TABLE city (
    city_id SMALLINT UNSIGNED NOT NULL,
    city VARCHAR(50) NOT NULL,
    country_id SMALLINT UNSIGNED NOT NULL,
    ${STAMP},
    PRIMARY KEY (city_id), KEY idx_country (country_id),
    CONSTRAINT fk_city_country FOREIGN KEY (country_id) REFERENCES country (country_id) ON DELETE RESTRICT ON UPDATE CASCADE)`,
  `CREATE TABLE address (
    address_id MEDIUMINT UNSIGNED NOT NULL,
    location POINT,
    postal_code CHAR(10) CHARACTER SET latin1,
    address VARCHAR(50) NOT NULL,
    address2 VARCHAR(50),
    district VARCHAR(20) NOT NULL,
    city_id SMALLINT UNSIGNED NOT NULL,
    phone VARCHAR(20) CHARACTER SET ascii NOT NULL,
    ${STAMP},
    PRIMARY KEY (address_id), KEY idx_city (city_id),
    CONSTRAINT fk_address_city FOREIGN KEY (city_id) REFERENCES city (city_id) ON DELETE RESTRICT ON UPDATE CASCADE)`,
  `CREATE TABLE language (
    language_id TINYINT UNSIGNED NOT NULL,
    name CHAR(20) CHARACTER SET latin1 NOT NULL,
    ${STAMP},
    PRIMARY KEY (language_id))`,
  `CREATE TABLE category (
    category_id TINYINT UNSIGNED NOT NULL,
    parent_id TINYINT UNSIGNED,
    name VARCHAR(25) NOT NULL,
    ${STAMP},
    PRIMARY KEY (category_id), KEY idx_parent (parent_id),
    CONSTRAINT fk_category_parent FOREIGN KEY (parent_id) REFERENCES category (category_id) ON DELETE SET NULL ON UPDATE CASCADE)`,
  `CREATE TABLE actor (
    actor_id SMALLINT UNSIGNED NOT NULL,
    born YEAR,
    first_name VARCHAR(45) NOT NULL,
    last_name VARCHAR(45) NOT NULL,
    awards TINYINT UNSIGNED NOT NULL DEFAULT 0,
    ${STAMP},
    PRIMARY KEY (actor_id), KEY idx_last_name (last_name))`,
  `CREATE TABLE film (
    film_id SMALLINT UNSIGNED NOT NULL,
    title VARCHAR(128) NOT NULL,
    description TEXT,
    release_year YEAR,
    flags BIT(8) NOT NULL DEFAULT b'0',
    language_id TINYINT UNSIGNED NOT NULL,
    original_language_id TINYINT UNSIGNED,
    rental_duration TINYINT UNSIGNED NOT NULL DEFAULT 3,
    rental_rate DECIMAL(4,2) NOT NULL DEFAULT 4.99,
    length SMALLINT UNSIGNED,
    replacement_cost DECIMAL(5,2) NOT NULL DEFAULT 19.99,
    rating ENUM('G','PG','PG-13','R','NC-17') DEFAULT 'G',
    special_features SET('Trailers','Commentaries','Deleted Scenes','Behind the Scenes'),
    metadata JSON,
    tagline VARCHAR(100) CHARACTER SET latin1,
    poster BLOB,
    last_update TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (film_id), UNIQUE KEY uq_title_year (title, release_year), KEY idx_language (language_id),
    CONSTRAINT fk_film_language FOREIGN KEY (language_id) REFERENCES language (language_id) ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT fk_film_original_language FOREIGN KEY (original_language_id) REFERENCES language (language_id) ON DELETE SET NULL ON UPDATE CASCADE)`,
  `CREATE TABLE film_text (
    film_id SMALLINT UNSIGNED NOT NULL,
    title VARCHAR(255) NOT NULL,
    description TEXT,
    PRIMARY KEY (film_id), FULLTEXT KEY idx_title_description (title, description))`,
  `CREATE TABLE film_actor (
    actor_id SMALLINT UNSIGNED NOT NULL,
    film_id SMALLINT UNSIGNED NOT NULL,
    billing TINYINT UNSIGNED NOT NULL,
    ${STAMP},
    PRIMARY KEY (actor_id, film_id), KEY idx_film (film_id),
    CONSTRAINT fk_film_actor_actor FOREIGN KEY (actor_id) REFERENCES actor (actor_id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT fk_film_actor_film FOREIGN KEY (film_id) REFERENCES film (film_id) ON DELETE CASCADE ON UPDATE CASCADE)`,
  `CREATE TABLE film_category (
    film_id SMALLINT UNSIGNED NOT NULL,
    category_id TINYINT UNSIGNED NOT NULL,
    ${STAMP},
    PRIMARY KEY (film_id, category_id),
    CONSTRAINT fk_film_category_film FOREIGN KEY (film_id) REFERENCES film (film_id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT fk_film_category_category FOREIGN KEY (category_id) REFERENCES category (category_id) ON DELETE RESTRICT ON UPDATE CASCADE)`,
  `CREATE TABLE store (
    store_id TINYINT UNSIGNED NOT NULL,
    manager_staff_id TINYINT UNSIGNED NOT NULL,
    address_id MEDIUMINT UNSIGNED NOT NULL,
    ${STAMP},
    PRIMARY KEY (store_id), UNIQUE KEY uq_manager (manager_staff_id),
    CONSTRAINT fk_store_address FOREIGN KEY (address_id) REFERENCES address (address_id) ON DELETE RESTRICT ON UPDATE CASCADE)`,
  `CREATE TABLE staff (
    staff_id TINYINT UNSIGNED NOT NULL,
    active BIT(1) NOT NULL DEFAULT b'1',
    first_name VARCHAR(45) NOT NULL,
    last_name VARCHAR(45) NOT NULL,
    address_id MEDIUMINT UNSIGNED NOT NULL,
    picture BLOB,
    email VARCHAR(50),
    store_id TINYINT UNSIGNED NOT NULL,
    username VARCHAR(16) CHARACTER SET latin1 NOT NULL,
    password BINARY(20),
    ${STAMP},
    PRIMARY KEY (staff_id), UNIQUE KEY uq_username (username),
    CONSTRAINT fk_staff_store FOREIGN KEY (store_id) REFERENCES store (store_id) ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT fk_staff_address FOREIGN KEY (address_id) REFERENCES address (address_id) ON DELETE RESTRICT ON UPDATE CASCADE)`,
  `CREATE TABLE customer (
    customer_id MEDIUMINT UNSIGNED NOT NULL,
    loyalty SET('newsletter','premium','family','student') NOT NULL DEFAULT '',
    store_id TINYINT UNSIGNED NOT NULL,
    first_name VARCHAR(45) NOT NULL,
    last_name VARCHAR(45) NOT NULL,
    email VARCHAR(50) CHARACTER SET latin1,
    address_id MEDIUMINT UNSIGNED NOT NULL,
    active TINYINT(1) NOT NULL DEFAULT 1,
    balance DECIMAL(9,2) NOT NULL DEFAULT 0,
    create_date DATETIME(6) NOT NULL,
    ${STAMP},
    PRIMARY KEY (customer_id), UNIQUE KEY uq_email (email), KEY idx_last_name (last_name), KEY idx_store (store_id),
    CONSTRAINT fk_customer_store FOREIGN KEY (store_id) REFERENCES store (store_id) ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT fk_customer_address FOREIGN KEY (address_id) REFERENCES address (address_id) ON DELETE RESTRICT ON UPDATE CASCADE)`,
  `CREATE TABLE inventory (
    inventory_id MEDIUMINT UNSIGNED NOT NULL,
    media ENUM('DVD','Blu-ray','VHS') NOT NULL DEFAULT 'DVD',
    film_id SMALLINT UNSIGNED NOT NULL,
    store_id TINYINT UNSIGNED NOT NULL,
    acquired DATE,
    ${STAMP},
    PRIMARY KEY (inventory_id), KEY idx_store_film (store_id, film_id),
    CONSTRAINT fk_inventory_film FOREIGN KEY (film_id) REFERENCES film (film_id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT fk_inventory_store FOREIGN KEY (store_id) REFERENCES store (store_id) ON DELETE RESTRICT ON UPDATE CASCADE)`,
  `CREATE TABLE rental (
    rental_id INT NOT NULL,
    rental_date DATETIME(3) NOT NULL,
    inventory_id MEDIUMINT UNSIGNED NOT NULL,
    customer_id MEDIUMINT UNSIGNED NOT NULL,
    return_date DATETIME,
    staff_id TINYINT UNSIGNED,
    ${STAMP},
    PRIMARY KEY (rental_id), UNIQUE KEY uq_rental (rental_date, inventory_id, customer_id),
    KEY idx_inventory (inventory_id), KEY idx_customer (customer_id),
    CONSTRAINT fk_rental_inventory FOREIGN KEY (inventory_id) REFERENCES inventory (inventory_id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT fk_rental_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id) ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT fk_rental_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id) ON DELETE SET NULL ON UPDATE CASCADE)`,
  `CREATE TABLE payment (
    payment_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    method ENUM('cash','card','voucher','fee') CHARACTER SET latin1 NOT NULL,
    customer_id MEDIUMINT UNSIGNED NOT NULL,
    staff_id TINYINT UNSIGNED,
    rental_id INT,
    amount DECIMAL(5,2) NOT NULL,
    payment_date DATETIME(6) NOT NULL,
    note VARCHAR(40) CHARACTER SET utf8mb3,
    ${STAMP},
    PRIMARY KEY (payment_id), KEY idx_customer (customer_id),
    CONSTRAINT fk_payment_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id) ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT fk_payment_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id) ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT fk_payment_rental FOREIGN KEY (rental_id) REFERENCES rental (rental_id) ON DELETE SET NULL ON UPDATE CASCADE)`,

  // film_text follows film through triggers, as in the sample databases.
  `CREATE TRIGGER ins_film AFTER INSERT ON film FOR EACH ROW
    INSERT INTO film_text (film_id, title, description) VALUES (NEW.film_id, NEW.title, NEW.description)`,
  `CREATE TRIGGER upd_film AFTER UPDATE ON film FOR EACH ROW BEGIN
    IF OLD.title <> NEW.title OR NOT (OLD.description <=> NEW.description) OR OLD.film_id <> NEW.film_id THEN
      UPDATE film_text SET title = NEW.title, description = NEW.description, film_id = NEW.film_id WHERE film_id = OLD.film_id;
    END IF;
  END`,
  `CREATE TRIGGER del_film AFTER DELETE ON film FOR EACH ROW DELETE FROM film_text WHERE film_id = OLD.film_id`,
  // Every payment moves its customer's balance.
  `CREATE TRIGGER ins_payment AFTER INSERT ON payment FOR EACH ROW
    UPDATE customer SET balance = balance + NEW.amount WHERE customer_id = NEW.customer_id`,
  `CREATE TRIGGER upd_payment AFTER UPDATE ON payment FOR EACH ROW BEGIN
    UPDATE customer SET balance = balance - OLD.amount WHERE customer_id = OLD.customer_id;
    UPDATE customer SET balance = balance + NEW.amount WHERE customer_id = NEW.customer_id;
  END`,
  `CREATE TRIGGER del_payment AFTER DELETE ON payment FOR EACH ROW
    UPDATE customer SET balance = balance - OLD.amount WHERE customer_id = OLD.customer_id`,
  // A return later than the film's rental duration charges a fee: a trigger that fires another.
  `CREATE TRIGGER upd_rental AFTER UPDATE ON rental FOR EACH ROW BEGIN
    IF OLD.return_date IS NULL AND NEW.return_date IS NOT NULL AND NEW.return_date > NEW.rental_date + INTERVAL 7 DAY THEN
      INSERT INTO payment (method, customer_id, staff_id, rental_id, amount, payment_date, note)
      VALUES ('fee', NEW.customer_id, NEW.staff_id, NEW.rental_id, -1.50 * LEAST(DATEDIFF(NEW.return_date, NEW.rental_date) - 7, 60), NEW.return_date, 'late fee ü');
    END IF;
  END`,
]
