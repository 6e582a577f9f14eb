// Typed use of the whole public API: `tsc --strict --noEmit` must accept it
// (run.sh runs it against the installed index.d.ts), and must reject every
// line marked @ts-expect-error (an unused directive is itself an error).

import {
  completeMultipartUploadBody,
  DEFAULT_EXPIRES_IN_SECS,
  newKey,
  parseCreateMultipartUpload,
  parseError,
  parseListParts,
  planParts,
  presignGet,
  presignPut,
  Signer,
  UploadPolicy,
  type ChecksumAlgorithm,
  type CompletedPart,
  type CompletedPartObject,
  type CompleteMultipartUploadOptions,
  type CreatedMultipartUpload,
  type CreateMultipartUploadOptions,
  type ErrorResponse,
  type GetOptions,
  type ListedPart,
  type ListedParts,
  type ListPartsOptions,
  type NewKeyOptions,
  type ObjectKey,
  type ObjectOptions,
  type PartPlan,
  type PolicyError,
  type PresignedRequest,
  type PutOptions,
  type SignedUpload,
  type SignerConfig,
  type SigningOptions,
  type UploadId,
  type UploadPartOptions,
  type UploadPolicyOptions,
  type XmlBody,
} from 'presigner'

const config: SignerConfig = {
  endpoint: 'https://acct.r2.cloudflarestorage.com',
  bucket: 'uploads',
  accessKeyId: 'AKID',
  secretAccessKey: 'SECRET',
  region: 'auto',
  sessionToken: 'TOKEN',
  pathStyle: true,
  publicBaseUrl: 'https://files.example.com',
}
const minimal: SignerConfig = { endpoint: 'http://127.0.0.1:9000', bucket: 'b-1', accessKeyId: 'a', secretAccessKey: 's' }

const signer: Signer = new Signer(config)
const fromEnv: Signer = Signer.fromEnv()

const signingDate = new Date('2026-01-02T03:04:05Z')
const put: Required<PutOptions> = {
  expiresIn: 600,
  contentType: 'image/jpeg',
  contentLength: 1234,
  contentMd5: 'XrY7u+Ae7tCTyyK7j1rNww==',
  checksumSha256: 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
  cacheControl: 'max-age=60',
  contentDisposition: 'attachment; filename="cat.jpg"',
  metadata: { owner: 'alice' },
  ifNoneMatch: '*',
  ifMatch: '"9b2cf535f27731c974343645a3985328"',
  checksumAlgorithm: 'CRC32',
  checksum: 'AAAAAA==',
  signingDate,
}
const get: Required<GetOptions> = {
  expiresIn: 60,
  responseContentType: 'image/jpeg',
  responseContentDisposition: 'attachment; filename="cat.jpg"',
  responseCacheControl: 'no-cache',
  versionId: 'v1',
  signingDate,
}
const object: Required<ObjectOptions> = { expiresIn: 60, versionId: 'v1', signingDate }
const keyOptions: Required<NewKeyOptions> = { filename: 'cat.jpg', prefix: 'uploads' }
const algorithms: ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256', 'crc32', 'sha256']
const create: Required<CreateMultipartUploadOptions> = {
  expiresIn: 600,
  contentType: 'video/mp4',
  cacheControl: 'max-age=60',
  contentDisposition: 'inline',
  metadata: new Map([['owner', 'alice']]),
  checksumAlgorithm: 'CRC32C',
  signingDate,
}
const part: Required<UploadPartOptions> = {
  expiresIn: 600,
  contentLength: 5 * 1024 * 1024,
  contentMd5: 'XrY7u+Ae7tCTyyK7j1rNww==',
  checksumAlgorithm: 'sha256',
  checksum: 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
  signingDate,
}
const signing: Required<SigningOptions> = { expiresIn: 600, signingDate }
const list: Required<ListPartsOptions> = { expiresIn: 60, maxParts: 1000, partNumberMarker: 0, signingDate }
const complete: Required<CompleteMultipartUploadOptions> = { expiresIn: 60, ifNoneMatch: '*', ifMatch: '"etag"', signingDate }
const uploadId: UploadId = 'VXBsb2FkIElE'
const defaultExpiresIn: number = DEFAULT_EXPIRES_IN_SECS

const key: ObjectKey = newKey(keyOptions)
const keys: string[] = [newKey(), newKey({}), newKey({ filename: 'x.png' }), newKey(null)]

