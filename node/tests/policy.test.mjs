// UploadPolicy: the shared table (tests/vectors/policy.json, also run by
// the Rust and Python suites) through the installed package, and what only
// JavaScript has: undefined, lone surrogates, non-Signer signers, the
// options' TypeErrors, and the thrown error's `status`.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'

import { Signer, UploadPolicy } from 'presigner'

import { repoRoot, throwsCode, throwsType } from './helpers.mjs'

const TABLE = JSON.parse(readFileSync(path.join(repoRoot(), 'tests', 'vectors', 'policy.json'), 'utf8'))
assert.equal(TABLE.schema, 'presigner-upload-policy/1')
const KEY = 'uploads/0b5f6c6e-9d36-4e8b-a2b8-0f5d1d1b8e59.mp4'
const signer = new Signer(TABLE.signer)

/** Asserts `fn` throws the policy's refusal: code, status and exact message. */
function refuses(fn, status, message) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error && !(err instanceof TypeError), `${err}: a plain Error`)
    assert.equal(err.code, 'ERR_PRESIGNER_POLICY', err.message)
    assert.equal(err.status, status, err.message)
    if (message !== undefined) assert.equal(err.message, message)
    return true
  })
}

function isIssued(key, prefix, ext) {
  if (!key.startsWith(prefix)) return false
  const rest = key.slice(prefix.length)
  const id = rest.slice(0, 36)
  const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
  return uuidV4.test(id) && rest.slice(36) === (ext ? `.${ext}` : '')
}

describe('the shared policy table', () => {
  for (const c of TABLE.cases) {
    test(c.id, () => {
      const policy = new UploadPolicy(c.policy)
      if (c.error) {
        refuses(() => policy.sign(signer, c.request), c.error.status, c.error.message)
        return
      }
      const { expect } = c
      const signed = policy.sign(signer, c.request)
      assert.deepEqual(Object.keys(signed).sort(), ['headers', 'key', 'method', 'url'])
      if (expect.key === 'issued') assert.ok(isIssued(signed.key, expect.prefix, expect.extension), signed.key)
      else assert.equal(signed.key, c.request.key)
      assert.equal(signed.method, expect.method)
      const url = new URL(signed.url)
      assert.equal(decodeURIComponent(url.pathname), `/bkt/${signed.key}`)
      const query = Object.fromEntries(url.searchParams)
      const plain = Object.fromEntries(Object.entries(query).filter(([k]) => !k.startsWith('X-Amz-')))
      assert.deepEqual(plain, expect.query)
      assert.equal(query['X-Amz-Expires'], String(expect.expires))
      assert.deepEqual({ ...signed.headers }, expect.headers)
      assert.equal(query['X-Amz-SignedHeaders'], [...Object.keys(expect.headers), 'host'].sort().join(';'))
    })
  }
})

