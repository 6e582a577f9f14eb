// The multipart helpers that need no signer, through the installed package:
// completeMultipartUploadBody against botocore's bodies
// (tests/vectors/complete_body.json), the parse* readers on real answers of
// S3 and the local test server and on hostile input, and planParts. The
// real server judges them together in s3server.test.mjs.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'

import { completeMultipartUploadBody, parseCreateMultipartUpload, parseError, parseListParts, planParts } from 'presigner'

import { assertInstalled, repoRoot } from './helpers.mjs'

const MIB = 1024 * 1024
const GIB = 1024 * MIB
const MAX_OBJECT_SIZE = 5_492_189_429_760 // 5 TiB less 5 GiB
const MAX_XML_BYTES = 16 * MIB
const MAX_STRING_CHARS = 1 << 20
const NS = 'http://s3.amazonaws.com/doc/2006-03-01/'

/** Asserts `fn` throws a plain Error (not a TypeError) with `code` and a message containing each of `fragments`. */
function throwsCode(fn, code, ...fragments) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error && !(err instanceof TypeError), `${err}: a plain Error`)
    assert.equal(err.code, code, err.message)
    assert.ok(err.message.length < 400, `a ${err.message.length}-character message`)
    for (const f of fragments) assert.ok(err.message.includes(f), `${JSON.stringify(err.message)} holds ${JSON.stringify(f)}`)
    return true
  })
}

/** Asserts `fn` throws a TypeError with code ERR_INVALID_ARG_TYPE and a message containing each of `fragments`. */
function throwsType(fn, ...fragments) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof TypeError, `${err}: a TypeError`)
    assert.equal(err.code, 'ERR_INVALID_ARG_TYPE', err.message)
    for (const f of fragments) assert.ok(err.message.includes(f), `${JSON.stringify(err.message)} holds ${JSON.stringify(f)}`)
    return true
  })
}

const invalid = (fn, ...fragments) => throwsCode(fn, 'ERR_PRESIGNER_INVALID_ARGUMENT', ...fragments)
const badXml = (fn, ...fragments) => throwsCode(fn, 'ERR_PRESIGNER_XML', ...fragments)

test('presigner is the installed package', () => assertInstalled())

// ------------------------------------------------------------ the body

const VECTORS = JSON.parse(readFileSync(path.join(repoRoot(), 'tests', 'vectors', 'complete_body.json'), 'utf8'))