const results: PresignedRequest[] = [
  signer.presignPut(key, put),
  signer.presignPut(key),
  signer.presignPut(key, { contentType: 'text/plain' }),
  signer.presignPut(key, null),
  signer.presignGet(key, get),
  signer.presignGet(key),
  ...signer.presignGetMany(keys, get),
  ...signer.presignGetMany([key]),
  signer.presignHead(key, object),
  signer.presignHead(key),
  signer.presignDelete(key, object),
  signer.presignDelete(key, undefined),
  presignPut(key, put),
  presignPut(key),
  presignGet(key, get),
  presignGet(key),
  new Signer(minimal).presignGet('k'),
  fromEnv.presignGet('k'),
  signer.presignCreateMultipartUpload(key, create),
  signer.presignCreateMultipartUpload(key),
  signer.presignCreateMultipartUpload(key, { checksumAlgorithm: algorithms[0] }),
  signer.presignUploadPart(key, uploadId, 1, part),
  signer.presignUploadPart(key, uploadId, 10_000),
  signer.presignUploadPart(key, uploadId, 2, null),
  ...signer.presignUploadParts(key, uploadId, 3, signing),
  ...signer.presignUploadParts(key, uploadId, 3),
  signer.presignListParts(key, uploadId, list),
  signer.presignListParts(key, uploadId),
  signer.presignCompleteMultipartUpload(key, uploadId, complete),
  signer.presignCompleteMultipartUpload(key, uploadId, undefined),
  signer.presignAbortMultipartUpload(key, uploadId, signing),
  signer.presignAbortMultipartUpload(key, uploadId),
]

const first: PresignedRequest = results[0]
const method: 'GET' | 'PUT' | 'HEAD' | 'DELETE' | 'POST' = first.method
const url: string = first.url
const headers: Record<string, string> = first.headers
const contentType: string | undefined = first.headers['content-type']
const expiresAt: Date = first.expiresAt
const epochMs: number = expiresAt.getTime()
const publicUrl: string = signer.publicUrl(key)

// The multipart XML and the part plan.
const pairs: CompletedPart[] = [[1, '"a"'], [2, '"b"']]
const objects: CompletedPartObject[] = [
  { partNumber: 1, etag: '"a"' },
  { part_number: 2, etag: '"b"', checksumAlgorithm: 'crc32', checksum: 'AAAAAA==' },
]
const bodies: string[] = [
  completeMultipartUploadBody(pairs),
  completeMultipartUploadBody(objects),
  completeMultipartUploadBody([[1, '"a"'], { partNumber: 2, etag: '"b"' }] as const),
]
const xmlText: XmlBody = '<Error><Code>C</Code></Error>'
const xmlBytes: XmlBody[] = [new Uint8Array([60, 69, 47, 62]), new ArrayBuffer(0)]
const created: CreatedMultipartUpload = parseCreateMultipartUpload(xmlText)
const createdId: UploadId = created.uploadId
const page: ListedParts = parseListParts(xmlBytes[0])
const listedPart: ListedPart | undefined = page.parts[0]
const listedRest: [number, string, number, string | undefined, string | undefined, string | undefined] | undefined = listedPart && [
  listedPart.partNumber,
  listedPart.etag,
  listedPart.size,
  listedPart.lastModified,
  listedPart.checksumAlgorithm,
  listedPart.checksum,
]
const nextMarker: number | undefined = page.isTruncated ? page.nextPartNumberMarker : page.partNumberMarker ?? page.maxParts
// Listed parts complete a resumed upload as they are.
const resumed: string = completeMultipartUploadBody(page.parts)
const storeError: ErrorResponse = parseError(xmlBytes[1])
const errorFields: Array<string | undefined> = [storeError.code, storeError.message, storeError.requestId, storeError.hostId,
  storeError.resource, storeError.bucketName, storeError.key, storeError.uploadId]
const plans: PartPlan[] = [planParts(1 << 30), planParts(1 << 30, 100 << 20), planParts(0, undefined), planParts(0, null)]
const planned: [number, number, number] = [plans[0].partSize, plans[0].partCount, plans[0].lastPartSize]
// @ts-expect-error a pair is [partNumber, etag]
completeMultipartUploadBody([['"a"', 1]])
// @ts-expect-error an etag is required
completeMultipartUploadBody([{ partNumber: 1 }])
// @ts-expect-error a part number is required
completeMultipartUploadBody([{ etag: '"a"' }])
// @ts-expect-error an unknown checksum algorithm
completeMultipartUploadBody([{ partNumber: 1, etag: '"a"', checksumAlgorithm: 'MD5', checksum: 'x' }])
// @ts-expect-error parts are an array
completeMultipartUploadBody({ partNumber: 1, etag: '"a"' })
// @ts-expect-error the XML is a string or bytes
parseListParts(42)
// @ts-expect-error the answer's fields are camelCase
const snake: string = created.upload_id
// @ts-expect-error sizes are numbers
planParts(1n)
// @ts-expect-error the part size is a number
planParts(1, '5MiB')

