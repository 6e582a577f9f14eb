// The public API of the installed package: options objects, defaults,
// Dates, error codes, TypeErrors for wrong types, secrets kept out of every
// message and of util.inspect / JSON.stringify.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { inspect } from 'node:util'
import { describe, test } from 'node:test'

import * as esm from 'presigner'
import { attachment, newKey, presignGet, presignPut, Signer } from 'presigner'

import { assertInstalled, installedEntry, throwsCode, throwsType } from './helpers.mjs'

const require = createRequire(import.meta.url)

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const TOKEN = 'FwoGZXIvYXdzEBYaDH/session+token=value'
const CONFIG = { endpoint: 'http://127.0.0.1:9000', bucket: 'test-bucket', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET }
const T0 = new Date('2026-01-02T03:04:05Z')
const signer = new Signer(CONFIG)
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'

const query = (url) => Object.fromEntries(new URL(url).searchParams)



describe('the package', () => {
  test('resolves to the installed tarball', () => assertInstalled())

  test('works with require() and with import', () => {
    const cjs = require('presigner')
    assert.equal(require.resolve('presigner'), installedEntry())
    const names = ['Signer', 'presignPut', 'presignGet', 'newKey', 'attachment', 'completeMultipartUploadBody',
      'parseCreateMultipartUpload', 'parseListParts', 'parseError', 'planParts']
    for (const name of names) {
      assert.equal(typeof cjs[name], 'function', `require: ${name}`)
      assert.equal(esm[name], cjs[name], `import: ${name}`)
    }
    assert.equal(Signer, cjs.Signer)
    assert.equal(cjs.DEFAULT_EXPIRES_IN_SECS, 3600)
    assert.equal(esm.DEFAULT_EXPIRES_IN_SECS, 3600)
  })
})

describe('Signer', () => {
  test('defaults: region auto, path style, no token', () => {
    const r = signer.presignGet('a/b.txt', { signingDate: T0 })
    assert.ok(r.url.startsWith('http://127.0.0.1:9000/test-bucket/a/b.txt?'), r.url)
    const q = query(r.url)
    assert.equal(q['X-Amz-Credential'], 'AKIDEXAMPLE/20260102/auto/s3/aws4_request')
    assert.equal(q['X-Amz-Expires'], '3600')
    assert.equal(q['X-Amz-Security-Token'], undefined)
  })

  test('region, sessionToken and pathStyle: false', () => {
    const s = new Signer({ ...CONFIG, endpoint: 'https://s3.example.com', region: 'eu-west-1', sessionToken: TOKEN, pathStyle: false })
    const r = s.presignGet('k', { signingDate: T0 })
    assert.ok(r.url.startsWith('https://test-bucket.s3.example.com/k?'), r.url)
    assert.equal(query(r.url)['X-Amz-Credential'], 'AKIDEXAMPLE/20260102/eu-west-1/s3/aws4_request')
    assert.equal(query(r.url)['X-Amz-Security-Token'], TOKEN)
  })

  test('publicUrl under publicBaseUrl', () => {
    const s = new Signer({ ...CONFIG, publicBaseUrl: 'https://files.example.com/' })
    assert.equal(s.publicUrl('a b/ü.png'), 'https://files.example.com/a%20b/%C3%BC.png')
    assert.equal(s.publicBaseUrl, 'https://files.example.com')
    assert.equal(signer.publicBaseUrl, null)
    throwsCode(() => signer.publicUrl('k'), 'ERR_PRESIGNER_CONFIG', 'config.publicBaseUrl is not configured')
  })

  test('null and undefined options mean defaults', () => {
    const want = signer.presignGet('k', { signingDate: T0 })
    assert.deepEqual(signer.presignGet('k', { signingDate: T0, expiresIn: undefined, versionId: null }), want)
    for (const options of [undefined, null, {}]) {
      assert.equal(signer.presignPut('k', options).method, 'PUT')
    }
  })

  test('config errors are ERR_PRESIGNER_CONFIG naming the field', () => {
    throwsCode(() => new Signer({ ...CONFIG, endpoint: 'ftp://example.com' }), 'ERR_PRESIGNER_CONFIG', 'endpoint')
    throwsCode(() => new Signer({ ...CONFIG, bucket: 'UPPER' }), 'ERR_PRESIGNER_CONFIG', 'bucket')
    throwsCode(() => new Signer({ ...CONFIG, region: 'eu/west' }), 'ERR_PRESIGNER_CONFIG', 'region')
    throwsCode(() => new Signer({ ...CONFIG, secretAccessKey: '' }), 'ERR_PRESIGNER_CONFIG', 'config.secretAccessKey must not be empty')
    throwsCode(() => new Signer({ ...CONFIG, sessionToken: '' }), 'ERR_PRESIGNER_CONFIG', 'config.sessionToken must not be empty')
    throwsCode(() => new Signer({ ...CONFIG, publicBaseUrl: 'ftp://x' }), 'ERR_PRESIGNER_CONFIG', 'config.publicBaseUrl must be')
  })
})