describe('completeMultipartUploadBody', () => {
  test('the vector file is the one expected', () => {
    assert.equal(VECTORS.schema, 'presigner-complete-body/1')
    assert.equal(VECTORS.cases.length, 11)
  })

  for (const c of VECTORS.cases) {
    test(`${c.id}: ${c.comment}`, () => {
      assert.equal(completeMultipartUploadBody(c.parts), c.expect_xml)
      // Objects, either spelling of the number, and any order give the same body.
      const objects = c.parts.map(([partNumber, etag]) => ({ partNumber, etag }))
      assert.equal(completeMultipartUploadBody(objects), c.expect_xml)
      assert.equal(completeMultipartUploadBody(c.parts.map(([part_number, etag]) => ({ part_number, etag }))), c.expect_xml)
      assert.equal(completeMultipartUploadBody([...objects].reverse()), c.expect_xml)
      const mixed = c.parts.map((pair, i) => (i % 2 ? pair : { partNumber: pair[0], etag: pair[1] }))
      assert.equal(completeMultipartUploadBody(mixed), c.expect_xml)
    })
  }

  test('checksums, any case of the algorithm, as botocore writes them', () => {
    // The core's botocore body (crates/presigner/src/xml/tests.rs).
    const botocore = `<CompleteMultipartUpload xmlns="${NS}">`
      + '<Part><ETag>"a54357aff0632cce46d942af68356b38"</ETag><PartNumber>1</PartNumber></Part>'
      + '<Part><ETag>"0c78aef83f66abc1fa1e8477f296d394"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32><PartNumber>2</PartNumber></Part>'
      + '<Part><ETag>"a&amp;b&lt;c&gt;\'d"</ETag><ChecksumSHA256>47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=</ChecksumSHA256><PartNumber>3</PartNumber></Part>'
      + '<Part><ETag>"é😀"</ETag><ChecksumCRC64NVME>AAAAAAAAAAA=</ChecksumCRC64NVME><PartNumber>10000</PartNumber></Part>'
      + '</CompleteMultipartUpload>'
    const parts = [
      { partNumber: 10_000, etag: '"é😀"', checksumAlgorithm: 'crc64nvme', checksum: 'AAAAAAAAAAA=' },
      { part_number: 3, etag: '"a&b<c>\'d"', checksumAlgorithm: 'SHA256', checksum: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' },
      [1, '"a54357aff0632cce46d942af68356b38"'],
      { partNumber: 2, etag: '"0c78aef83f66abc1fa1e8477f296d394"', checksumAlgorithm: 'Crc32', checksum: 'AAAAAA==', size: 5, extra: {} },
    ]
    assert.equal(completeMultipartUploadBody(parts), botocore)
    // null and undefined are "not given", as for options.
    assert.equal(
      completeMultipartUploadBody([{ partNumber: 1, etag: '"e"', checksumAlgorithm: null, checksum: undefined }]),
      completeMultipartUploadBody([[1, '"e"']]),
    )
  })

  test('10000 parts, the most S3 takes', () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => [10_000 - i, `"${i}"`])
    const body = completeMultipartUploadBody(parts)
    assert.equal(body.match(/<Part>/g).length, 10_000)
    assert.ok(body.startsWith(`<CompleteMultipartUpload xmlns="${NS}"><Part><ETag>"9999"</ETag><PartNumber>1</PartNumber></Part>`))
    invalid(() => completeMultipartUploadBody([...parts, [10_001, '"e"']]), 'parts must hold 1 to 10000 items, got 10001')
  })

  test('what the core refuses is ERR_PRESIGNER_INVALID_ARGUMENT naming parts', () => {
    invalid(() => completeMultipartUploadBody([]), 'parts must hold 1 to 10000 items, got 0')
    invalid(() => completeMultipartUploadBody([[0, '"e"']]), 'parts: part 0 is not a part number (1 to 10000)')
    invalid(() => completeMultipartUploadBody([[10_001, '"e"']]), 'parts: part 10001 is not a part number (1 to 10000)')
    invalid(() => completeMultipartUploadBody([[2, '"a"'], { part_number: 1, etag: '"b"' }, { partNumber: 2, etag: '"c"' }]), 'parts: part 2 is listed twice')
    invalid(() => completeMultipartUploadBody([[1, '']]), 'parts: part 1 has an empty etag')
    invalid(() => completeMultipartUploadBody([[1, '"a\nb"']]), 'parts: part 1 has an etag holding a control character')
    invalid(() => completeMultipartUploadBody([{ partNumber: 1, etag: '"e"', checksumAlgorithm: 'CRC32', checksum: 'AAAA' }]),
      'parts: part 1 has a checksum that is not the base64 of a checksum of its algorithm')
    // Part numbers no u32 holds, an unknown algorithm, half a checksum: the item is named.
    invalid(() => completeMultipartUploadBody([[1, '"a"'], [-1, '"b"']]), 'parts[1]: partNumber must be between 1 and 10000, got -1')
    invalid(() => completeMultipartUploadBody([{ partNumber: 2 ** 40, etag: '"b"' }]), 'parts[0]: partNumber must be between 1 and 10000, got 1099511627776')
    invalid(() => completeMultipartUploadBody([{ partNumber: 1e300, etag: '"b"' }]), 'parts[0]: partNumber must be between 1 and 10000, got a number over 2^127')
    invalid(() => completeMultipartUploadBody([{ partNumber: 1, etag: '"e"', checksumAlgorithm: 'MD5', checksum: 'AAAAAA==' }]),
      'parts[0]: checksumAlgorithm must be one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256, got "MD5"')
    invalid(() => completeMultipartUploadBody([[1, '"a"'], { partNumber: 2, etag: '"e"', checksumAlgorithm: 'CRC32' }]),
      'parts[1]: checksumAlgorithm and checksum go together: checksum is missing')
    invalid(() => completeMultipartUploadBody([{ partNumber: 1, etag: '"e"', checksum: 'AAAAAA==' }]),
      'parts[0]: checksumAlgorithm and checksum go together: checksumAlgorithm is missing')
    // Strings are refused as every string argument is.
    invalid(() => completeMultipartUploadBody([{ partNumber: 1, etag: 'x'.repeat(MAX_STRING_CHARS + 1) }]), 'parts[0].etag is longer than 1048576 characters')
    invalid(() => completeMultipartUploadBody([[1, '"\ud800"']]), 'parts[0][1] must be well-formed Unicode')
  })

  test('a value of the wrong type is a TypeError naming where it is', () => {
    for (const bad of [undefined, null, 'x', 1, { 0: [1, '"e"'], length: 1 }, new Set([[1, '"e"']])]) {
      throwsType(() => completeMultipartUploadBody(bad), 'parts must be an array, got ')
    }
    throwsType(() => completeMultipartUploadBody(), 'parts must be an array, got undefined')
    const pairOrObject = 'must be a [partNumber, etag] pair or a { partNumber, etag } object'
    throwsType(() => completeMultipartUploadBody([[1, '"a"'], '"b"']), `parts[1] ${pairOrObject}, got string`)
    throwsType(() => completeMultipartUploadBody([null]), `parts[0] ${pairOrObject}, got null`)
    throwsType(() => completeMultipartUploadBody([[1]]), `parts[0] ${pairOrObject}, got an array of length 1`)
    throwsType(() => completeMultipartUploadBody([[1, '"a"', 'x']]), `parts[0] ${pairOrObject}, got an array of length 3`)
    throwsType(() => completeMultipartUploadBody([['1', '"a"']]), 'parts[0][0] must be an integer, got string')
    throwsType(() => completeMultipartUploadBody([[1.5, '"a"']]), 'parts[0][0] must be an integer, got 1.5')
    throwsType(() => completeMultipartUploadBody([[1, 7]]), 'parts[0][1] must be a string, got number')
    throwsType(() => completeMultipartUploadBody([{ etag: '"a"' }]), 'parts[0].partNumber is required')
    throwsType(() => completeMultipartUploadBody([{ partNumber: null, part_number: undefined, etag: '"a"' }]), 'parts[0].partNumber is required')
    throwsType(() => completeMultipartUploadBody([{ partNumber: NaN, etag: '"a"' }]), 'parts[0].partNumber must be an integer, got NaN')
    throwsType(() => completeMultipartUploadBody([{ part_number: 1n, etag: '"a"' }]), 'parts[0].part_number must be an integer, got bigint')
    throwsType(() => completeMultipartUploadBody([{ partNumber: 1 }]), 'parts[0].etag is required')
    throwsType(() => completeMultipartUploadBody([{ partNumber: 1, etag: ['"a"'] }]), 'parts[0].etag must be a string, got an array')
    throwsType(() => completeMultipartUploadBody([{ partNumber: 1, etag: '"a"', checksumAlgorithm: 32, checksum: 'AAAAAA==' }]),
      'parts[0].checksumAlgorithm must be a string, got number')
    throwsType(() => completeMultipartUploadBody([{ partNumber: 1, etag: '"a"', checksumAlgorithm: 'CRC32', checksum: Buffer.alloc(4) }]),
      'parts[0].checksum must be a string, got object')
  })

  test('a hostile length is not trusted: holes are TypeErrors, found at once', () => {
    const sparse = [[1, '"a"']]
    sparse.length = 2 ** 32 - 1
    throwsType(() => completeMultipartUploadBody(sparse), 'parts[1] must be a [partNumber, etag] pair')
    const holes = []
    holes.length = 2 ** 32 - 1
    throwsType(() => completeMultipartUploadBody(holes), 'parts[0] must be')
    // A getter that shortens the array while it is read leaves holes behind.
    const shrinking = [[1, '"a"'], [2, '"b"'], [3, '"c"']]
    Object.defineProperty(shrinking, 1, { configurable: true, get() { shrinking.length = 1; return [2, '"b"'] } })
    throwsType(() => completeMultipartUploadBody(shrinking), 'parts[2] must be a [partNumber, etag] pair', 'got undefined')
    // A getter that throws: its error, unchanged.
    const throwing = [[1, '"a"']]
    Object.defineProperty(throwing, 0, { get() { throw new RangeError('from the getter') } })
    assert.throws(() => completeMultipartUploadBody(throwing), { name: 'RangeError', message: 'from the getter' })
    assert.throws(() => completeMultipartUploadBody([{ get partNumber() { throw new RangeError('getter') }, etag: '"a"' }]), { name: 'RangeError' })
  })

  test('the parts of parseListParts complete the upload as they are', () => {
    const page = parseListParts(LIST_S3)
    assert.equal(
      completeMultipartUploadBody(page.parts),
      `<CompleteMultipartUpload xmlns="${NS}">`
        + '<Part><ETag>"7778aef83f66abc1fa1e8477f296d394"</ETag><ChecksumCRC32>dk8WqA==</ChecksumCRC32><PartNumber>1</PartNumber></Part>'
        + '<Part><ETag>"aaaa18db4cc2f85cedef654fccc4a4x8"</ETag><ChecksumCRC32>Ev0HJg==</ChecksumCRC32><PartNumber>2</PartNumber></Part>'
        + '<Part><ETag>"8a9f3e12bb2c1c9b3f38a4e7d6b0c9e1"</ETag><ChecksumCRC32>0/vIxg==</ChecksumCRC32><PartNumber>3</PartNumber></Part>'
        + '</CompleteMultipartUpload>',
    )
  })
})

