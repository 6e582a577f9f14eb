// Every row of the bad-input table (tests/vectors/errors.json) through the
// installed package: the error's name, `code` and message fragments, or, for
// an accepted input, the same result as the input it stands for. For every
// row the message is under 400 characters and holds no secret of the call.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { call, checkExpressible, Inexpressible, needles, observe, ROWS, summary, withInput } from './bad_inputs.mjs'
import { assertInstalled } from './helpers.mjs'

const MAX_MESSAGE = 400

/** Null when Node can build every value of the row, else the reason it cannot. */
function whyNot(row) {
  try {
    checkExpressible(row)
    return null
  } catch (e) {
    if (e instanceof Inexpressible) return e.message
    throw e
  }
}

test('presigner is the installed package', () => assertInstalled())

test('the table is loaded', () => {
  assert.ok(ROWS.length > 300, `${ROWS.length} rows`)
  assert.equal(new Set(ROWS.map((r) => r.id)).size, ROWS.length, 'unique ids')
  for (const row of ROWS) assert.deepEqual(Object.keys(row.outcome).sort(), ['node', 'python', 'rust'], row.id)
})

test('same_as compares results: equal inputs agree, different ones differ', () => {
  const row = ROWS.find((r) => r.id === 'ok-metadata-map')
  const plainObject = call(withInput(row, { a: '1', b: 'two' }))
  assert.deepEqual(summary(plainObject), summary(call(withInput(row, { b: 'two', a: '1' }))))
  assert.notDeepEqual(summary(plainObject), summary(call(withInput(row, { a: '2' }))))
})

for (const row of ROWS) {
  test(row.id, (t) => {
    const want = row.outcome.node
    const reason = whyNot(row)
    if (want === null) {
      assert.ok(reason, 'the table says Node cannot express this row, but it can')
      t.skip(`not expressible in Node: ${reason}`)
      return
    }
    assert.equal(reason, null, `the table expects an outcome, but Node cannot express ${reason}`)
    const got = observe(row)
    if (want.ok) {
      assert.ok(!got.error, `expected success, got ${got.error?.name} ${got.error?.code}: ${got.error?.message.slice(0, 300)}`)
      if ('same_as' in want) assert.deepEqual(got.value, observe(withInput(row, want.same_as)).value)
      return
    }
    assert.ok(got.error, `expected ${want.name} ${want.code}, but the call succeeded: ${JSON.stringify(got.value)?.slice(0, 300)}`)
    const e = got.error
    const message = e.message
    const seen = `${e.name} ${e.code}: ${message.slice(0, 300)}`
    assert.equal(e.name, want.name, seen)
    if (got.err) assert.equal(got.err instanceof TypeError, want.name === 'TypeError', `instanceof TypeError: ${seen}`)
    assert.equal(e.code, want.code, seen)
    assert.ok(message.length < MAX_MESSAGE, `a ${message.length}-character message: ${message.slice(0, 200)}…`)
    for (const fragment of want.message_contains) {
      assert.ok(message.includes(fragment), `${JSON.stringify(fragment)} not in ${JSON.stringify(message.slice(0, 300))}`)
    }
    for (const fragment of want.message_excludes ?? []) {
      assert.ok(!message.includes(fragment), `${JSON.stringify(fragment)} in ${JSON.stringify(message.slice(0, 300))}`)
    }
    for (const secret of needles(row)) assert.ok(!message.includes(secret), `a secret of the signer in ${JSON.stringify(message.slice(0, 300))}`)
  })
}