describe('presign results', () => {
  test('a plain object { method, url, headers, expiresAt }', () => {
    const r = signer.presignPut('k', { signingDate: T0, expiresIn: 600, contentType: 'image/jpeg' })
    assert.deepEqual(Object.keys(r).sort(), ['expiresAt', 'headers', 'method', 'url'])
    assert.equal(Object.getPrototypeOf(r), Object.prototype)
    assert.equal(Object.getPrototypeOf(r.headers), Object.prototype)
    assert.equal(r.method, 'PUT')
    assert.equal(typeof r.url, 'string')
    assert.deepEqual(r.headers, { 'content-type': 'image/jpeg' })
    assert.ok(r.expiresAt instanceof Date)
    assert.equal(r.expiresAt.getTime(), T0.getTime() + 600_000)
  })

  test('JSON.stringify of a result', () => {
    const r = signer.presignPut('k', { signingDate: T0, contentType: 'text/plain' })
    assert.deepEqual(JSON.parse(JSON.stringify(r)), { method: 'PUT', url: r.url, headers: { 'content-type': 'text/plain' }, expiresAt: '2026-01-02T04:04:05.000Z' })
    assert.deepEqual(structuredClone(r), r)
  })

  test('signingDate pins the URL; without it, now', () => {
    const a = signer.presignGet('k', { signingDate: new Date(T0) })
    assert.equal(signer.presignGet('k', { signingDate: new Date(T0) }).url, a.url)
    assert.notEqual(signer.presignGet('k', { signingDate: new Date(T0.getTime() + 1000) }).url, a.url)
    const before = Math.floor(Date.now() / 1000) * 1000
    const now = signer.presignGet('k', { expiresIn: 1 }).expiresAt.getTime()
    assert.ok(now >= before + 1000 && now <= Date.now() + 1000, `expiresAt ${now} is about now + 1 s`)
  })

  test('expiresAt is always the signed X-Amz-Date plus X-Amz-Expires', () => {
    /** The instant the URL itself says it expires. */
    const signedExpiry = (url) => {
      const q = query(url)
      const [, y, mo, d, h, mi, s] = q['X-Amz-Date'].match(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/)
      return Date.UTC(y, mo - 1, d, h, mi, s) + Number(q['X-Amz-Expires']) * 1000
    }
    const dates = [undefined, null, T0, new Date('2026-01-02T03:04:05.999Z'), new Date(1000), new Date('9999-12-01T00:00:00.5Z')]
    for (const signingDate of dates) {
      for (const expiresIn of [undefined, null, 1, 600, 604_800]) {
        const o = { signingDate, expiresIn }
        const results = [
          signer.presignPut('k', { ...o, contentType: 'a/b' }),
          signer.presignGet('k', o),
          signer.presignHead('k', o),
          signer.presignDelete('k', o),
          ...signer.presignGetMany(['a', 'b'], o),
        ]
        for (const r of results) assert.equal(r.expiresAt.getTime(), signedExpiry(r.url), `${r.method} ${signingDate?.toISOString()} ${expiresIn}`)
      }
    }
  })

  test('option strings of any length arrive whole (around the 4 KiB read buffer)', () => {
    for (const n of [0, 1, 4093, 4094, 4095, 4096, 8_160]) {
      const contentType = `a/${'b'.repeat(n)}`
      assert.equal(signer.presignPut('k', { contentType }).headers['content-type'], contentType, `${n}`)
      for (const [char, bytes] of [['é', 2], ['€', 3], ['😀', 4]]) {
        const disposition = `inline; filename="${char.repeat(n / bytes)}"`
        assert.equal(query(signer.presignGet('k', { responseContentDisposition: disposition }).url)['response-content-disposition'], disposition)
      }
    }
  })

  test('every PutOptions field is signed into headers', () => {
    const r = signer.presignPut('k', {
      signingDate: T0,
      contentType: 'image/png',
      contentLength: 5_368_709_120,
      contentMd5: 'XrY7u+Ae7tCTyyK7j1rNww==',
      checksumSha256: 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
      cacheControl: 'max-age=60',
      contentDisposition: 'inline',
      metadata: { Owner: 'alice', 'user-id': '42' },
    })
    // Content-Length is signed, but every client sets it itself (browsers refuse to).
    assert.deepEqual(r.headers, {
      'cache-control': 'max-age=60',
      'content-disposition': 'inline',
      'content-md5': 'XrY7u+Ae7tCTyyK7j1rNww==',
      'content-type': 'image/png',
      'x-amz-checksum-sha256': 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
      'x-amz-meta-owner': 'alice',
      'x-amz-meta-user-id': '42',
    })
    assert.equal(query(r.url)['X-Amz-SignedHeaders'], 'cache-control;content-disposition;content-length;content-md5;content-type;host;x-amz-checksum-sha256;x-amz-meta-owner;x-amz-meta-user-id')
  })

  test('every GetOptions field goes into the query', () => {
    const r = signer.presignGet('k', {
      signingDate: T0,
      expiresIn: 60,
      responseContentType: 'application/pdf',
      responseContentDisposition: 'attachment; filename="a b.pdf"',
      responseCacheControl: 'no-cache',
      versionId: 'v1',
    })
    const q = query(r.url)
    assert.equal(q['response-content-type'], 'application/pdf')
    assert.equal(q['response-content-disposition'], 'attachment; filename="a b.pdf"')
    assert.equal(q['response-cache-control'], 'no-cache')
    assert.equal(q.versionId, 'v1')
    assert.equal(q['X-Amz-Expires'], '60')
    assert.deepEqual(r.headers, {})
  })

  test('presignHead and presignDelete', () => {
    const head = signer.presignHead('k', { signingDate: T0, versionId: 'v2', expiresIn: 5 })
    assert.equal(head.method, 'HEAD')
    assert.equal(query(head.url).versionId, 'v2')
    assert.equal(head.expiresAt.getTime(), T0.getTime() + 5000)
    assert.equal(signer.presignDelete('k').method, 'DELETE')
  })

  test('argument errors are ERR_PRESIGNER_INVALID_ARGUMENT naming the argument', () => {
    const code = 'ERR_PRESIGNER_INVALID_ARGUMENT'
    throwsCode(() => signer.presignGet(''), code, 'key')
    throwsCode(() => signer.presignPut('é'.repeat(513)), code, 'key')
    throwsCode(() => signer.presignGet('k', { expiresIn: 0 }), code, 'options.expiresIn must be between 1 and 604800')
    throwsCode(() => signer.presignDelete('k', { expiresIn: 604_801 }), code, 'options.expiresIn')
    throwsCode(() => signer.presignPut('k', { contentType: 'a\nb' }), code, 'options.contentType must be printable ASCII')
    throwsCode(() => signer.presignPut('k', { metadata: { 'a b': 'v' } }), code, 'metadata')
    throwsCode(() => signer.presignPut('k', { metadata: { a: 'ü' } }), code, 'options.metadata["a"] must be printable ASCII')
    throwsCode(() => signer.presignHead('k', { signingDate: new Date(-1000) }), code, 'options.signingDate must be between')
  })
})

