// parseGtidSet picks the flavor's type.

import { expect, test } from 'bun:test'
import { MariadbGtidList, MysqlGtidSet, parseGtidSet } from '../../../src/binlog/gtid/index.ts'

test('mysql text gives a MysqlGtidSet, mariadb text a MariadbGtidList', () => {
  const my = parseGtidSet('mysql', '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5')
  expect(my).toBeInstanceOf(MysqlGtidSet)
  expect(my.toString()).toBe('3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5')
  const maria = parseGtidSet('mariadb', '1-2-5,0-1-100')
  expect(maria).toBeInstanceOf(MariadbGtidList)
  expect(maria.toString()).toBe('0-1-100,1-2-5')
  expect(parseGtidSet('mysql', '').toString()).toBe('')
  expect(parseGtidSet('mariadb', '').toString()).toBe('')
})

test('JSON carries the text of either flavor', () => {
  const position = {
    mysql: parseGtidSet('mysql', '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:t:1'),
    mariadb: parseGtidSet('mariadb', '0-1-100'),
  }
  expect(JSON.stringify(position)).toBe('{"mysql":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:t:1","mariadb":"0-1-100"}')
})