describe('UploadPolicy in JavaScript', () => {
  test('undefined is an absent field, as JSON.stringify drops it', () => {
    const signed = new UploadPolicy().sign(signer, { method: 'PUT', key: 'a.png', contentType: 'image/png', uploadId: undefined })
    assert.equal(signed.method, 'PUT')
    refuses(() => new UploadPolicy().sign(signer, { method: undefined, key: 'a' }), 400, 'request.method is missing')
  })

  test('lone surrogates, which JSON.parse keeps, are a 400', () => {
    const lone = 'must be well-formed Unicode: it holds a lone surrogate'
    refuses(() => new UploadPolicy().sign(signer, JSON.parse('{"method":"PUT","key":"\\ud800.png"}')), 400, `request.key ${lone}`)
    refuses(
      () => new UploadPolicy().sign(signer, { method: 'PUT', key: 'a', contentType: 'image/\udfff' }),
      400,
      `request.contentType ${lone}`,
    )
    assert.throws(
      () => new UploadPolicy().sign(signer, { method: 'PUT', key: 'a', '\ud800': 1 }),
      (err) => err.status === 400 && err.message.startsWith('request has an unknown field "\ufffd"'),
    )
  })

  test('values JSON has no type for', () => {
    const part = { method: 'PUT', key: KEY, uploadId: 'u' }
    for (const [value, got] of [
      [1n, 'a value that is not JSON'],
      [Symbol('x'), 'a value that is not JSON'],
      [() => 1, 'a value that is not JSON'],
      [NaN, 'a number that is not whole'],
      [Infinity, 'a number that is not whole'],
      [new Date(), 'an object'],
      [[1], 'an array'],
    ]) {
      refuses(() => new UploadPolicy().sign(signer, { ...part, partNumber: value }), 400, `request.partNumber must be a whole number, got ${got}`)
    }
    refuses(() => new UploadPolicy().sign(signer, { ...part, partNumber: -1e300 }), 400, 'request.partNumber must be between 1 and 10000, got a number under -2^127')
  })

  test('a request that is not an object is a 400', () => {
    for (const request of [undefined, null, 'PUT', 3, [], [{ method: 'PUT' }], true]) {
      refuses(() => new UploadPolicy().sign(signer, request), 400, 'request must be a JSON object')
    }
  })

  test('a long string is refused unread', () => {
    refuses(
      () => new UploadPolicy().sign(signer, { method: 'PUT', key: 'k'.repeat(2 ** 20 + 1) }),
      400,
      'request.key is longer than 1048576 characters',
    )
  })

  test('the signer must be a Signer', () => {
    for (const bad of [undefined, null, {}, TABLE.signer, 'signer']) {
      throwsType(() => new UploadPolicy().sign(bad, { method: 'PUT', key: 'a' }), 'signer must be a Signer')
    }
  })

  test('settings are checked when the policy is made', () => {
    const range = 'options.maxExpiresIn must be between 1 and 604800'
    throwsCode(() => new UploadPolicy({ maxExpiresIn: 0 }), 'ERR_PRESIGNER_INVALID_ARGUMENT', `${range}, got 0`)
    throwsCode(() => new UploadPolicy({ maxExpiresIn: 604801 }), 'ERR_PRESIGNER_INVALID_ARGUMENT', `${range}, got 604801`)
    throwsCode(() => new UploadPolicy({ prefix: '../x' }), 'ERR_PRESIGNER_INVALID_ARGUMENT', "options.prefix must not hold empty, '.' or '..' segments")
    throwsCode(() => new UploadPolicy({ contentTypes: [] }), 'ERR_PRESIGNER_INVALID_ARGUMENT', 'options.contentTypes must list at least one')
    throwsCode(() => new UploadPolicy({ contentTypes: ['image/*', 'png'] }), 'ERR_PRESIGNER_INVALID_ARGUMENT', 'options.contentTypes entry "png"')
    throwsType(() => new UploadPolicy({ maxExpiresIn: 1.5 }), 'options.maxExpiresIn must be an integer, got 1.5')
    throwsType(() => new UploadPolicy({ maxExpiresIn: '900' }), 'options.maxExpiresIn must be an integer, got string')
    throwsType(() => new UploadPolicy({ contentTypes: 'image/*' }), 'options.contentTypes must be an array of strings, got string')
    throwsType(() => new UploadPolicy({ contentTypes: ['image/*', 3] }), 'options.contentTypes[1] must be a string, got number')
    throwsType(() => new UploadPolicy({ createOnly: 'yes' }), 'options.createOnly must be a boolean, got string')
    throwsType(() => new UploadPolicy('uploads/'), 'options must be an object, got string')
    assert.ok(new UploadPolicy(null) instanceof UploadPolicy)
    assert.ok(new UploadPolicy({ prefix: '', maxExpiresIn: 604800, createOnly: false, allowDelete: true }) instanceof UploadPolicy)
  })

  test('the defaults: uploads/, 900 s, create-only, any type, no delete', () => {
    const policy = new UploadPolicy()
    const put = policy.sign(signer, { method: 'PUT', key: 'x.bin' })
    assert.ok(put.key.startsWith('uploads/'))
    assert.equal(new URL(put.url).searchParams.get('X-Amz-Expires'), '900')
    assert.deepEqual({ ...put.headers }, { 'if-none-match': '*' })
    refuses(() => policy.sign(signer, { method: 'DELETE', key: KEY }), 403, 'DeleteObject is not allowed by this upload policy')
  })

  test('the URL is the signer\'s own presignPut for the issued key', () => {
    for (let i = 0; i < 5; i++) {
      const signed = new UploadPolicy({ maxExpiresIn: 600 }).sign(signer, { method: 'PUT', key: 'x.png', contentType: 'image/png' })
      const own = signer.presignPut(signed.key, { contentType: 'image/png', ifNoneMatch: '*', expiresIn: 600 })
      const date = (u) => new URL(u).searchParams.get('X-Amz-Date')
      if (date(signed.url) === date(own.url)) {
        assert.equal(signed.url, own.url)
        assert.deepEqual({ ...signed.headers }, own.headers)
        return
      }
    }
    assert.fail('five tries never fell in one second')
  })
})