describe('hostile input: a typed error, never a crash, a hang or another URL', () => {
  const code = 'ERR_PRESIGNER_INVALID_ARGUMENT'

  test('whole numbers out of range are the core\'s errors, naming the limit', () => {
    for (const expiresIn of [-1, 2 ** 53, 2 ** 64, Number.MAX_VALUE]) {
      throwsCode(() => signer.presignGet('k', { expiresIn }), code, 'options.expiresIn must be between 1 and 604800 seconds')
    }
    for (const contentLength of [-1, 2 ** 53, 5 * 2 ** 30 + 1]) {
      throwsCode(() => signer.presignPut('k', { contentLength }), code, 'options.contentLength must be between 0 and 5368709120')
    }
    const late = new Date(Date.UTC(9999, 11, 31, 23, 0, 0))
    throwsCode(() => signer.presignGet('k', { signingDate: late }), code, 'options.signingDate')
  })

  test('a lone surrogate is refused wherever a string goes, never replaced by U+FFFD', () => {
    const lone = 'a\uD800b'
    const named = (path) => `${path} must be well-formed Unicode: it holds a lone surrogate`
    throwsCode(() => signer.presignGet(lone), code, named('key'))
    throwsCode(() => signer.presignGet('k', { responseContentDisposition: lone }), code, named('options.responseContentDisposition'))
    throwsCode(() => signer.presignPut('k', { metadata: { [lone]: 'v' } }), code, named('options.metadata'))
    throwsCode(() => signer.presignPut('k', { metadata: { a: lone } }), code, named('options.metadata["a"]'))
    throwsCode(() => signer.presignGetMany(['ok', lone]), code, named('keys[1]'))
    throwsCode(() => newKey({ prefix: lone }), code, named('options.prefix'))
    throwsCode(() => attachment(lone), code, named('filename'))
    throwsCode(() => new Signer({ ...CONFIG, secretAccessKey: `${SECRET}\uDFFF` }), code, named('config.secretAccessKey'))
    // A real U+FFFD and a surrogate pair are well-formed and signed.
    assert.ok(signer.presignGet('a\uFFFDb').url.includes('/a%EF%BF%BDb?'))
    assert.ok(signer.presignGet('\uD83D\uDE00').url.includes('/%F0%9F%98%80?'))
  })

  test('metadata: a Map of strings is signed like the object; other objects are TypeErrors', () => {
    const opts = (metadata) => ({ metadata, signingDate: T0 })
    const plain = signer.presignPut('k', opts({ a: '1', B: '2' }))
    assert.deepEqual(signer.presignPut('k', opts(new Map([['a', '1'], ['B', '2']]))), plain)
    assert.deepEqual(signer.presignPut('k', opts(Object.assign(Object.create(null), { a: '1', B: '2' }))), plain)
    class Meta { constructor() { this.a = '1' } }
    for (const metadata of [new Date(), new Meta(), new Map([[1, 'v']]), new Set(['a']), /x/]) {
      throwsType(() => signer.presignPut('k', opts(metadata)), 'options.metadata must be a plain object or a Map of strings')
    }
    throwsType(() => signer.presignPut('k', opts(new Map([['a', 1]]))), 'options.metadata["a"] must be a string, got number')
  })

  test('a NUL or other non-token character in a metadata name is the core\'s error', () => {
    for (const name of ['a\0b', 'a b', 'ü', '']) {
      throwsCode(() => signer.presignPut('k', { metadata: { [name]: 'v' } }), code, 'options.metadata name')
    }
  })

  test('attachment() of a non-string is a TypeError that does not echo the value', () => {
    for (const value of [undefined, null, 42, { toString: () => SECRET }, Symbol('s'), 1n]) {
      assert.throws(() => attachment(value), (err) => {
        assert.ok(err instanceof TypeError && err.code === 'ERR_INVALID_ARG_TYPE', String(err))
        assert.ok(err.message.startsWith('filename must be a string, got'), err.message)
        assert.ok(!err.message.includes(SECRET))
        return true
      })
    }
  })

  test('a huge string is refused unread; an oversize value names the limit', () => {
    const huge = 'a'.repeat(95_000_000)
    throwsCode(() => signer.presignPut('k', { contentType: huge }), code, 'options.contentType is longer than 1048576 characters')
    throwsCode(() => signer.presignGet(huge), code, 'key is longer than 1048576 characters')
    throwsCode(() => signer.presignPut('k', { cacheControl: 'a'.repeat(8193) }), code, 'options.cacheControl is 8193 bytes long; at most 8192')
  })

  test('presignGetMany never sizes anything from a caller\'s length', () => {
    const holes = []
    holes.length = 2 ** 32 - 1
    throwsType(() => signer.presignGetMany(holes), 'keys[0] must be a string, got undefined')
    const sparse = ['a', 'b']
    sparse.length = 2 ** 32 - 1
    throwsType(() => signer.presignGetMany(sparse), 'keys[2] must be a string, got undefined')
  })

  test('100,000 metadata entries are refused at once, not compared pairwise', () => {
    const metadata = {}
    for (let i = 0; i < 100_000; i++) metadata[`m${i}`] = 'v'
    const start = process.hrtime.bigint()
    throwsCode(() => signer.presignPut('k', { metadata }), code, 'options.metadata is 688890 bytes long')
    assert.ok(process.hrtime.bigint() - start < 2_000_000_000n, 'well under the ~30 s it took')
  })
})

