// The rental shop's day-to-day changes (rental-shop-schema.ts), in two groups. `dailyMix` never
// changes a referenced key nor deletes a referenced row, so no foreign-key action runs: only
// triggers write other tables. `cascades` runs every referential action of the schema (CASCADE
// deletes three levels deep, SET NULL, a self-reference, ON UPDATE CASCADE of parent keys), which
// MariaDB does not write to the binlog for the child rows (issue 11, part 2).

import type mysql from 'mysql2/promise'
import { SIZES } from './rental-shop.ts'

/**
 * One round of ordinary business; `round` (1, 2, …) picks fresh ids for the rows it creates.
 * Films, actors and customers created here have no children, so their keys can change.
 */
export async function dailyMix(sql: mysql.Connection, round: number): Promise<void> {
  const film = 9_000 + round * 200
  const actor = 2_000 + round * 200
  const customer = 20_000 + round * 1_000
  const rental = 500_000 + round * 10_000
  const run = (s: string) => sql.query(s)

  // Films: price changes, title changes that the film_text trigger follows, extremes.
  await run(`UPDATE film SET rental_rate = LEAST(rental_rate + 1.00, 99.99) WHERE film_id % 50 = ${round}`)
  await run(
    `UPDATE film SET title = CONCAT(LEFT(title, 100), ' (DIRECTOR''S CUT ${round})'), description = IF(film_id % 2, NULL, CONCAT('Restauré ', description)) WHERE film_id % 97 = ${round}`,
  )
  await run(
    `UPDATE film SET release_year = 2155, length = 65535, flags = b'11111111', special_features = '', rating = 'NC-17', metadata = JSON_OBJECT('restored', TRUE, 'round', ${round}, 'ü', -1.5) WHERE film_id % 89 = ${round}`,
  )
  await run(`UPDATE film SET poster = REPEAT(x'ab', 5000), tagline = 'Ça déménage' WHERE film_id % 200 = ${round + 2}`)
  await run(`INSERT INTO film (film_id, title, release_year, language_id, rental_rate, length, rating, special_features) VALUES
    ${Array.from({ length: 40 }, (_, i) => `(${film + i}, 'NEW RELEASE ${round}-${i} ü', ${i % 2 ? 'NULL' : 1901 + i}, ${1 + (i % 5)}, ${i % 3 ? '-0.50' : '0.00'}, ${i % 4 ? 0 : 'NULL'}, 'PG', 'Trailers,Behind the Scenes')`).join(', ')}`)
  await run(`UPDATE film SET film_id = film_id + 30000 WHERE film_id BETWEEN ${film} AND ${film + 19}`)
  await run(`DELETE FROM film WHERE film_id BETWEEN ${film + 30010} AND ${film + 30019} OR film_id BETWEEN ${film + 30} AND ${film + 39}`)

  // Actors and customers: attribute changes, newcomers, key changes and deletes of the newcomers.
  await run(`UPDATE actor SET awards = LEAST(awards + 1, 255), born = IFNULL(born, 1999) WHERE actor_id % 10 = ${round}`)
  await run(
    `INSERT INTO actor (actor_id, born, first_name, last_name) VALUES ${Array.from({ length: 60 }, (_, i) => `(${actor + i}, ${i % 3 ? 2000 + i : 'NULL'}, 'Nuevo', 'Actor ${round}-${i} 日本')`).join(', ')}`,
  )
  await run(
    `UPDATE actor SET actor_id = actor_id + 20000, last_name = CONCAT(last_name, ' ✓') WHERE actor_id BETWEEN ${actor} AND ${actor + 19}`,
  )
  await run(`DELETE FROM actor WHERE actor_id BETWEEN ${actor + 40} AND ${actor + 59}`)
  await run(`UPDATE customer SET loyalty = loyalty | 2, active = 1 - active, last_name = 'Ñandú' WHERE customer_id % 211 = ${round}`)
  await run(`UPDATE customer SET email = NULL, create_date = '2038-01-19 03:14:07.999999' WHERE customer_id % 307 = ${round}`)
  await run(`INSERT INTO customer (customer_id, loyalty, store_id, first_name, last_name, email, address_id, create_date) VALUES
    ${Array.from({ length: 60 }, (_, i) => `(${customer + i}, 'student', ${1 + (i % SIZES.stores)}, 'Neu', 'Kunde ${i}', ${i % 5 ? `'n${round}-${i}@mail.example'` : 'NULL'}, ${500 + i}, '2024-02-29 12:34:56.${String(i).padStart(6, '0')}')`).join(', ')}`)
  await run(`UPDATE customer SET customer_id = customer_id + 100000 WHERE customer_id BETWEEN ${customer} AND ${customer + 19}`)
  await run(`DELETE FROM customer WHERE customer_id BETWEEN ${customer + 40} AND ${customer + 59}`)

  // Rentals and payments, in transactions: returns (a late one charges a fee by trigger, whose
  // payment trigger moves the balance), new rentals paid for, refunds, corrections, deletes.
  await run('BEGIN')
  await run(`UPDATE rental SET return_date = rental_date + INTERVAL 12 DAY WHERE return_date IS NULL AND rental_id % 30 = ${round * 10}`)
  await run(`UPDATE rental SET return_date = rental_date + INTERVAL 2 DAY WHERE return_date IS NULL AND rental_id % 30 = ${round * 10 + 5}`)
  await run(`INSERT INTO rental (rental_id, rental_date, inventory_id, customer_id, return_date, staff_id) VALUES
    ${Array.from({ length: 500 }, (_, i) => `(${rental + i}, '2026-0${round}-01 10:00:00' + INTERVAL ${i * 61} SECOND + INTERVAL ${(i % 1000) * 1000} MICROSECOND, ${1 + ((i * 37) % (SIZES.films * SIZES.copiesPerFilm))}, ${1 + ((i * 53) % SIZES.customers)}, NULL, ${i % 11 ? 1 + (i % SIZES.staff) : 'NULL'})`).join(', ')}`)
  await run(`INSERT INTO payment (method, customer_id, staff_id, rental_id, amount, payment_date, note)
    SELECT 'card', customer_id, staff_id, rental_id, 3.99, rental_date, 'paid at the counter' FROM rental WHERE rental_id BETWEEN ${rental} AND ${rental + 399}`)
  await run('COMMIT')
  await run(`UPDATE payment SET amount = -amount, method = 'voucher', note = 'refund ü' WHERE payment_id % 113 = ${round}`)
  await run(`UPDATE payment SET customer_id = 1 + (customer_id % ${SIZES.customers}) WHERE payment_id % 1009 = ${round}`)
  await run(`DELETE FROM payment WHERE payment_id % 100 = ${50 + round}`)
  await run(
    `DELETE r FROM rental r LEFT JOIN payment p ON p.rental_id = r.rental_id WHERE p.payment_id IS NULL AND r.rental_id % 7 = ${round}`,
  )
  // A transaction rolled back leaves nothing in the binlog and nothing in the copy.
  await run('BEGIN')
  await run('UPDATE customer SET balance = 0')
  await run('ROLLBACK')

  // The rest of the shop: places, staff, stock, catalogue.
  await run(
    `UPDATE address SET location = IF(address_id % 2, Point(0, 0), NULL), postal_code = 'ÖÄ-${round}', address2 = 'Hinterhaus' WHERE address_id % 500 = ${round}`,
  )
  await run(`UPDATE staff SET active = b'0', picture = REPEAT(x'00', 10), password = NULL WHERE staff_id = ${20 + round}`)
  await run(`UPDATE inventory SET media = 'Blu-ray', acquired = '2024-02-29' WHERE inventory_id % 300 = ${round}`)
  await run(`UPDATE category SET name = CONCAT(name, ' ${round}') WHERE category_id % 5 = ${round % 5}`)
  await run(`UPDATE country SET country = CONCAT(country, ' ·') WHERE country_id % 9 = ${round}`)
}