// ------------------------------------------------------------ the answers

/** CreateMultipartUpload's answer, as in S3's API reference. */
const CREATE_S3 = `<?xml version="1.0" encoding="UTF-8"?>
<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Bucket>example-bucket</Bucket>
  <Key>example-object</Key>
  <UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>
</InitiateMultipartUploadResult>`

/** The same from the local test server (s3s). */
const CREATE_S3S = '<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>uploads</Bucket><Key>photos/a b&amp;c.jpg</Key><UploadId>e227dea2-b763-4822-8fcf-045f7a677efe</UploadId></InitiateMultipartUploadResult>'

/** ListParts' answer in S3's shape: a page of 3 parts of more, with CRC32 checksums. */
const LIST_S3 = `<?xml version="1.0" encoding="UTF-8"?>
<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Bucket>example-bucket</Bucket>
  <Key>example-object</Key>
  <UploadId>XXBsb2FkIElEIGZvciBlbHZpbmcncyVcdS1tb3ZpZS5tMnRzEEEwbG9hZA</UploadId>
  <ChecksumAlgorithm>CRC32</ChecksumAlgorithm>
  <ChecksumType>COMPOSITE</ChecksumType>
  <Initiator>
    <ID>arn:aws:iam::111122223333:user/some-user-11116a31-17b5-4fb7-9df5-b288870f11xx</ID>
    <DisplayName>umat-user-11116a31-17b5-4fb7-9df5-b288870f11xx</DisplayName>
  </Initiator>
  <Owner>
    <ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID>
    <DisplayName>someName</DisplayName>
  </Owner>
  <StorageClass>STANDARD</StorageClass>
  <PartNumberMarker>0</PartNumberMarker>
  <NextPartNumberMarker>3</NextPartNumberMarker>
  <MaxParts>3</MaxParts>
  <IsTruncated>true</IsTruncated>
  <Part>
    <PartNumber>1</PartNumber>
    <LastModified>2010-11-10T20:48:34.000Z</LastModified>
    <ETag>"7778aef83f66abc1fa1e8477f296d394"</ETag>
    <Size>10485760</Size>
    <ChecksumCRC32>dk8WqA==</ChecksumCRC32>
  </Part>
  <Part>
    <PartNumber>2</PartNumber>
    <LastModified>2010-11-10T20:48:33.000Z</LastModified>
    <ETag>"aaaa18db4cc2f85cedef654fccc4a4x8"</ETag>
    <Size>10485760</Size>
    <ChecksumCRC32>Ev0HJg==</ChecksumCRC32>
  </Part>
  <Part>
    <PartNumber>3</PartNumber>
    <LastModified>2010-11-10T20:48:35.000Z</LastModified>
    <ETag>"8a9f3e12bb2c1c9b3f38a4e7d6b0c9e1"</ETag>
    <Size>10485760</Size>
    <ChecksumCRC32>0/vIxg==</ChecksumCRC32>
  </Part>
</ListPartsResult>`