describe('wrong types are TypeErrors (code ERR_INVALID_ARG_TYPE)', () => {
  test('key, options and config', () => {
    throwsType(() => signer.presignGet(42), 'key must be a string, got number')
    throwsType(() => signer.presignGet(), 'key must be a string, got undefined')
    throwsType(() => signer.publicUrl(null), 'key')
    throwsType(() => presignPut({ key: 'k' }), 'key')
    throwsType(() => signer.presignPut('k', 'image/jpeg'), 'options must be an object, got string')
    throwsType(() => signer.presignPut('k', []), 'options must be an object, got an array')
    throwsType(() => new Signer(), 'config must be an object, got undefined')
    throwsType(() => new Signer('http://x'), 'config must be an object')
    throwsType(() => newKey('cat.jpg'), 'options must be an object')
  })

  test('every option field', () => {
    const cases = [
      ['presignPut', { expiresIn: '60' }, 'options.expiresIn must be an integer, got string'],
      ['presignPut', { expiresIn: 1.5 }, 'got 1.5'],
      ['presignPut', { expiresIn: NaN }, 'got NaN'],
      ['presignPut', { expiresIn: Infinity }, 'got Infinity'],
      ['presignPut', { expiresIn: 60n }, 'got bigint'],
      ['presignPut', { contentType: 1 }, 'options.contentType must be a string, got number'],
      ['presignPut', { contentLength: '5' }, 'options.contentLength'],
      ['presignPut', { contentLength: 0.5 }, 'options.contentLength must be an integer, got 0.5'],
      ['presignPut', { contentMd5: {} }, 'options.contentMd5'],
      ['presignPut', { checksumSha256: [] }, 'options.checksumSha256 must be a string, got an array'],
      ['presignPut', { cacheControl: true }, 'options.cacheControl'],
      ['presignPut', { contentDisposition: Symbol('x') }, 'options.contentDisposition must be a string, got symbol'],
      ['presignPut', { metadata: 'a=b' }, 'options.metadata must be a plain object or a Map of strings, got string'],
      ['presignPut', { metadata: { n: 1 } }, 'options.metadata["n"] must be a string, got number'],
      ['presignPut', { signingDate: '2026-01-02' }, 'options.signingDate must be a valid Date, got string'],
      ['presignPut', { signingDate: T0.getTime() }, 'options.signingDate must be a valid Date, got number'],
      ['presignPut', { signingDate: new Date('nope') }, 'options.signingDate must be a valid Date, got Invalid Date'],
      ['presignGet', { responseContentType: 1 }, 'options.responseContentType'],
      ['presignGet', { responseContentDisposition: 1 }, 'options.responseContentDisposition'],
      ['presignGet', { responseCacheControl: 1 }, 'options.responseCacheControl'],
      ['presignGet', { versionId: 1 }, 'options.versionId'],
      ['presignGet', { signingDate: 'now' }, 'options.signingDate'],
      ['presignHead', { expiresIn: '1' }, 'options.expiresIn'],
      ['presignDelete', { versionId: () => 'v' }, 'options.versionId must be a string, got function'],
    ]
    for (const [method, options, names] of cases) throwsType(() => signer[method]('k', options), names)
    throwsType(() => newKey({ filename: 1 }), 'options.filename')
    throwsType(() => newKey({ prefix: 1 }), 'options.prefix')
  })

  test('every config field', () => {
    throwsType(() => new Signer({ ...CONFIG, endpoint: undefined }), 'config.endpoint is required')
    throwsType(() => new Signer({ ...CONFIG, bucket: 1 }), 'config.bucket must be a string')
    throwsType(() => new Signer({ ...CONFIG, accessKeyId: null }), 'config.accessKeyId is required')
    throwsType(() => new Signer({ ...CONFIG, secretAccessKey: 1 }), 'config.secretAccessKey must be a string')
    throwsType(() => new Signer({ ...CONFIG, region: 1 }), 'config.region')
    throwsType(() => new Signer({ ...CONFIG, sessionToken: 1 }), 'config.sessionToken')
    throwsType(() => new Signer({ ...CONFIG, pathStyle: 'false' }), 'config.pathStyle must be a boolean, got string')
    throwsType(() => new Signer({ ...CONFIG, publicBaseUrl: 1 }), 'config.publicBaseUrl')
  })

  test('a throwing getter surfaces its own error', () => {
    const options = {
      get contentType() {
        throw new RangeError('from the getter')
      },
    }
    assert.throws(() => signer.presignPut('k', options), { name: 'RangeError', message: 'from the getter' })
  })
})

