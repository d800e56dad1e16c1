// Data for the rental shop schema (rental-shop-schema.ts): a seeded generator of realistic rows
// (multibyte names, latin1 codes, points, JSON, blobs, fractional timestamps, the odd extreme
// value), loaded with batched multi-row INSERTs; the films and the rental activity come in
// ranges, so that a test can load part before chsync starts and part while it streams.

import type mysql from 'mysql2/promise'
import { SCHEMA } from './rental-shop-schema.ts'
import { seeded } from '../../support/random.ts'

export const SIZES = {
  countries: 109,
  cities: 600,
  addresses: 12_000,
  actors: 1_500,
  /** Categories 1-19 hold films; 20 holds none and is the parent of 21-24. */
  categories: 24,
  stores: 20,
  staff: 60,
  customers: 10_000,
  films: 8_000,
  /** Inventory items per film; rentals per inventory item (on average). */
  copiesPerFilm: 5,
  rentalsPerCopy: 2,
} as const

const BATCH = 2_000

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
const pad = (n: number | string, w = 2) => String(n).padStart(w, '0')
const tuple = (values: (string | number)[]) => `(${values.join(', ')})`

const COUNTRY_NAMES = ['Österreich', '日本', "Côte d'Ivoire", 'España', 'Россия', 'Ελλάδα', 'Brasil', 'Türkiye', 'Việt Nam', 'Ísland']
const FIRST = [
  'Ana',
  'Björk',
  'Chloé',
  'Dmitri',
  'Émile',
  'Fatima',
  'Giulia',
  'Hiro',
  'Ingrid',
  'José',
  'Kenji',
  'Łukasz',
  'Mónica',
  'Nour',
  'Øystein',
  'Zoë',
]
const LAST = [
  'Åberg',
  'Brontë',
  'Castaño',
  'Dvořák',
  'Eriksson',
  'Fernández',
  'Gödel',
  'Hernández',
  'Ibáñez',
  'Jönsson',
  'Kovač',
  'Müller',
  'Núñez',
  "O'Brien",
  'Świątek',
  '山田',
]
const ADJ = ['Academy', 'Ace', 'Brave', 'Crimson', 'Daring', 'Electric', 'Frozen', 'Golden', 'Hidden', 'Ivory', 'Jade', 'Lonely']
const NOUN = [
  'Dinosaur',
  'Goldfinger',
  'Harbor',
  'Idols',
  'Journey',
  'Knight',
  'Lagoon',
  'Mirror',
  'Nightmare',
  'Oasis',
  'Pirates',
  'Quest',
]
const LANGUAGES = ['English', 'Italian', 'Japanese', 'Mandarin', 'Français', 'Deutsch']
const RATINGS = ['G', 'PG', 'PG-13', 'R', 'NC-17']
const FEATURES = ['Trailers', 'Commentaries', 'Deleted Scenes', 'Behind the Scenes']
const LOYALTY = ['newsletter', 'premium', 'family', 'student']
const MEDIA = ['DVD', 'Blu-ray', 'VHS']
const METHODS = ['cash', 'card', 'voucher']

/** The shop's start: rentals are spread over the following years. */
const EPOCH = Date.UTC(2005, 4, 24, 22, 53, 30)

function datetime(ms: number, digits: number): string {
  const d = new Date(ms)
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  // Microseconds made up from the milliseconds, so that DATETIME(6) values use all six digits.
  const fraction = pad(d.getUTCMilliseconds(), 3) + pad((ms * 7) % 1000, 3)
  return digits ? `${base}.${fraction.slice(0, digits)}` : base
}

export class RentalShop {
  private readonly rand: () => number