/** The last page of a list from the local test server: a NextPartNumberMarker though not truncated. */
const LIST_S3S = '<?xml version="1.0" encoding="UTF-8"?><ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>uploads</Bucket><IsTruncated>false</IsTruncated><Key>photos/a b&amp;c.jpg</Key><MaxParts>1000</MaxParts><NextPartNumberMarker>3</NextPartNumberMarker><PartNumberMarker>0</PartNumberMarker><Part><ETag>"398533d48111e9f664b1f64cb10c4b63"</ETag><LastModified>2026-11-29T21:28:02.372Z</LastModified><PartNumber>1</PartNumber><Size>1000</Size></Part><Part><ETag>"6284398f25b31fbdd31e5c6cc04af9ad"</ETag><LastModified>2026-11-29T21:28:02.380Z</LastModified><PartNumber>2</PartNumber><Size>2000</Size></Part><Part><ETag>"33d7ac42e3aa0f3146843833c23e4365"</ETag><LastModified>2026-11-29T21:28:02.381Z</LastModified><PartNumber>3</PartNumber><Size>3000</Size></Part><UploadId>e227dea2-b763-4822-8fcf-045f7a677efe</UploadId></ListPartsResult>'

/** NoSuchUpload, as in S3's error reference. */
const ERROR_S3 = `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchUpload</Code>
  <Message>The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.</Message>
  <UploadId>VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>
  <RequestId>4442587FB7D0A2F9</RequestId>
  <HostId>eftixk72aD6Ap51TnqcoF8eFidJG9Z/2mkiDFu8yU9AS1ed4OpIszj7UDNEHGran</HostId>
</Error>`