// Errors carry a string `code`.
try {
  signer.presignGet('')
} catch (err) {
  const code: unknown = (err as { code?: unknown }).code
  void code
}

// What the types reject: misspelt options, wrong types, missing config.
// @ts-expect-error misspelt option
signer.presignPut(key, { contentTyp: 'image/jpeg' })
// @ts-expect-error misspelt option (case)
signer.presignPut(key, { expiresin: 60 })
// @ts-expect-error a GetOptions field is not a PutOptions field
signer.presignPut(key, { responseContentType: 'image/jpeg' })
// @ts-expect-error misspelt option
signer.presignGet(key, { versionID: 'v1' })
// @ts-expect-error misspelt option
signer.presignHead(key, { expires: 60 })
// @ts-expect-error misspelt option
presignPut(key, { contentMD5: 'x' })
// @ts-expect-error misspelt config field
new Signer({ ...minimal, accessKeyID: 'a' })
// @ts-expect-error missing secretAccessKey
new Signer({ endpoint: 'http://127.0.0.1:9000', bucket: 'b-1', accessKeyId: 'a' })
// @ts-expect-error expiresIn is a number of seconds
signer.presignGet(key, { expiresIn: '60' })
// @ts-expect-error signingDate is a Date
signer.presignGet(key, { signingDate: '2026-01-02T03:04:05Z' })
// @ts-expect-error metadata values are strings
signer.presignPut(key, { metadata: { n: 1 } })
// @ts-expect-error the key is a string
signer.presignGet(42)
// @ts-expect-error newKey takes an options object
newKey('cat.jpg')
// @ts-expect-error an unknown checksum algorithm
signer.presignPut(key, { checksumAlgorithm: 'MD5', checksum: 'x' })
// @ts-expect-error misspelt option
signer.presignPut(key, { ifNoneMatches: '*' })
// @ts-expect-error the part number is a number
signer.presignUploadPart(key, uploadId, '1')
// @ts-expect-error the part number is required
signer.presignUploadPart(key, uploadId)
// @ts-expect-error the upload id is required
signer.presignUploadParts(key, 3)
// @ts-expect-error a part's checksum is a string
signer.presignUploadPart(key, uploadId, 1, { checksumAlgorithm: 'CRC32', checksum: 1 })
// @ts-expect-error presignUploadParts signs parts without headers: no per-part options
signer.presignUploadParts(key, uploadId, 3, { contentLength: 5 })
// @ts-expect-error misspelt option
signer.presignListParts(key, uploadId, { maxPart: 5 })
// @ts-expect-error ListParts paging is numbers
signer.presignListParts(key, uploadId, { partNumberMarker: '0' })
// @ts-expect-error a create takes no content length
signer.presignCreateMultipartUpload(key, { contentLength: 5 })
// @ts-expect-error a complete takes no checksum
signer.presignCompleteMultipartUpload(key, uploadId, { checksum: 'x' })
// @ts-expect-error an abort takes only expiresIn and signingDate
signer.presignAbortMultipartUpload(key, uploadId, { ifMatch: 'x' })
// @ts-expect-error DEFAULT_EXPIRES_IN_SECS is a number
const defaultText: string = DEFAULT_EXPIRES_IN_SECS
// @ts-expect-error the method is one of five
const other: PresignedRequest['method'] = 'PATCH'

// UploadPolicy: Uppy's signRequest body in, { url, key, headers } out.
const policyOptions: Required<UploadPolicyOptions> = {
  prefix: 'uploads/',
  maxExpiresIn: 900,
  createOnly: true,
  contentTypes: ['image/*', 'application/pdf'],
  allowDelete: false,
}
const policy = new UploadPolicy(policyOptions)
const defaultPolicy = new UploadPolicy()
const body: unknown = JSON.parse('{"method":"PUT","key":"a.png","contentType":"image/png"}')
const signedUpload: SignedUpload = policy.sign(signer, body)
const uppyAnswer: { url: string; key?: string; headers?: Record<string, string> } = signedUpload
function statusOf(err: unknown): number | undefined {
  return (err as PolicyError).code === 'ERR_PRESIGNER_POLICY' ? (err as PolicyError).status : undefined
}
// @ts-expect-error the signer must be a Signer
defaultPolicy.sign(config, body)
// @ts-expect-error contentTypes is an array
new UploadPolicy({ contentTypes: 'image/*' })
// @ts-expect-error maxExpiresIn is seconds as a number
new UploadPolicy({ maxExpiresIn: '15m' })
// @ts-expect-error misspelt option
new UploadPolicy({ allowDeletes: true })

export { uppyAnswer, statusOf }
export { headers, keys, method, url, contentType, epochMs, publicUrl, other, defaultExpiresIn, defaultText }
export { bodies, createdId, listedRest, nextMarker, resumed, errorFields, planned, snake }