describe('secrets', () => {
  const withToken = new Signer({ ...CONFIG, sessionToken: TOKEN })

  test('util.inspect, JSON.stringify and String of a Signer hide them', () => {
    for (const text of [inspect(withToken, { showHidden: true, depth: 9 }), JSON.stringify(withToken), String(withToken), Object.keys(withToken).join()]) {
      assert.ok(!text.includes(SECRET), text)
      assert.ok(!text.includes(TOKEN), text)
    }
  })

  test('no error message or stack contains them', () => {
    const failing = [
      () => new Signer({ ...CONFIG, sessionToken: TOKEN, endpoint: 'nope' }),
      () => new Signer({ ...CONFIG, sessionToken: TOKEN, bucket: 'x' }),
      () => new Signer({ ...CONFIG, secretAccessKey: Buffer.from(SECRET) }),
      () => new Signer({ ...CONFIG, secretAccessKey: { value: SECRET } }),
      () => new Signer({ ...CONFIG, secretAccessKey: [SECRET] }),
      () => new Signer({ ...CONFIG, sessionToken: { TOKEN } }),
      () => new Signer({ ...CONFIG, sessionToken: new String(TOKEN) }),
      () => withToken.presignGet(''),
      () => withToken.presignPut('k', { contentType: `${SECRET}\n` }),
      () => withToken.publicUrl('k'),
    ]
    for (const fn of failing) {
      assert.throws(fn, (err) => {
        const text = `${err.message}\n${err.stack}\n${inspect(err)}`
        assert.ok(!text.includes(SECRET) && !text.includes(TOKEN), text)
        return true
      })
    }
  })
})