  constructor(
    private readonly sql: mysql.Connection,
    seed = 11,
  ) {
    this.rand = seeded(seed)
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1))
  }

  private pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.rand() * a.length)]
  }

  private bytes(n: number): string {
    return `x'${Array.from({ length: n }, () => pad(this.int(0, 255).toString(16))).join('')}'`
  }

  /** Multi-row INSERTs of `rows` (SQL literal tuples), BATCH rows at a time; returns the row count. */
  async insert(table: string, columns: string, rows: string[]): Promise<number> {
    for (let i = 0; i < rows.length; i += BATCH)
      await this.sql.query(`INSERT INTO ${table} (${columns}) VALUES ${rows.slice(i, i + BATCH).join(', ')}`)
    return rows.length
  }

  async createSchema(): Promise<void> {
    for (const statement of SCHEMA) await this.sql.query(statement)
  }

  /** Countries to customers: everything but films and the rental activity. */
  async loadReference(): Promise<number> {
    const range = (count: number) => Array.from({ length: count }, (_, i) => i + 1)
    const rows = (count: number, row: (i: number) => (string | number)[]) => range(count).map((i) => tuple(row(i)))
    let n = 0
    n += await this.insert(
      'country',
      'country_id, iso_code, country',
      rows(SIZES.countries, (i) => [
        i,
        `'${String.fromCharCode(65 + (i % 26), 65 + Math.floor(i / 26))}'`,
        q(COUNTRY_NAMES[i - 1] ?? `Country ${i}`),
      ]),
    )
    n += await this.insert(
      'city',
      'city_id, city, country_id',
      rows(SIZES.cities, (i) => [
        i,
        q(`${this.pick(['San', 'Nueva', 'Saint', 'Nový', 'Ōsaka'])} ${this.pick(NOUN)} ${i}`),
        1 + (i % SIZES.countries),
      ]),
    )
    n += await this.insert(
      'address',
      'address_id, location, postal_code, address, address2, district, city_id, phone',
      rows(SIZES.addresses, (i) => [
        i,
        i % 97 === 0 ? 'NULL' : `Point(${(this.rand() * 360 - 180).toFixed(6)}, ${(this.rand() * 180 - 90).toFixed(6)})`,
        i % 11 === 0 ? 'NULL' : q(i % 5 ? pad(this.int(0, 99999), 5) : `Ä-${this.int(100, 999)}`),
        q(`${this.int(1, 1999)} ${this.pick(NOUN)} ${this.pick(['Street', 'Straße', 'Avenida', 'Lane'])}`),
        i % 7 ? 'NULL' : q(`Apt ${i % 300}`),
        q(this.pick(['Alberta', 'Île-de-France', 'Bayern', '東京都', 'QLD'])),
        1 + (i % SIZES.cities),
        `'${this.int(100000000, 999999999)}${pad(i % 100)}'`,
      ]),
    )
    n += await this.insert(
      'language',
      'language_id, name',
      LANGUAGES.map((l, i) => tuple([i + 1, q(l)])),
    )
    // Categories 1-4 and 20 are top level; 21-24 belong to 20, which holds no films.
    n += await this.insert(
      'category',
      'category_id, parent_id, name',
      rows(SIZES.categories, (i) => [
        i,
        i <= 4 || i === 20 ? 'NULL' : i > 20 ? 20 : 1 + (i % 4),
        q(`${this.pick(['Action', 'Animación', 'Children', 'Classics', 'Comedy', 'Documentary', 'Drama', 'Horror', 'Sci-Fi'])} ${i}`),
      ]),
    )
    n += await this.insert(
      'actor',
      'actor_id, born, first_name, last_name, awards',
      rows(SIZES.actors, (i) => [
        i,
        i % 50 === 0 ? 'NULL' : i === 1 ? 1901 : i === 2 ? 2155 : this.int(1920, 2005),
        q(this.pick(FIRST)),
        q(this.pick(LAST)),
        i === 3 ? 255 : this.int(0, 12),
      ]),
    )
    // The stores' managers are their first staff members (staff 1-20); store.manager_staff_id is not a foreign key.
    n += await this.insert(
      'store',
      'store_id, manager_staff_id, address_id',
      rows(SIZES.stores, (i) => [i, i, i]),
    )
    n += await this.insert(
      'staff',
      'staff_id, active, first_name, last_name, address_id, picture, email, store_id, username, password',
      rows(SIZES.staff, (i) => [
        i,
        i % 9 === 0 ? "b'0'" : "b'1'",
        q(this.pick(FIRST)),
        q(this.pick(LAST)),
        100 + i,
        i % 3 ? 'NULL' : this.bytes(this.int(16, 200)),
        q(`staff${i}@shop.example`),
        1 + ((i - 1) % SIZES.stores),
        q(i % 4 ? `staff${i}` : `bjørn${i}`),
        i % 10 === 0 ? 'NULL' : this.bytes(20),
      ]),
    )
    n += await this.insert(
      'customer',
      'customer_id, loyalty, store_id, first_name, last_name, email, address_id, active, create_date',
      rows(SIZES.customers, (i) => [
        i,
        `'${LOYALTY.filter(() => this.rand() < 0.3).join(',')}'`,
        1 + (i % SIZES.stores),
        q(this.pick(FIRST)),
        q(this.pick(LAST)),
        i % 23 === 0 ? 'NULL' : q(`${i % 3 ? 'c' : 'é'}${i}@mail.example`),
        200 + (i % (SIZES.addresses - 200)),
        i % 17 === 0 ? 0 : 1,
        `'${datetime(EPOCH - this.int(0, 5e10), 6)}'`,
      ]),
    )
    return n
  }

  /** Films `from`..`to` with their actors and categories (film_text follows by trigger). */
  async loadFilms(from: number, to: number): Promise<number> {
    const films: string[] = []
    const actors: string[] = []
    const categories: string[] = []
    for (let i = from; i <= to; i++) {
      const year = i % 61 === 0 ? 'NULL' : i === 1 ? '1901' : i === 2 ? '2155' : String(this.int(1950, 2024))
      const rate = i % 499 === 0 ? '99.99' : i % 503 === 0 ? '-0.01' : this.pick(['0.99', '2.99', '4.99'])
      const length = i % 401 === 0 ? '65535' : i % 67 === 0 ? 'NULL' : String(this.int(46, 185))
      const original = i % 3 ? 'NULL' : String(this.pick([2, 3, 4, 5, 6]))
      const meta = {
        imdb: `tt${pad(i * 37, 7)}`,
        score: Math.round(this.rand() * 1000) / 100,
        tags: [this.pick(ADJ).toLowerCase(), 'ü'],
        sequel: i % 5 === 0 ? i + 1 : null,
      }
      films.push(
        tuple([
          i,
          q(`${this.pick(ADJ)} ${this.pick(NOUN)} ${i}`.toUpperCase()),
          i % 41 === 0
            ? 'NULL'
            : q(
                `A ${this.pick(['Epic', 'Fateful', 'Touching', 'Astounding'])} tale of a ${this.pick(NOUN)} and a ${this.pick(FIRST)} — ${i}`,
              ),
          year,
          this.int(0, 255),
          this.int(1, 5),
          original,
          i % 701 === 0 ? 255 : this.int(3, 7),
          rate,
          length,
          (9.99 + this.int(0, 20)).toFixed(2),
          `'${this.pick(RATINGS)}'`,
          `'${FEATURES.filter(() => this.rand() < 0.4).join(',')}'`,
          i % 29 === 0 ? 'NULL' : q(JSON.stringify(meta)),
          i % 4 ? 'NULL' : q(`Très ${this.pick(ADJ).toLowerCase()} à voir`),
          i % 13 ? 'NULL' : this.bytes(this.int(1, 300)),
        ]),
      )
      const cast = new Set<number>()
      const size = this.int(3, 7)
      while (cast.size < size) cast.add(this.int(1, SIZES.actors))
      ;[...cast].forEach((a, b) => actors.push(`(${a}, ${i}, ${b + 1})`))
      const first = this.int(1, 19)
      categories.push(`(${i}, ${first})`)
      if (i % 5 === 0) categories.push(`(${i}, ${1 + (first % 19)})`)
    }
    const filmColumns =
      'film_id, title, description, release_year, flags, language_id, original_language_id, rental_duration, rental_rate, length, replacement_cost, rating, special_features, metadata, tagline, poster'
    return (
      // Each film row brings its film_text row by trigger.
      (await this.insert('film', filmColumns, films)) * 2 +
      (await this.insert('film_actor', 'actor_id, film_id, billing', actors)) +
      (await this.insert('film_category', 'film_id, category_id', categories))
    )
  }

  /**
   * The copies of films `from`..`to` and their rental history: rentals (a tenth still out) and a
   * payment for most of them (each moving its customer's balance by trigger). Ids follow from the
   * film ids, so ranges loaded at different times never collide.
   */
  async loadActivity(from: number, to: number): Promise<number> {
    const inventory: string[] = []
    const rentals: string[] = []
    const payments: string[] = []
    for (let film = from; film <= to; film++) {
      for (let c = 0; c < SIZES.copiesPerFilm; c++) {
        const inv = (film - 1) * SIZES.copiesPerFilm + c + 1
        const store = 1 + (inv % SIZES.stores)
        const acquired = inv % 37 === 0 ? 'NULL' : `'${datetime(EPOCH - this.int(0, 3e10), 0).slice(0, 10)}'`
        inventory.push(tuple([inv, `'${this.pick(MEDIA)}'`, film, store, acquired]))
        for (let r = 0; r < SIZES.rentalsPerCopy; r++) {
          const id = (inv - 1) * SIZES.rentalsPerCopy + r + 1
          const at = EPOCH + id * 60_017 + this.int(0, 999)
          const customer = this.int(1, SIZES.customers)
          const staff = this.int(1, SIZES.staff)
          const back = id % 10 === 0 ? 'NULL' : `'${datetime(at + this.int(3600, 9 * 86400) * 1000, 0)}'`
          rentals.push(`(${id}, '${datetime(at, 3)}', ${inv}, ${customer}, ${back}, ${staff})`)
          if (id % 5 === 0) continue
          const amount = id % 1000 === 0 ? '0.00' : (0.99 + this.int(0, 11)).toFixed(2)
          const paid = `'${datetime(at + this.int(0, 600_000), 6)}'`
          payments.push(tuple([id, `'${this.pick(METHODS)}'`, customer, staff, id, amount, paid, id % 9 ? 'NULL' : q('paid ü 日')]))
        }
      }
    }
    return (
      (await this.insert('inventory', 'inventory_id, media, film_id, store_id, acquired', inventory)) +
      (await this.insert('rental', 'rental_id, rental_date, inventory_id, customer_id, return_date, staff_id', rentals)) +
      (await this.insert('payment', 'payment_id, method, customer_id, staff_id, rental_id, amount, payment_date, note', payments))
    )
  }
}