/** Statements RESTRICT must refuse (errno 1451): they change nothing, here or in the copy. */
export const RESTRICTED = [
  'DELETE FROM language WHERE language_id = 1',
  'DELETE FROM category WHERE category_id = 1',
  'DELETE FROM store WHERE store_id = 1',
  'DELETE FROM country WHERE country_id = 1',
  'DELETE FROM customer WHERE customer_id = (SELECT customer_id FROM (SELECT customer_id FROM payment ORDER BY payment_id LIMIT 1) p)',
]

/** Every referential action of the schema, on parents with children. */
export const CASCADES = [
  // Three levels: film → inventory → rental (CASCADE) → payment.rental_id (SET NULL); film_actor,
  // film_category (CASCADE); film_text by trigger.
  'DELETE FROM film WHERE film_id % 400 = 7',
  // ON UPDATE CASCADE into film_actor.
  'UPDATE actor SET actor_id = actor_id + 20000 WHERE actor_id % 100 = 11',
  // SET NULL into rental.staff_id and payment.staff_id.
  'DELETE FROM staff WHERE staff_id IN (59, 60)',
  // A self-reference: the subcategories' parent_id becomes NULL.
  'DELETE FROM category WHERE category_id = 20',
  'UPDATE country SET country_id = country_id + 1000 WHERE country_id % 10 = 3',
  // ON UPDATE CASCADE then ON DELETE SET NULL into film.original_language_id.
  'UPDATE language SET language_id = 60 WHERE language_id = 6',
  'DELETE FROM language WHERE language_id = 60',
  // Into rental and payment.
  'UPDATE customer SET customer_id = customer_id + 1000000 WHERE customer_id % 500 = 7',
  // Into film_actor, film_category and inventory; film_text by trigger.
  'UPDATE film SET film_id = film_id + 40000 WHERE film_id % 1000 = 123',
  // Into inventory, staff and customer (hundreds of rows).
  'UPDATE store SET store_id = store_id + 100 WHERE store_id = 20',
  // Into rental.
  'UPDATE inventory SET inventory_id = inventory_id + 1000000 WHERE inventory_id % 1000 = 9',
]