describe('newKey', () => {
  test('a UUID v4 keeping a clean extension, under a prefix', () => {
    assert.match(newKey(), new RegExp(`^${UUID}$`))
    assert.match(newKey({}), new RegExp(`^${UUID}$`))
    assert.match(newKey({ filename: 'Holiday Photo.JPG' }), new RegExp(`^${UUID}\\.jpg$`))
    assert.match(newKey({ filename: 'cat.jpg', prefix: 'uploads' }), new RegExp(`^uploads/${UUID}\\.jpg$`))
    assert.match(newKey({ prefix: 'uploads/' }), new RegExp(`^uploads/${UUID}$`))
    assert.match(newKey({ filename: 'x.p%g' }), new RegExp(`^${UUID}$`))
    assert.equal(new Set(Array.from({ length: 1000 }, () => newKey())).size, 1000)
  })
})

describe('module-level presignPut / presignGet (the signer from the environment)', () => {
  // A child process, so the environment and the process-wide signer are the test's own.
  const script = `
    const { presignPut, presignGet, Signer } = require('presigner')
    const out = {}
    try { presignPut('k') } catch (e) { out.missing = { code: e.code, message: e.message } }
    Object.assign(process.env, { R2_ACCOUNT_ID: 'acct', R2_BUCKET: 'uploads', R2_ACCESS_KEY_ID: 'AK', R2_SECRET_ACCESS_KEY: 'SK' })
    const signingDate = new Date('2026-01-02T03:04:05Z')
    out.put = presignPut('cat.jpg', { contentType: 'image/jpeg', signingDate })
    out.get = presignGet('cat.jpg', { signingDate })
    out.same = new Signer({ endpoint: 'https://acct.r2.cloudflarestorage.com', bucket: 'uploads', accessKeyId: 'AK', secretAccessKey: 'SK' })
      .presignPut('cat.jpg', { contentType: 'image/jpeg', signingDate }).url === out.put.url
    out.fromEnv = Signer.fromEnv().presignGet('cat.jpg', { signingDate }).url === out.get.url
    console.log(JSON.stringify(out))
  `
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(R2_|AWS_|S3_)/.test(k)))
  const run = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' })

  test('a missing environment is ERR_PRESIGNER_CONFIG naming the variables; fixing it and retrying works', () => {
    assert.equal(run.status, 0, run.stderr)
    const out = JSON.parse(run.stdout)
    assert.equal(out.missing.code, 'ERR_PRESIGNER_CONFIG')
    for (const name of ['R2_BUCKET', 'R2_ACCESS_KEY_ID', 'R2_SECRET_ACCESS_KEY']) assert.ok(out.missing.message.includes(name), out.missing.message)
    assert.equal(out.put.method, 'PUT')
    assert.ok(out.put.url.startsWith('https://acct.r2.cloudflarestorage.com/uploads/cat.jpg?'), out.put.url)
    assert.deepEqual(out.put.headers, { 'content-type': 'image/jpeg' })
    assert.equal(out.get.method, 'GET')
    assert.equal(out.same, true, 'same URL as new Signer with the same configuration')
    assert.equal(out.fromEnv, true, 'same URL as Signer.fromEnv()')
  })
})

