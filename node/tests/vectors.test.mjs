// Every case of tests/vectors/*.json through the installed package: the
// expected URLs come from botocore (see tests/vectors/README.md).

import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

import { Signer } from 'presigner'

import { assertInstalled, assertSameRequest, camel, METHODS, repoRoot, runCase } from './helpers.mjs'

const dir = path.join(repoRoot(), 'tests', 'vectors')

/** The schema of signing vectors; other files (e.g. complete_body.json's XML bodies) are another API's. */
const SCHEMA = 'presigner-vectors/1'

/**
 * Loads every signing vector file, failing on none, a duplicate id or an
 * unknown op; leaves out bad-input table rows.
 */
function load() {
  const files = []
  const skipped = []
  const seen = new Map()
  const cases = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8'))
    assert.match(String(doc.schema), /^presigner-[a-z-]+\/\d+$/, `${file}: schema`)
    if (doc.schema !== SCHEMA) {
      skipped.push(`${file} (${doc.schema})`)
      continue
    }
    files.push(file)
    assert.ok(Array.isArray(doc.cases) && doc.cases.length > 0, `${file}: no cases`)
    for (const c of doc.cases) {
      assert.ok(!seen.has(c.id), `duplicate id ${c.id} in ${file} and ${seen.get(c.id)}`)
      seen.set(c.id, file)
      // A row of the bad-input table only: errors_table.test.mjs runs it.
      if ('outcome' in c && !('expect' in c) && !('error' in c)) continue
      assert.ok(c.op in METHODS, `${file} ${c.id}: unknown op ${JSON.stringify(c.op)}`)
      assert.ok(('expect' in c) !== ('error' in c), `${file} ${c.id}: needs exactly one of expect/error`)
      cases.push({ file, signer: doc.signer, case: c })
    }
  }
  assert.ok(files.length > 0, `no ${SCHEMA} files in ${dir}`)
  return { files, skipped, cases }
}

const { files, skipped, cases } = load()
console.log(`vectors: ${cases.length} cases in ${files.length} files; not signing vectors: ${skipped.join(', ') || 'none'}`)

test('presigner is the installed package', () => assertInstalled())

for (const { file, signer, case: c } of cases) {
  test(`${file} ${c.id}`, () => {
    if (c.expect) {
      assertSameRequest(runCase(Signer, signer, c), c.expect, c.id)
      return
    }
    assert.throws(
      () => runCase(Signer, signer, c),
      (err) => {
        assert.ok(err instanceof Error, 'an Error')
        assert.equal(err.code, c.error.code, `code of: ${err.message}`)
        // The vectors name arguments as Rust and Python spell them; Node's messages as JavaScript does.
        const names = camel(c.error.message_contains)
        assert.ok(err.message.includes(names), `${JSON.stringify(err.message)} names ${names}`)
        return true
      },
    )
  })
}
