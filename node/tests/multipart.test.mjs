// The multipart methods and presignPut's conditions and checksums, through
// the installed package: result shapes, what each signs into the URL and
// headers, and every refusal (the core's errors naming the argument, or
// TypeErrors for wrong types). The real server judges them in
// s3server.test.mjs; botocore's URLs for them are in tests/vectors.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { Signer } from 'presigner'

import { throwsCode as throwsWithCode, throwsType } from './helpers.mjs'

const CONFIG = { endpoint: 'http://127.0.0.1:9000', bucket: 'test-bucket', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const T0 = new Date('2026-01-02T03:04:05Z')
const signer = new Signer(CONFIG)
const UPLOAD_ID = 'VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA'
const CRC32 = 'yZRlqg==' // base64 of 4 bytes
const SHA256 = 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='
const code = 'ERR_PRESIGNER_INVALID_ARGUMENT'
/** Asserts `fn` throws ERR_PRESIGNER_INVALID_ARGUMENT naming `names`. */
const throwsCode = (fn, names) => throwsWithCode(fn, code, names)

const query = (url) => Object.fromEntries(new URL(url).searchParams)
const signedHeaders = (url) => query(url)['X-Amz-SignedHeaders'].split(';')



/** Asserts `r` is a plain `{ method, url, headers, expiresAt }` signed at T0 for `expiresIn`. */
function assertShape(r, method, expiresIn = 3600) {
  assert.deepEqual(Object.keys(r).sort(), ['expiresAt', 'headers', 'method', 'url'])
  assert.equal(Object.getPrototypeOf(r), Object.prototype)
  assert.equal(Object.getPrototypeOf(r.headers), Object.prototype)
  assert.equal(r.method, method)
  assert.equal(typeof r.url, 'string')
  assert.ok(r.expiresAt instanceof Date)
  assert.equal(r.expiresAt.getTime(), T0.getTime() + expiresIn * 1000)
  const q = query(r.url)
  assert.equal(q['X-Amz-Date'], '20260102T030405Z')
  assert.equal(q['X-Amz-Expires'], String(expiresIn))
  // Never the parameters that break R2.
  for (const name of Object.keys(q)) assert.ok(!/^x-id$|^x-amz-(sdk-)?checksum/i.test(name), `${name} in ${r.url}`)
}

/** Every new method, called with `uploadId`, `part` and `options` where it takes them. */
const ALL = {
  presignCreateMultipartUpload: (key, options) => signer.presignCreateMultipartUpload(key, options),
  presignUploadPart: (key, options, uploadId = UPLOAD_ID, part = 1) => signer.presignUploadPart(key, uploadId, part, options),
  presignUploadParts: (key, options, uploadId = UPLOAD_ID, count = 2) => signer.presignUploadParts(key, uploadId, count, options),
  presignListParts: (key, options, uploadId = UPLOAD_ID) => signer.presignListParts(key, uploadId, options),
  presignCompleteMultipartUpload: (key, options, uploadId = UPLOAD_ID) => signer.presignCompleteMultipartUpload(key, uploadId, options),
  presignAbortMultipartUpload: (key, options, uploadId = UPLOAD_ID) => signer.presignAbortMultipartUpload(key, uploadId, options),
}
/** The methods that take an upload id. */
const WITH_UPLOAD_ID = Object.keys(ALL).filter((name) => name !== 'presignCreateMultipartUpload')

describe('presignPut: create-only, replace-only and signed checksums', () => {
  test('ifNoneMatch, ifMatch and the checksum are signed into headers', () => {
    const r = signer.presignPut('k', { signingDate: T0, ifNoneMatch: '*', checksumAlgorithm: 'crc32', checksum: CRC32 })
    assertShape(r, 'PUT')
    assert.deepEqual(r.headers, { 'if-none-match': '*', 'x-amz-checksum-crc32': CRC32 })
    assert.deepEqual(signedHeaders(r.url), ['host', 'if-none-match', 'x-amz-checksum-crc32'])
    const etag = '"9b2cf535f27731c974343645a3985328"'
    assert.deepEqual(signer.presignPut('k', { ifMatch: etag }).headers, { 'if-match': etag })
  })

  test('every algorithm, in any case, names its header', () => {
    const checksums = { CRC32, CRC32C: CRC32, CRC64NVME: 'AAAAAAAAAAA=', SHA1: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=', SHA256 }
    for (const [algorithm, checksum] of Object.entries(checksums)) {
      for (const name of [algorithm, algorithm.toLowerCase(), algorithm[0] + algorithm.slice(1).toLowerCase()]) {
        const r = signer.presignPut('k', { signingDate: T0, checksumAlgorithm: name, checksum })
        assert.deepEqual(r.headers, { [`x-amz-checksum-${algorithm.toLowerCase()}`]: checksum }, name)
      }
    }
  })

  test('a checksum needs its algorithm and the right length; the algorithm must be known', () => {
    throwsCode(() => signer.presignPut('k', { checksum: CRC32 }), 'options.checksumAlgorithm and options.checksum go together: options.checksumAlgorithm is missing')
    throwsCode(() => signer.presignPut('k', { checksumAlgorithm: 'CRC32' }), 'options.checksum is missing')
    throwsCode(() => signer.presignPut('k', { checksumAlgorithm: 'CRC32', checksum: SHA256 }), 'options.checksum must be the base64 of a CRC32 checksum (8 characters)')
    throwsCode(() => signer.presignPut('k', { checksumAlgorithm: 'SHA256', checksum: CRC32 }), 'options.checksum must be the base64 of a SHA256 checksum (44 characters)')
    throwsCode(() => signer.presignPut('k', { checksumAlgorithm: 'CRC32', checksum: 'yZRlqg!=' }), 'options.checksum must be the base64')
    throwsCode(() => signer.presignPut('k', { checksumAlgorithm: 'MD5', checksum: CRC32 }), 'options.checksumAlgorithm must be one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256, got "MD5"')
    throwsCode(() => signer.presignPut('k', { checksumAlgorithm: '', checksum: CRC32 }), 'options.checksumAlgorithm must be one of')
  })

  test('conditions are header values: printable ASCII', () => {
    throwsCode(() => signer.presignPut('k', { ifNoneMatch: '*\r\nx: y' }), 'options.ifNoneMatch must be printable ASCII')
    throwsCode(() => signer.presignPut('k', { ifMatch: '"é"' }), 'options.ifMatch must be printable ASCII')
    throwsCode(() => signer.presignPut('k', { ifMatch: 'a\uD800' }), 'options.ifMatch must be well-formed Unicode')
  })

  test('wrong types are TypeErrors naming the option', () => {
    throwsType(() => signer.presignPut('k', { ifNoneMatch: true }), 'options.ifNoneMatch must be a string, got boolean')
    throwsType(() => signer.presignPut('k', { ifMatch: 1 }), 'options.ifMatch must be a string, got number')
    throwsType(() => signer.presignPut('k', { checksumAlgorithm: 32, checksum: CRC32 }), 'options.checksumAlgorithm must be a string, got number')
    throwsType(() => signer.presignPut('k', { checksumAlgorithm: 'CRC32', checksum: new Uint8Array(4) }), 'options.checksum must be a string, got object')
  })
})

describe('multipart results', () => {
  test('presignCreateMultipartUpload: POST ?uploads with the object\'s headers', () => {
    const r = signer.presignCreateMultipartUpload('big/video.mp4', {
      signingDate: T0,
      expiresIn: 600,
      contentType: 'video/mp4',
      cacheControl: 'max-age=60',
      contentDisposition: 'inline',
      metadata: new Map([['Owner', 'alice']]),
      checksumAlgorithm: 'crc32c',
    })
    assertShape(r, 'POST', 600)
    assert.ok(r.url.startsWith('http://127.0.0.1:9000/test-bucket/big/video.mp4?uploads=&X-Amz-'), r.url)
    assert.deepEqual(r.headers, {
      'cache-control': 'max-age=60',
      'content-disposition': 'inline',
      'content-type': 'video/mp4',
      'x-amz-checksum-algorithm': 'CRC32C',
      'x-amz-meta-owner': 'alice',
    })
    assert.deepEqual(signer.presignCreateMultipartUpload('k', { signingDate: T0 }).headers, {})
  })

  test('presignUploadPart: PUT ?partNumber&uploadId, Content-Length signed but not returned', () => {
    const r = signer.presignUploadPart('k', UPLOAD_ID, 7, {
      signingDate: T0,
      contentLength: 5 * 1024 * 1024,
      contentMd5: 'XrY7u+Ae7tCTyyK7j1rNww==',
      checksumAlgorithm: 'SHA256',
      checksum: SHA256,
    })
    assertShape(r, 'PUT')
    const q = query(r.url)
    assert.equal(q.partNumber, '7')
    assert.equal(q.uploadId, UPLOAD_ID)
    assert.ok(r.url.startsWith(`http://127.0.0.1:9000/test-bucket/k?partNumber=7&uploadId=${UPLOAD_ID}&X-Amz-`), r.url)
    assert.deepEqual(r.headers, { 'content-md5': 'XrY7u+Ae7tCTyyK7j1rNww==', 'x-amz-checksum-sha256': SHA256 })
    assert.deepEqual(signedHeaders(r.url), ['content-length', 'content-md5', 'host', 'x-amz-checksum-sha256'])
    assert.deepEqual(signer.presignUploadPart('k', UPLOAD_ID, 1).headers, {})
  })

  test('an upload id is percent-encoded in the query like any value', () => {
    const r = signer.presignUploadPart('k', 'a+b/c= d~', 1, { signingDate: T0 })
    assert.ok(r.url.includes('&uploadId=a%2Bb%2Fc%3D%20d~&'), r.url)
    assert.equal(query(r.url).uploadId, 'a+b/c= d~')
  })

  test('presignListParts: GET ?uploadId with paging', () => {
    const r = signer.presignListParts('k', UPLOAD_ID, { signingDate: T0, maxParts: 1000, partNumberMarker: 0 })
    assertShape(r, 'GET')
    const q = query(r.url)
    assert.equal(q['max-parts'], '1000')
    assert.equal(q['part-number-marker'], '0')
    assert.equal(q.uploadId, UPLOAD_ID)
    assert.deepEqual(r.headers, {})
    const plain = query(signer.presignListParts('k', UPLOAD_ID).url)
    assert.equal(plain['max-parts'], undefined)
    assert.equal(plain['part-number-marker'], undefined)
  })

  test('presignCompleteMultipartUpload: POST ?uploadId with its conditions', () => {
    const r = signer.presignCompleteMultipartUpload('k', UPLOAD_ID, { signingDate: T0, expiresIn: 60, ifNoneMatch: '*' })
    assertShape(r, 'POST', 60)
    assert.equal(query(r.url).uploadId, UPLOAD_ID)
    assert.deepEqual(r.headers, { 'if-none-match': '*' })
    assert.deepEqual(signer.presignCompleteMultipartUpload('k', UPLOAD_ID, { ifMatch: '"e"' }).headers, { 'if-match': '"e"' })
    assert.deepEqual(signer.presignCompleteMultipartUpload('k', UPLOAD_ID).headers, {})
  })

  test('presignAbortMultipartUpload: DELETE ?uploadId', () => {
    const r = signer.presignAbortMultipartUpload('k', UPLOAD_ID, { signingDate: T0, expiresIn: 5 })
    assertShape(r, 'DELETE', 5)
    assert.equal(query(r.url).uploadId, UPLOAD_ID)
    assert.deepEqual(r.headers, {})
  })

  test('null and undefined options mean defaults for every method', () => {
    for (const [name, call] of Object.entries(ALL)) {
      const want = [call('k', { signingDate: T0 })].flat()
      for (const options of [{ signingDate: T0, expiresIn: undefined }, { signingDate: T0, expiresIn: null }]) {
        assert.deepEqual([call('k', options)].flat(), want, name)
      }
      for (const options of [undefined, null, {}]) assert.doesNotThrow(() => call('k', options), name)
    }
  })
})

describe('presignUploadParts', () => {
  test('10,000 parts: one per number, equal to presignUploadPart one by one', () => {
    const options = { signingDate: T0, expiresIn: 604_800 }
    const parts = signer.presignUploadParts('big/file.bin', UPLOAD_ID, 10_000, options)
    assert.equal(parts.length, 10_000)
    for (let i = 0; i < parts.length; i++) {
      const one = signer.presignUploadPart('big/file.bin', UPLOAD_ID, i + 1, options)
      assert.deepEqual(parts[i], one, `part ${i + 1}`)
    }
    assertShape(parts[9999], 'PUT', 604_800)
    // Separate objects: changing one result changes no other.
    parts[0].headers.x = 'y'
    assert.deepEqual(parts[1].headers, {})
    assert.notEqual(parts[0].expiresAt, parts[1].expiresAt)
  })

  test('without signingDate, every part is signed at one instant', () => {
    const parts = signer.presignUploadParts('k', UPLOAD_ID, 3000, { expiresIn: 60 })
    assert.equal(new Set(parts.map((p) => query(p.url)['X-Amz-Date'])).size, 1)
    assert.equal(new Set(parts.map((p) => p.expiresAt.getTime())).size, 1)
    const signingDate = new Date(parts[0].expiresAt.getTime() - 60_000)
    assert.deepEqual(parts[2999], signer.presignUploadPart('k', UPLOAD_ID, 3000, { expiresIn: 60, signingDate }))
    assert.deepEqual(parts.map((p) => Number(query(p.url).partNumber)), Array.from({ length: 3000 }, (_, i) => i + 1))
  })

  test('one part', () => {
    const parts = signer.presignUploadParts('k', UPLOAD_ID, 1, { signingDate: T0 })
    assert.deepEqual(parts, [signer.presignUploadPart('k', UPLOAD_ID, 1, { signingDate: T0 })])
  })
})

describe('multipart refusals', () => {
  test('part numbers are whole numbers from 1 to 10000', () => {
    for (const partNumber of [0, -1, 10_001, 2 ** 32 + 1, 2 ** 53, 2 ** 64]) {
      throwsCode(() => signer.presignUploadPart('k', UPLOAD_ID, partNumber), `partNumber must be between 1 and 10000, got ${BigInt(partNumber)}`)
    }
    for (const [partNumber, got] of [[1.5, '1.5'], ['1', 'string'], [undefined, 'undefined'], [null, 'null'], [NaN, 'NaN'], [Infinity, 'Infinity'], [1n, 'bigint'], [new Number(1), 'object']]) {
      throwsType(() => signer.presignUploadPart('k', UPLOAD_ID, partNumber), `partNumber must be an integer, got ${got}`)
    }
    throwsCode(() => signer.presignUploadPart('k', UPLOAD_ID, -0), 'partNumber must be between 1 and 10000, got 0')
    assert.equal(query(signer.presignUploadPart('k', UPLOAD_ID, 10_000).url).partNumber, '10000')
  })

  test('a part count is a whole number from 1 to 10000', () => {
    for (const partCount of [0, -3, 10_001]) {
      throwsCode(() => signer.presignUploadParts('k', UPLOAD_ID, partCount), `partCount must be between 1 and 10000, got ${partCount}`)
    }
    throwsType(() => signer.presignUploadParts('k', UPLOAD_ID, 2.5), 'partCount must be an integer, got 2.5')
    throwsType(() => signer.presignUploadParts('k', UPLOAD_ID, '3'), 'partCount must be an integer, got string')
    throwsType(() => signer.presignUploadParts('k', UPLOAD_ID), 'partCount must be an integer, got undefined')
  })

  test('maxParts is 1 to 1000, partNumberMarker 0 to 10000', () => {
    throwsCode(() => signer.presignListParts('k', UPLOAD_ID, { maxParts: 1001 }), 'options.maxParts must be between 1 and 1000, got 1001')
    throwsCode(() => signer.presignListParts('k', UPLOAD_ID, { maxParts: 0 }), 'options.maxParts must be between 1 and 1000, got 0')
    throwsCode(() => signer.presignListParts('k', UPLOAD_ID, { partNumberMarker: -1 }), 'options.partNumberMarker must be between 0 and 10000, got -1')
    throwsCode(() => signer.presignListParts('k', UPLOAD_ID, { partNumberMarker: 10_001 }), 'options.partNumberMarker must be between 0 and 10000, got 10001')
    throwsType(() => signer.presignListParts('k', UPLOAD_ID, { maxParts: '5' }), 'options.maxParts must be an integer, got string')
    throwsType(() => signer.presignListParts('k', UPLOAD_ID, { partNumberMarker: 0.5 }), 'options.partNumberMarker must be an integer, got 0.5')
    assert.equal(query(signer.presignListParts('k', UPLOAD_ID, { partNumberMarker: 10_000 }).url)['part-number-marker'], '10000')
  })

  test('an upload id is a string of 1 to 1024 bytes, well-formed', () => {
    for (const name of WITH_UPLOAD_ID) {
      throwsCode(() => ALL[name]('k', {}, ''), 'uploadId must be 1 to 1024 bytes long, got 0')
      throwsCode(() => ALL[name]('k', {}, 'é'.repeat(513)), 'uploadId must be 1 to 1024 bytes long, got 1026')
      throwsCode(() => ALL[name]('k', {}, 'up\uD800load'), 'uploadId must be well-formed Unicode: it holds a lone surrogate')
      throwsType(() => ALL[name]('k', {}, 42), 'uploadId must be a string, got number')
      throwsType(() => ALL[name]('k', {}, null), 'uploadId must be a string, got null')
      assert.doesNotThrow(() => ALL[name]('k', {}, 'u'.repeat(1024)), name)
    }
  })

  test('the key and the shared options are checked as elsewhere', () => {
    for (const call of Object.values(ALL)) {
      throwsCode(() => call('', {}), 'key must not be empty')
      throwsCode(() => call('a\uDC00', {}), 'key must be well-formed Unicode')
      throwsType(() => call(7, {}), 'key must be a string, got number')
      throwsCode(() => call('k', { expiresIn: 604_801 }), 'options.expiresIn must be between 1 and 604800 seconds')
      throwsType(() => call('k', { expiresIn: '60' }), 'options.expiresIn must be an integer, got string')
      throwsType(() => call('k', { signingDate: 'now' }), 'options.signingDate must be a valid Date, got string')
      throwsType(() => call('k', 'options'), 'options must be an object, got string')
      throwsType(() => call('k', []), 'options must be an object, got an array')
    }
  })

  test('a TypeError for the key comes before one for the upload id or the part number', () => {
    throwsType(() => signer.presignUploadPart(1, 2, '3'), 'key must be a string')
    throwsType(() => signer.presignUploadPart('k', 2, '3'), 'uploadId must be a string')
  })

  test('an upload part\'s checksum and length are checked as presignPut\'s', () => {
    throwsCode(() => signer.presignUploadPart('k', UPLOAD_ID, 1, { checksum: CRC32 }), 'options.checksumAlgorithm is missing')
    throwsCode(() => signer.presignUploadPart('k', UPLOAD_ID, 1, { checksumAlgorithm: 'CRC32', checksum: 'AAAA' }), 'options.checksum must be the base64 of a CRC32 checksum (8 characters)')
    throwsCode(() => signer.presignUploadPart('k', UPLOAD_ID, 1, { checksumAlgorithm: 'XXH3', checksum: CRC32 }), 'options.checksumAlgorithm must be one of')
    throwsCode(() => signer.presignUploadPart('k', UPLOAD_ID, 1, { contentLength: -1 }), 'options.contentLength must be between 0 and 5368709120')
    throwsType(() => signer.presignUploadPart('k', UPLOAD_ID, 1, { contentLength: '5' }), 'options.contentLength must be an integer, got string')
    throwsType(() => signer.presignUploadPart('k', UPLOAD_ID, 1, { contentMd5: 5 }), 'options.contentMd5 must be a string, got number')
  })

  test('a create\'s options are checked as presignPut\'s', () => {
    throwsCode(() => signer.presignCreateMultipartUpload('k', { checksumAlgorithm: 'md5' }), 'options.checksumAlgorithm must be one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256, got "md5"')
    throwsCode(() => signer.presignCreateMultipartUpload('k', { contentType: 'a\nb' }), 'options.contentType must be printable ASCII')
    throwsCode(() => signer.presignCreateMultipartUpload('k', { metadata: { 'a b': 'v' } }), 'options.metadata name')
    throwsType(() => signer.presignCreateMultipartUpload('k', { metadata: new Set() }), 'options.metadata must be a plain object or a Map of strings')
    throwsType(() => signer.presignCreateMultipartUpload('k', { cacheControl: 1 }), 'options.cacheControl must be a string')
    throwsType(() => signer.presignCreateMultipartUpload('k', { contentDisposition: 1 }), 'options.contentDisposition must be a string')
  })

  test('a complete\'s conditions are checked as presignPut\'s', () => {
    throwsCode(() => signer.presignCompleteMultipartUpload('k', UPLOAD_ID, { ifNoneMatch: '\u0000' }), 'options.ifNoneMatch must be printable ASCII')
    throwsType(() => signer.presignCompleteMultipartUpload('k', UPLOAD_ID, { ifMatch: ['"e"'] }), 'options.ifMatch must be a string, got an array')
  })
})