/** The local test server's bare error body. */
const ERROR_S3S_BARE = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>'

/** `xml` as every form the readers take: text, a Buffer, a Uint8Array view into a larger buffer, an ArrayBuffer. */
function forms(xml) {
  const bytes = Buffer.from(xml)
  const padded = new Uint8Array(bytes.length + 8)
  padded.set(bytes, 4)
  const arrayBuffer = new ArrayBuffer(bytes.length)
  new Uint8Array(arrayBuffer).set(bytes)
  return { string: xml, Buffer: bytes, 'Uint8Array view': padded.subarray(4, 4 + bytes.length), ArrayBuffer: arrayBuffer }
}

/** Asserts `parse(xml)` gives `want` exactly (absent fields absent) for every form of `xml`. */
function reads(parse, xml, want) {
  for (const [form, body] of Object.entries(forms(xml))) {
    const got = parse(body)
    assert.deepEqual(got, want, form)
    assert.deepEqual(Object.keys(got), Object.keys(want), `${form}: the fields present, in order`)
    assert.equal(Object.getPrototypeOf(got), Object.prototype, form)
  }
}

describe('parseCreateMultipartUpload, parseListParts, parseError', () => {
  test('a CreateMultipartUpload answer: bucket, key, uploadId', () => {
    reads(parseCreateMultipartUpload, CREATE_S3, {
      bucket: 'example-bucket',
      key: 'example-object',
      uploadId: 'VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA',
    })
    reads(parseCreateMultipartUpload, CREATE_S3S, { bucket: 'uploads', key: 'photos/a b&c.jpg', uploadId: 'e227dea2-b763-4822-8fcf-045f7a677efe' })
  })

  test('a truncated ListParts page: 3 parts with checksums, the markers', () => {
    const part = (partNumber, lastModified, etag, checksum) => ({ partNumber, etag, size: 10_485_760, lastModified, checksumAlgorithm: 'CRC32', checksum })
    reads(parseListParts, LIST_S3, {
      parts: [
        part(1, '2010-11-10T20:48:34.000Z', '"7778aef83f66abc1fa1e8477f296d394"', 'dk8WqA=='),
        part(2, '2010-11-10T20:48:33.000Z', '"aaaa18db4cc2f85cedef654fccc4a4x8"', 'Ev0HJg=='),
        part(3, '2010-11-10T20:48:35.000Z', '"8a9f3e12bb2c1c9b3f38a4e7d6b0c9e1"', '0/vIxg=='),
      ],
      isTruncated: true,
      nextPartNumberMarker: 3,
      partNumberMarker: 0,
      maxParts: 3,
    })
  })

  test('the last ListParts page of the local server; the least a store may send', () => {
    const part = (partNumber, etag, size, lastModified) => ({ partNumber, etag, size, lastModified })
    reads(parseListParts, LIST_S3S, {
      parts: [
        part(1, '"398533d48111e9f664b1f64cb10c4b63"', 1000, '2026-11-29T21:28:02.372Z'),
        part(2, '"6284398f25b31fbdd31e5c6cc04af9ad"', 2000, '2026-11-29T21:28:02.380Z'),
        part(3, '"33d7ac42e3aa0f3146843833c23e4365"', 3000, '2026-11-29T21:28:02.381Z'),
      ],
      isTruncated: false,
      nextPartNumberMarker: 3,
      partNumberMarker: 0,
      maxParts: 1000,
    })
    // No markers, no MaxParts, no LastModified, parts out of order: absent fields are absent.
    const min = '<ListPartsResult><IsTruncated>false</IsTruncated><Part><PartNumber>2</PartNumber><ETag>b</ETag><Size>5368709120</Size></Part><Part><PartNumber> 1 </PartNumber><ETag>a</ETag><Size>0</Size></Part></ListPartsResult>'
    reads(parseListParts, min, {
      parts: [{ partNumber: 1, etag: 'a', size: 0 }, { partNumber: 2, etag: 'b', size: 5 * GIB }],
      isTruncated: false,
    })
    reads(parseListParts, '<ListPartsResult><IsTruncated>0</IsTruncated></ListPartsResult>', { parts: [], isTruncated: false })
  })

  test('an Error answer: NoSuchUpload with S3\'s fields, the local server\'s bare one', () => {
    reads(parseError, ERROR_S3, {
      code: 'NoSuchUpload',
      message: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      requestId: '4442587FB7D0A2F9',
      hostId: 'eftixk72aD6Ap51TnqcoF8eFidJG9Z/2mkiDFu8yU9AS1ed4OpIszj7UDNEHGran',
      uploadId: 'VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA',
    })
    reads(parseError, ERROR_S3S_BARE, { code: 'NoSuchKey' })
    reads(parseError, '<Error><Code>AccessDenied</Code><Resource>/uploads/k</Resource><BucketName>uploads</BucketName><Key>k</Key><StringToSign>x</StringToSign></Error>', {
      code: 'AccessDenied',
      resource: '/uploads/k',
      bucketName: 'uploads',
      key: 'k',
    })
  })

  test('another document than the one expected is ERR_PRESIGNER_XML', () => {
    badXml(() => parseCreateMultipartUpload(ERROR_S3), 'expected an XML document whose root element is <InitiateMultipartUploadResult>, got "Error"')
    badXml(() => parseListParts(Buffer.from(CREATE_S3)), 'expected an XML document whose root element is <ListPartsResult>')
    badXml(() => parseError(LIST_S3), 'expected an XML document whose root element is <Error>')
    badXml(() => parseCreateMultipartUpload(CREATE_S3.replace(/<UploadId>.*<\/UploadId>/, '')), 'XML element <UploadId> is missing')
    badXml(() => parseListParts(LIST_S3.replace('<NextPartNumberMarker>3</NextPartNumberMarker>', '')), 'XML element <NextPartNumberMarker> is missing or 0 in a truncated list')
    badXml(() => parseListParts(LIST_S3.replace('<PartNumber>3<', '<PartNumber>2<')), 'XML element <PartNumber> is the same in two parts')
    badXml(() => parseError('<Error><Message>m</Message></Error>'), 'XML element <Code> is missing')
    for (const parse of [parseCreateMultipartUpload, parseListParts, parseError]) {
      badXml(() => parse(''), 'invalid XML at byte 0: no root element')
      badXml(() => parse(new Uint8Array(0)), 'no root element')
      badXml(() => parse('not xml'))
    }
  })
})