describe('attachment', () => {
  test('gives a Content-Disposition that keeps any file name', () => {
    const value = attachment('my photo +1 (ü).png')
    assert.equal(value, `attachment; filename="my photo +1 (_).png"; filename*=UTF-8''my%20photo%20+1%20%28%C3%BC%29.png`)
    const url = signer.presignGet('k', { responseContentDisposition: value, signingDate: T0 }).url
    assert.equal(query(url)['response-content-disposition'], value)
  })
})

describe('presignGetMany', () => {
  test('signs every key like presignGet, at one instant', () => {
    const keys = ['a.jpg', 'b c.png', 'd/é.gif']
    const many = signer.presignGetMany(keys, { expiresIn: 60, responseCacheControl: 'no-cache' })
    assert.equal(new Set(many.map((r) => r.expiresAt.getTime())).size, 1)
    const signingDate = new Date(many[0].expiresAt.getTime() - 60_000)
    const one = keys.map((k) => signer.presignGet(k, { expiresIn: 60, responseCacheControl: 'no-cache', signingDate }))
    assert.deepEqual(many.map((r) => r.url), one.map((r) => r.url))
    assert.throws(() => signer.presignGetMany(['ok', '']), { code: 'ERR_PRESIGNER_INVALID_ARGUMENT' })
    assert.deepEqual(signer.presignGetMany([]), [])
  })

  test('wrong types are TypeErrors naming the place', () => {
    assert.throws(() => signer.presignGetMany('a'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: /^keys must be an array/ })
    assert.throws(() => signer.presignGetMany(['a', 2]), { name: 'TypeError', message: /^keys\[1\] must be a string/ })
  })
})