describe('hostile XML is ERR_PRESIGNER_XML', () => {
  const parsers = { parseCreateMultipartUpload, parseListParts, parseError }
  /** Asserts every reader refuses `xml` (in every form) with ERR_PRESIGNER_XML holding `fragment`. */
  function refused(xml, fragment) {
    for (const [name, parse] of Object.entries(parsers)) {
      for (const [form, body] of Object.entries(typeof xml === 'string' ? forms(xml) : { bytes: xml })) {
        assert.throws(() => parse(body), (err) => {
          assert.ok(!(err instanceof TypeError), `${name}(${form}): ${err}`)
          assert.equal(err.code, 'ERR_PRESIGNER_XML', `${name}(${form}): ${err.message}`)
          assert.ok(err.message.includes(fragment), `${name}(${form}): ${JSON.stringify(err.message)} holds ${JSON.stringify(fragment)}`)
          assert.ok(err.message.length < 400, `${name}(${form}): a ${err.message.length}-character message`)
          return true
        })
      }
    }
  }

  test('a DOCTYPE, an internal or external entity', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Error><Code>&lol2;</Code></Error>'
    refused(laughs, 'invalid XML at byte 21: a DOCTYPE')
    refused('<!DOCTYPE Error [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Error><Code>&xxe;</Code></Error>', 'DOCTYPE')
    badXml(() => parseError('<Error><Code>&xxe;</Code></Error>'), 'an entity other than &lt; &gt; &amp; &quot; &apos;')
    badXml(() => parseCreateMultipartUpload('<InitiateMultipartUploadResult><Bucket>&xxe;</Bucket></InitiateMultipartUploadResult>'), 'an entity other than')
  })

  test('every truncation of a whole answer', () => {
    for (const [xml, parse] of [[CREATE_S3S, parseCreateMultipartUpload], [LIST_S3S, parseListParts], [ERROR_S3, parseError]]) {
      const root = xml.indexOf('<', xml.indexOf('?>'))
      for (let cut = root + 1; cut < xml.trimEnd().length; cut++) {
        assert.throws(() => parse(xml.slice(0, cut)), { code: 'ERR_PRESIGNER_XML' }, `cut at ${cut}`)
      }
      parse(xml)
    }
    const cut = LIST_S3S.indexOf('</Part>', LIST_S3S.indexOf('</Part>') + 1) + '</Part>'.length
    badXml(() => parseListParts(LIST_S3S.slice(0, cut)), 'the document ends before its elements are closed (truncated?)')
  })

  test('over 16 MiB of bytes: refused unread; just under: read', () => {
    const huge = Buffer.alloc(17 * MIB, '<')
    refused(huge, `XML body is ${17 * MIB} bytes long; at most ${MAX_XML_BYTES} are read`)
    refused(new Uint8Array(huge.buffer, huge.byteOffset, MAX_XML_BYTES + 1), `XML body is ${MAX_XML_BYTES + 1} bytes long`)
    refused(huge.buffer.slice(0, MAX_XML_BYTES + 1), `XML body is ${MAX_XML_BYTES + 1} bytes long`)
    const filler = 'x'.repeat(MAX_XML_BYTES - 200)
    assert.deepEqual(parseError(Buffer.from(`<Error><Code>C</Code><Junk>${filler}</Junk></Error>`)), { code: 'C' })
  })

  test('a string over 1048576 characters is refused unread, as every string argument', () => {
    for (const parse of Object.values(parsers)) {
      invalid(() => parse('<'.repeat(17 * MIB)), 'xml is longer than 1048576 characters')
      invalid(() => parse(`<Error><Code>C</Code><J>${'x'.repeat(MAX_STRING_CHARS)}</J></Error>`), 'xml is longer than 1048576 characters')
    }
    const under = `<Error><Code>C</Code><J>${'x'.repeat(MAX_STRING_CHARS - 40)}</J></Error>`
    assert.ok(under.length <= MAX_STRING_CHARS)
    assert.deepEqual(parseError(under), { code: 'C' })
  })

  test('deep nesting', () => {
    const roots = [[parseCreateMultipartUpload, 'InitiateMultipartUploadResult'], [parseListParts, 'ListPartsResult'], [parseError, 'Error']]
    for (const [parse, root] of roots) {
      const deep = `<${root}>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</${root}>`
      for (const body of Object.values(forms(deep))) badXml(() => parse(body), 'elements nested deeper than 16')
      badXml(() => parse(Buffer.from(`<${root}>${'<a>'.repeat(16)}`)), 'elements nested deeper than 16')
    }
  })

  test('invalid UTF-8 bytes, control characters', () => {
    refused(Buffer.from([...Buffer.from('<Error><Code>'), 0xc3, 0x28, ...Buffer.from('</Code></Error>')]), 'invalid XML at byte 13: not UTF-8')
    refused(Buffer.from([0xff, 0xfe, 0x3c, 0x00]), 'not UTF-8')
    refused('<Error><Code>\u0001</Code></Error>', 'a control character XML does not allow')
  })

  test('a long root name is not echoed whole', () => {
    refused(`<${'a'.repeat(100_000)}/>`, '…')
  })
})

describe('the xml argument', () => {
  test('a value of the wrong type is a TypeError naming xml', () => {
    for (const parse of [parseCreateMultipartUpload, parseListParts, parseError]) {
      throwsType(() => parse(), 'xml must be a string, a Uint8Array or an ArrayBuffer, got undefined')
      throwsType(() => parse(null), 'got null')
      throwsType(() => parse(42), 'got number')
      throwsType(() => parse({ toString: () => '<Error><Code>C</Code></Error>' }), 'got object')
      throwsType(() => parse([60]), 'got an array')
      throwsType(() => parse(new Uint16Array(4)), 'got a Uint16Array')
      throwsType(() => parse(new Float64Array(4)), 'got a Float64Array')
      throwsType(() => parse(new DataView(new ArrayBuffer(4))), 'got object')
    }
  })

  test('a lone surrogate in a string is refused as in every string argument', () => {
    invalid(() => parseError('<Error><Code>\ud800</Code></Error>'), 'xml must be well-formed Unicode')
  })

  test('the bytes are left unchanged; shared memory is read too', () => {
    const bytes = Buffer.from(ERROR_S3S_BARE)
    const copy = Buffer.from(bytes)
    parseError(bytes)
    assert.deepEqual(bytes, copy)
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length))
    shared.set(bytes)
    assert.deepEqual(parseError(shared), { code: 'NoSuchKey' })
    throwsType(() => parseError(shared.buffer), 'got object')
  })
})

// ------------------------------------------------------------ the plan

describe('planParts', () => {
  /** `planParts(size, partSize)` as `[partSize, partCount, lastPartSize]`, checking the shape and that the parts add up. */
  function plan(size, partSize) {
    const p = planParts(size, partSize)
    assert.deepEqual(Object.keys(p), ['partSize', 'partCount', 'lastPartSize'])
    assert.equal(Object.getPrototypeOf(p), Object.prototype)
    assert.equal((p.partCount - 1) * p.partSize + p.lastPartSize, size)
    return [p.partSize, p.partCount, p.lastPartSize]
  }

  test('empty, tiny and small objects are one part', () => {
    assert.deepEqual(plan(0), [8 * MIB, 1, 0])
    assert.deepEqual(plan(1), [8 * MIB, 1, 1])
    assert.deepEqual(plan(5 * MIB), [8 * MIB, 1, 5 * MIB])
    assert.deepEqual(plan(5 * MIB, 5 * MIB), [5 * MIB, 1, 5 * MIB])
    assert.deepEqual(plan(5 * MIB + 1, 5 * MIB), [5 * MIB, 2, 1])
    assert.deepEqual(plan(8 * MIB + 1), [8 * MIB, 2, 1])
    // null and undefined are "not given".
    assert.deepEqual(plan(20 * MIB, null), [8 * MIB, 3, 4 * MIB])
    assert.deepEqual(plan(20 * MIB, undefined), [8 * MIB, 3, 4 * MIB])
  })

  test('large objects: the part size doubles from 8 MiB to fit in 10000 parts', () => {
    assert.deepEqual(plan(100 * GIB), [16 * MIB, 6400, 16 * MIB])
    assert.deepEqual(plan(10_000 * 8 * MIB), [8 * MIB, 10_000, 8 * MIB])
    assert.deepEqual(plan(1024 * GIB)[0], 128 * MIB)
    assert.deepEqual(plan(MAX_OBJECT_SIZE), [GIB, 5115, MAX_OBJECT_SIZE - 5114 * GIB])
    assert.deepEqual(plan(5 * 1024 * GIB - 5 * GIB - 1), [GIB, 5115, MAX_OBJECT_SIZE - 1 - 5114 * GIB])
    assert.deepEqual(plan(GIB, 100 * MIB), [100 * MIB, 11, 24 * MIB])
  })

  test('out of range is ERR_PRESIGNER_INVALID_ARGUMENT naming size or partSize', () => {
    invalid(() => planParts(MAX_OBJECT_SIZE + 1), `size must be between 0 and ${MAX_OBJECT_SIZE} bytes`, `got ${MAX_OBJECT_SIZE + 1}`)
    invalid(() => planParts(5 * 1024 * GIB), 'size must be between 0 and')
    invalid(() => planParts(-1), 'size must be between 0 and', 'got -1')
    invalid(() => planParts(Number.MAX_VALUE), 'size must be between', 'got a number over 2^127')
    invalid(() => planParts(GIB, MIB), 'partSize must be between 5242880 (5 MiB) and 5363466240 bytes', `got ${MIB}`)
    invalid(() => planParts(GIB, 0), 'partSize must be between', 'got 0')
    invalid(() => planParts(GIB, -5 * MIB), 'partSize must be between', `got ${-5 * MIB}`)
    invalid(() => planParts(GIB, 5 * GIB), 'partSize must be between', `got ${5 * GIB}`)
    invalid(() => planParts(10_000 * 5 * MIB + 1, 5 * MIB),
      'partSize 5242880 splits size 52428800001 into 10001 parts; at most 10000: use a partSize of at least 5242881')
  })

  test('a value that is not a whole number is a TypeError', () => {
    throwsType(() => planParts(), 'size must be an integer, got undefined')
    throwsType(() => planParts(null), 'size must be an integer, got null')
    throwsType(() => planParts('1024'), 'size must be an integer, got string')
    throwsType(() => planParts(1.5), 'size must be an integer, got 1.5')
    throwsType(() => planParts(NaN), 'size must be an integer, got NaN')
    throwsType(() => planParts(Infinity), 'size must be an integer, got Infinity')
    throwsType(() => planParts(1n), 'size must be an integer, got bigint')
    throwsType(() => planParts(GIB, '8MiB'), 'partSize must be an integer, got string')
    throwsType(() => planParts(GIB, 5.5 * MIB + 0.5), 'partSize must be an integer, got 5767168.5')
    throwsType(() => planParts(GIB, { partSize: 8 * MIB }), 'partSize must be an integer, got object')
  })
})
