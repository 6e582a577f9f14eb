// presigner's public types, written by hand for index.js (napi-rs also
// writes binding.d.ts for the native half; it is not committed or shipped).

/**
 * Signs presigned URLs (AWS Signature Version 4, query-string auth) for
 * one bucket of S3, Cloudflare R2 or another S3-compatible store.
 * Immutable; build one and share it. Signing is synchronous, pure CPU.
 *
 * ```js
 * const signer = new Signer({
 *   endpoint: `https://${accountId}.r2.cloudflarestorage.com`,
 *   bucket: 'uploads',
 *   accessKeyId,
 *   secretAccessKey,
 * })
 * const { url, headers } = signer.presignPut('photos/cat.jpg', { contentType: 'image/jpeg' })
 * ```
 */
export declare class Signer {
  /**
   * Builds a signer. Throws an `Error` with `code`
   * `'ERR_PRESIGNER_CONFIG'` when the configuration is unusable (bad
   * endpoint, bucket or region, empty credentials).
   */
  constructor(config: SignerConfig)
  /**
   * Builds a signer from the environment: `R2_ENDPOINT` (or
   * `R2_ACCOUNT_ID`), `R2_ACCESS_KEY_ID`, `R2_SECRET_ACCESS_KEY`,
   * `R2_BUCKET`, `R2_PUBLIC_URL`, falling back to the `AWS_*` variables
   * and `S3_BUCKET`. Throws `'ERR_PRESIGNER_CONFIG'` naming every missing
   * variable.
   */
  static fromEnv(): Signer
  /**
   * Presigns a PutObject (an upload) of `key`. Throws an `Error` with
   * `code` `'ERR_PRESIGNER_INVALID_ARGUMENT'` for an unusable key or
   * option (the message names it).
   */
  presignPut(key: ObjectKey, options?: PutOptions | undefined | null): PresignedRequest
  /** Presigns a GetObject (a download) of `key`. */
  presignGet(key: ObjectKey, options?: GetOptions | undefined | null): PresignedRequest
  /**
   * Presigns a GetObject of every key in `keys` with the same options, all
   * signed at one instant: one call for a page listing many files.
   */
  presignGetMany(keys: ObjectKeys, options?: GetOptions | undefined | null): Array<PresignedRequest>
  /** Presigns a HeadObject of `key`. */
  presignHead(key: ObjectKey, options?: ObjectOptions | undefined | null): PresignedRequest
  /** Presigns a DeleteObject of `key`. */
  presignDelete(key: ObjectKey, options?: ObjectOptions | undefined | null): PresignedRequest
  /**
   * Presigns a CreateMultipartUpload of `key` (`POST ?uploads`), the first
   * step of an upload too large for one PUT: the store answers XML holding
   * the `UploadId` that every later step takes (read it with
   * {@link parseCreateMultipartUpload}). Send it with `headers`.
   */
  presignCreateMultipartUpload(
    key: ObjectKey,
    options?: CreateMultipartUploadOptions | undefined | null,
  ): PresignedRequest
  /**
   * Presigns an UploadPart (`PUT ?partNumber=&uploadId=`) of part
   * `partNumber` (a whole number, 1 to 10000) of the upload `uploadId`. The
   * client PUTs the part's bytes with `headers` and keeps the `ETag` the
   * store answers, for the complete. Every part but the last must be at
   * least 5 MiB.
   */
  presignUploadPart(
    key: ObjectKey,
    uploadId: UploadId,
    partNumber: number,
    options?: UploadPartOptions | undefined | null,
  ): PresignedRequest
  /**
   * Presigns the UploadPart of every part 1 to `partCount` (a whole number,
   * at most 10000) of `uploadId`, all signed at one instant, in part order:
   * element `i` is part `i + 1`. Their `headers` are always `{}`.
   * {@link planParts} gives `partCount` and the size of each part.
   */
  presignUploadParts(
    key: ObjectKey,
    uploadId: UploadId,
    partCount: number,
    options?: SigningOptions | undefined | null,
  ): Array<PresignedRequest>
  /**
   * Presigns a ListParts of `uploadId` (`GET ?uploadId=`): the parts the
   * store holds so far, as XML (what a client resuming an upload asks
   * first; read it with {@link parseListParts}). The store answers 404
   * `NoSuchUpload` once the upload is completed or aborted.
   */
  presignListParts(key: ObjectKey, uploadId: UploadId, options?: ListPartsOptions | undefined | null): PresignedRequest
  /**
   * Presigns a CompleteMultipartUpload of `uploadId` (`POST ?uploadId=`):
   * the client POSTs a `<CompleteMultipartUpload>` XML body listing every
   * part's number and ETag ({@link completeMultipartUploadBody}), with
   * `headers` and `Content-Type: application/xml`. The store can answer an
   * error with a `200 OK` here: read an `<Error>` body with
   * {@link parseError}.
   */
  presignCompleteMultipartUpload(
    key: ObjectKey,
    uploadId: UploadId,
    options?: CompleteMultipartUploadOptions | undefined | null,
  ): PresignedRequest
  /**
   * Presigns an AbortMultipartUpload of `uploadId` (`DELETE ?uploadId=`):
   * the store drops the parts uploaded so far.
   */
  presignAbortMultipartUpload(
    key: ObjectKey,
    uploadId: UploadId,
    options?: SigningOptions | undefined | null,
  ): PresignedRequest
  /**
   * The public URL of `key` under `publicBaseUrl` (a custom domain or
   * `r2.dev` address): no signature, no expiry. Throws
   * `'ERR_PRESIGNER_CONFIG'` when the signer has no `publicBaseUrl`.
   */
  publicUrl(key: ObjectKey): string
  /**
   * The configured public base URL (`publicBaseUrl`, or `R2_PUBLIC_URL` for
   * `Signer.fromEnv()`), without its trailing `/`; `null` when there is none.
   */
  readonly publicBaseUrl: string | null
}

/**
 * A `Content-Disposition` value that makes a browser save a download under
 * `filename` (RFC 6266, with a UTF-8 `filename*`): pass it as
 * `responseContentDisposition` of a presigned GET.
 */
export declare function attachment(filename: string): string

/**
 * A checksum algorithm S3 and R2 verify on upload. Upper or lower case
 * (the name is read ignoring case; another name is
 * `'ERR_PRESIGNER_INVALID_ARGUMENT'`).
 */
export type ChecksumAlgorithm =
  | 'CRC32'
  | 'CRC32C'
  | 'CRC64NVME'
  | 'SHA1'
  | 'SHA256'
  | 'crc32'
  | 'crc32c'
  | 'crc64nvme'
  | 'sha1'
  | 'sha256'

/**
 * The body of a CompleteMultipartUpload request (POST it to
 * {@link Signer.presignCompleteMultipartUpload}'s URL with `Content-Type:
 * application/xml`): the parts sorted by number whatever their order in
 * `parts`, byte for byte what botocore sends. `parts` are `[partNumber,
 * etag]` pairs or {@link CompletedPartObject}s (the parts of
 * {@link parseListParts} included), each ETag exactly as the store answered
 * it, quotes included.
 *
 * Throws an `Error` with `code` `'ERR_PRESIGNER_INVALID_ARGUMENT'` when
 * `parts` is empty or holds more than 10000 parts, or a part has a number
 * outside 1 to 10000, the number of another part, an empty ETag, an ETag
 * with a control character, an unknown checksum algorithm or a checksum
 * that is not the base64 of one of its algorithm (the message names
 * `parts`); a `TypeError` (`'ERR_INVALID_ARG_TYPE'`) naming e.g.
 * `parts[2].etag` for a value of the wrong type.
 *
 * ```js
 * const etags = [] // etags[i]: the ETag header of part i + 1's PUT answer
 * const body = completeMultipartUploadBody(etags.map((etag, i) => [i + 1, etag]))
 * // '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><ETag>"…"</ETag><PartNumber>1</PartNumber></Part>…'
 * const { url, method, headers } = signer.presignCompleteMultipartUpload(key, uploadId)
 * await fetch(url, { method, headers: { ...headers, 'content-type': 'application/xml' }, body })
 * ```
 */
export declare function completeMultipartUploadBody(parts: ReadonlyArray<CompletedPart>): string

/**
 * One uploaded part, for {@link completeMultipartUploadBody}: a
 * `[partNumber, etag]` pair or an object.
 */
export type CompletedPart = readonly [partNumber: number, etag: string] | CompletedPartObject

/**
 * One uploaded part as an object (`part_number` is read when `partNumber`
 * is absent; other properties, such as a {@link ListedPart}'s `size`, are
 * ignored).
 */
export type CompletedPartObject = ({ partNumber: number } | { part_number: number }) & {
  /** The `ETag` header of the part's UploadPart answer, quotes included. */
  etag: string
  /**
   * The algorithm of `checksum`; the two go together. Required (with
   * `checksum`) on every part when the upload was created with a
   * `checksumAlgorithm`.
   */
  checksumAlgorithm?: ChecksumAlgorithm
  /** The part's checksum in padded base64, as it was uploaded with. */
  checksum?: string
}

/**
 * Options of {@link Signer.presignCompleteMultipartUpload}. The conditions
 * are signed and returned in `headers`.
 */
export interface CompleteMultipartUploadOptions {
  /** Lifetime of the URL in whole seconds, 1 to 604800; default 3600. */
  expiresIn?: number
  /**
   * `If-None-Match`: `'*'` completes only if `key` does not exist yet (412
   * otherwise).
   */
  ifNoneMatch?: string
  /** `If-Match`: completes only if the object's ETag is this one (412 otherwise). */
  ifMatch?: string
  /** The signing instant; default now. */
  signingDate?: Date
}

/**
 * Options of {@link Signer.presignCreateMultipartUpload}: what the object
 * will be stored with. Every one is signed and returned in `headers`.
 */
export interface CreateMultipartUploadOptions {
  /** Lifetime of the URL in whole seconds, 1 to 604800; default 3600. */
  expiresIn?: number
  /** `Content-Type` stored with the object. */
  contentType?: string
  /** `Cache-Control` stored with the object. */
  cacheControl?: string
  /** `Content-Disposition` stored with the object. */
  contentDisposition?: string
  /** User metadata, as {@link PutOptions.metadata}. */
  metadata?: Record<string, string> | ReadonlyMap<string, string>
  /**
   * `x-amz-checksum-algorithm`: every part must then carry a checksum of
   * this algorithm.
   */
  checksumAlgorithm?: ChecksumAlgorithm
  /** The signing instant; default now. */
  signingDate?: Date
}

/**
 * The store's answer to a CreateMultipartUpload, read by
 * {@link parseCreateMultipartUpload}.
 */
export interface CreatedMultipartUpload {
  /** The bucket, as the store names it. */
  bucket: string
  /** The object key. */
  key: string
  /** The id every later step of the upload takes. */
  uploadId: UploadId
}

/**
 * The default lifetime of a presigned URL in seconds (one hour): what
 * `expiresIn` is when not given.
 */
export declare const DEFAULT_EXPIRES_IN_SECS: number

/**
 * The body of an error answer of the store, read by {@link parseError}.
 * Only `code` is always there; an element the store did not send is
 * absent (not `undefined`-valued) from the object.
 */
export interface ErrorResponse {
  /**
   * The error code, e.g. `'NoSuchUpload'`, `'AccessDenied'`,
   * `'SignatureDoesNotMatch'`, `'EntityTooSmall'`, `'InvalidPart'`.
   */
  code: string
  /** The store's explanation. */
  message?: string
  /** `<RequestId>`, to quote to the store's support. */
  requestId?: string
  /** `<HostId>` (S3's extended request id). */
  hostId?: string
  /** `<Resource>`: the bucket or object concerned. */
  resource?: string
  /** `<BucketName>`. */
  bucketName?: string
  /** `<Key>`: the object key concerned. */
  key?: string
  /** `<UploadId>`: the multipart upload concerned (with `NoSuchUpload`). */
  uploadId?: string
}

/**
 * Options of `presignGet` (GetObject, a download). The `response*`
 * overrides travel in the query string: the downloader sends no header.
 */
export interface GetOptions {
  /** Lifetime of the URL in whole seconds, 1 to 604800; default 3600. */
  expiresIn?: number
  /** `response-content-type`: the `Content-Type` the store answers with. */
  responseContentType?: string
  /** `response-content-disposition`, e.g. `'attachment; filename="cat.jpg"'`. */
  responseContentDisposition?: string
  /** `response-cache-control`: the `Cache-Control` the store answers with. */
  responseCacheControl?: string
  /** `versionId`: a specific version of the object. */
  versionId?: string
  /** The signing instant; default now. */
  signingDate?: Date
}

/** Options of {@link Signer.presignListParts}: paging. */
export interface ListPartsOptions {
  /** Lifetime of the URL in whole seconds, 1 to 604800; default 3600. */
  expiresIn?: number
  /** `max-parts`: at most this many parts in the answer, 1 to 1000. */
  maxParts?: number
  /** `part-number-marker`: list the parts after this number, 0 to 10000. */
  partNumberMarker?: number
  /** The signing instant; default now. */
  signingDate?: Date
}

/**
 * One part of a multipart upload, as {@link parseListParts} reads it. It is
 * also a {@link CompletedPartObject}: a resumed upload can complete with
 * the listed parts. Absent elements are absent properties.
 */
export interface ListedPart {
  /** Its number, 1 to 10000. */
  partNumber: number
  /** Its ETag, quotes included, as {@link completeMultipartUploadBody} needs it. */
  etag: string
  /** Its size in bytes. */
  size: number
  /**
   * When it was uploaded, as the store wrote it (ISO 8601, e.g.
   * `'2010-11-10T20:48:34.000Z'`), if it did.
   */
  lastModified?: string
  /** The algorithm of `checksum` (upper case), when the part has one. */
  checksumAlgorithm?: 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256'
  /** The part's checksum in base64, when the upload has a checksum algorithm. */
  checksum?: string
}

/**
 * One page of a ListParts answer, read by {@link parseListParts}. Absent
 * elements are absent properties.
 */
export interface ListedParts {
  /** The parts of this page, sorted by part number. */
  parts: Array<ListedPart>
  /**
   * Whether more parts follow: list again with `partNumberMarker:
   * nextPartNumberMarker`.
   */
  isTruncated: boolean
  /** The `partNumberMarker` of the next page; always there when `isTruncated`. */
  nextPartNumberMarker?: number
  /** The `partNumberMarker` this page started after, if the store said. */
  partNumberMarker?: number
  /** The most parts a page could hold, if the store said. */
  maxParts?: number
}

/**
 * A fresh object key: a random UUID v4, keeping the lower-cased extension
 * of `filename`, under `prefix`; e.g. `newKey({ filename: 'Cat.JPG',
 * prefix: 'uploads' })` gives `'uploads/0b8e…-….jpg'`.
 */
export declare function newKey(options?: NewKeyOptions | undefined | null): string

/** Options of {@link newKey}. */
export interface NewKeyOptions {
  /**
   * The uploaded file's name: its extension is kept (lower-cased) when it
   * is 1 to 16 ASCII letters or digits.
   */
  filename?: string
  /** A folder to put the key under, e.g. `'uploads'` (joined with `/`). */
  prefix?: string
}

/**
 * An object key: any string of 1 to 1024 UTF-8 bytes. Every byte but
 * `A-Z a-z 0-9 - . _ ~ /` is percent-encoded in the URL.
 */
export type ObjectKey = string

/** Object keys, for {@link Signer.presignGetMany}: an array of strings. */
export type ObjectKeys = Array<string>

/** Options of `presignHead` and `presignDelete`. */
export interface ObjectOptions {
  /** Lifetime of the URL in whole seconds, 1 to 604800; default 3600. */
  expiresIn?: number
  /** `versionId`: a specific version of the object. */
  versionId?: string
  /** The signing instant; default now. */
  signingDate?: Date
}

/**
 * Reads the body of the store's answer to a CreateMultipartUpload (an
 * `<InitiateMultipartUploadResult>`): the upload id every later step takes.
 *
 * Throws an `Error` with `code` `'ERR_PRESIGNER_XML'` when `xml` is not a
 * well-formed `<InitiateMultipartUploadResult>` with a non-empty `Bucket`,
 * `Key` and `UploadId` (an `<Error>` body included: read it with
 * {@link parseError}), or is hostile (a DOCTYPE, nesting deeper than 16,
 * bytes over 16 MiB). See {@link XmlBody} for what `xml` may be.
 *
 * ```js
 * const create = signer.presignCreateMultipartUpload(key, { contentType: 'video/mp4' })
 * const res = await fetch(create.url, { method: create.method, headers: create.headers })
 * const text = await res.text()
 * if (!res.ok) throw new Error(`create: ${parseError(text).code}`)
 * const { uploadId } = parseCreateMultipartUpload(text)
 * ```
 */
export declare function parseCreateMultipartUpload(xml: XmlBody): CreatedMultipartUpload

/**
 * Reads the body of an error answer of the store (`<Error><Code>…`): S3
 * sends one with every 4xx and 5xx status (but HEAD's), and
 * CompleteMultipartUpload can send one with a `200 OK`. Elements the store
 * did not send are absent from the result.
 *
 * Throws an `Error` with `code` `'ERR_PRESIGNER_XML'` when `xml` is not a
 * well-formed `<Error>` with one non-empty `<Code>`, or is hostile.
 *
 * ```js
 * const res = await fetch(list.url)
 * if (res.status === 404 && parseError(await res.text()).code === 'NoSuchUpload') {
 *   // the upload was completed or aborted: start a new one
 * }
 * ```
 */
export declare function parseError(xml: XmlBody): ErrorResponse

/**
 * Reads the body of the store's answer to a ListParts (a
 * `<ListPartsResult>`): the parts uploaded so far, sorted by number, and
 * where the next page starts.
 *
 * Throws an `Error` with `code` `'ERR_PRESIGNER_XML'` when `xml` is not a
 * well-formed `<ListPartsResult>` with `<IsTruncated>`, a part lacks its
 * number, ETag or size, two parts have one number, it lists more than
 * 10000 parts, it is truncated without a `<NextPartNumberMarker>`, or it is
 * hostile.
 *
 * ```js
 * const parts = []
 * let partNumberMarker = 0
 * for (;;) {
 *   const list = signer.presignListParts(key, uploadId, { partNumberMarker })
 *   const page = parseListParts(await (await fetch(list.url)).text())
 *   parts.push(...page.parts)
 *   if (!page.isTruncated) break
 *   partNumberMarker = page.nextPartNumberMarker
 * }
 * const body = completeMultipartUploadBody(parts) // resume: complete with what the store holds
 * ```
 */
export declare function parseListParts(xml: XmlBody): ListedParts

/**
 * How an object is split into parts, from {@link planParts}: parts 1 to
 * `partCount - 1` hold `partSize` bytes each, the last one `lastPartSize`.
 */
export interface PartPlan {
  /** Size of every part but the last, in bytes (5 MiB to 5 GiB less 5 MiB). */
  partSize: number
  /** How many parts: 1 to 10000. */
  partCount: number
  /** Size of the last part, in bytes: 1 to `partSize` (0 only for an empty object). */
  lastPartSize: number
}

/**
 * Splits an object of `size` bytes (a whole number, at most 5 TiB less 5
 * GiB) into parts that S3 and R2 both accept: every part but the last of
 * one size (R2 requires it), 5 MiB to 5 GiB less 5 MiB, at most 10000
 * parts. With `partSize` (a whole number), every part but the last has
 * that size; without, it is 8 MiB doubled until 10000 parts hold the
 * object. An object smaller than the part size is one part; an empty
 * object is one empty part.
 *
 * Throws an `Error` with `code` `'ERR_PRESIGNER_INVALID_ARGUMENT'` when
 * `size` or `partSize` is out of range, or `partSize` would make more than
 * 10000 parts (the message says the smallest that fits); a `TypeError` for
 * a value that is not a whole number.
 *
 * ```js
 * const { partSize, partCount } = planParts(file.size) // 100 GiB: 6400 parts of 16 MiB
 * const requests = signer.presignUploadParts(key, uploadId, partCount)
 * for (const [i, { url, method, headers }] of requests.entries()) {
 *   const body = file.slice(i * partSize, (i + 1) * partSize) // the last one shorter
 *   // fetch(url, { method, headers, body }) and keep the ETag header
 * }
 * ```
 */
export declare function planParts(size: number, partSize?: number | undefined | null): PartPlan

/**
 * A presigned request: send `method` to `url` with exactly `headers`
 * before `expiresAt`.
 */
export interface PresignedRequest {
  /**
   * The HTTP method the URL was signed for (`'POST'`: a multipart create
   * or complete).
   */
  method: 'GET' | 'PUT' | 'HEAD' | 'DELETE' | 'POST'
  /** The presigned URL. */
  url: string
  /**
   * Every header the client must send for the signature to hold (the
   * signed ones but `host` and `content-length`, which every client sets
   * itself: the body must have the signed length), lower-case names; `{}`
   * when there are none.
   */
  headers: Record<string, string>
  /** When the URL stops working. */
  expiresAt: Date
}

/**
 * Presigns a GetObject of `key` with the signer built from the environment
 * on first use (see {@link Signer.fromEnv}); kept once built.
 */
export declare function presignGet(key: ObjectKey, options?: GetOptions | undefined | null): PresignedRequest

/**
 * Presigns a PutObject of `key` with the signer built from the environment
 * on first use (see {@link Signer.fromEnv}); kept once built.
 */
export declare function presignPut(key: ObjectKey, options?: PutOptions | undefined | null): PresignedRequest

/**
 * Options of `presignPut` (PutObject, an upload). Every header option is
 * signed and returned in `headers` (but `contentLength`): the uploader must
 * send it unchanged.
 */
export interface PutOptions {
  /** Lifetime of the URL in whole seconds, 1 to 604800; default 3600. */
  expiresIn?: number
  /** `Content-Type` the upload must carry, e.g. `'image/jpeg'`. */
  contentType?: string
  /**
   * `Content-Length` the upload must have, in bytes, at most 5 GiB (signed;
   * not in `headers`: every client sets it from the body).
   */
  contentLength?: number
  /** `Content-MD5`: base64 of the body's MD5 digest. */
  contentMd5?: string
  /** `x-amz-checksum-sha256`: base64 of the body's SHA-256 digest. */
  checksumSha256?: string
  /** `Cache-Control` stored with the object. */
  cacheControl?: string
  /** `Content-Disposition` stored with the object. */
  contentDisposition?: string
  /**
   * User metadata, sent as `x-amz-meta-<name>` headers (names lower-cased):
   * a plain object or a `Map` of strings (any other object is a TypeError);
   * names and values together at most 2048 bytes.
   */
  metadata?: Record<string, string> | ReadonlyMap<string, string>
  /**
   * `If-None-Match`: `'*'` uploads only if `key` does not exist yet (412
   * otherwise): a create-only write.
   */
  ifNoneMatch?: string
  /** `If-Match`: uploads only if the object's ETag is this one (412 otherwise). */
  ifMatch?: string
  /** The algorithm of `checksum`; the two go together. */
  checksumAlgorithm?: ChecksumAlgorithm
  /**
   * The body's checksum in padded base64 (e.g. 8 characters for CRC32),
   * signed as `x-amz-checksum-<algorithm>`: the store refuses a body that
   * does not match.
   */
  checksum?: string
  /**
   * The signing instant; default now. URLs signed at the same instant
   * with the same inputs are identical.
   */
  signingDate?: Date
}

/** Configuration of a {@link Signer}. */
export interface SignerConfig {
  /**
   * `http(s)://host[:port]` of the S3-compatible API, without a path, e.g.
   * `https://<ACCOUNT_ID>.r2.cloudflarestorage.com`.
   */
  endpoint: string
  /** The bucket every URL of this signer points into. */
  bucket: string
  /** Access key id (R2: the API token's Access Key ID). */
  accessKeyId: string
  /**
   * Secret access key. It never appears in a message, `util.inspect` or
   * `JSON.stringify`.
   */
  secretAccessKey: string
  /** Signing region; default `'auto'` (what R2 expects). */
  region?: string
  /** Session token of temporary (STS) credentials, signed into every URL. */
  sessionToken?: string
  /**
   * `true` (default): `https://endpoint/bucket/key`. `false`:
   * virtual-hosted `https://bucket.endpoint/key`, except for dotted
   * buckets over https and IP-address endpoints, which stay path style.
   */
  pathStyle?: boolean
  /**
   * Base URL of a public custom domain or `r2.dev` address, for
   * {@link Signer.publicUrl}.
   */
  publicBaseUrl?: string
}

/**
 * Options of {@link Signer.presignUploadParts} and
 * {@link Signer.presignAbortMultipartUpload}: the ones every presign call
 * takes.
 */
export interface SigningOptions {
  /** Lifetime of the URL in whole seconds, 1 to 604800; default 3600. */
  expiresIn?: number
  /** The signing instant; default now. */
  signingDate?: Date
}

/** The id of a multipart upload, as CreateMultipartUpload answered it (1 to 1024 bytes). */
export type UploadId = string

/**
 * Options of {@link Signer.presignUploadPart}. The header options are
 * signed and returned in `headers`.
 */
export interface UploadPartOptions {
  /** Lifetime of the URL in whole seconds, 1 to 604800; default 3600. */
  expiresIn?: number
  /**
   * `Content-Length` the part must have, in bytes (signed; not in
   * `headers`: every client sets it from the body).
   */
  contentLength?: number
  /** `Content-MD5`: base64 of the part's MD5 digest. */
  contentMd5?: string
  /** The algorithm of `checksum`; the two go together. */
  checksumAlgorithm?: ChecksumAlgorithm
  /** The part's checksum in padded base64, signed as `x-amz-checksum-<algorithm>`. */
  checksum?: string
  /** The signing instant; default now. */
  signingDate?: Date
}

/**
 * An XML body given to {@link parseCreateMultipartUpload},
 * {@link parseListParts} or {@link parseError}: the text of a `fetch`
 * answer (`await res.text()`) or its bytes (`Buffer`, `Uint8Array`,
 * `await res.arrayBuffer()`). Bytes over 16 MiB are refused unread, not
 * copied (`'ERR_PRESIGNER_XML'`). A string, like every
 * string argument, is refused unread over 1048576 characters
 * (`'ERR_PRESIGNER_INVALID_ARGUMENT'`): pass bytes for a larger body.
 */
export type XmlBody = string | Uint8Array | ArrayBuffer

/**
 * What a server lets a browser upload: the safe answer to Uppy 6's
 * `signRequest`, where the browser chooses the operation and the key.
 *
 * PutObject and CreateMultipartUpload get a fresh key under `prefix` (a
 * UUID keeping the proposed name's extension), returned as `key`; every
 * other request must name a key the policy issued. `createOnly` signs
 * `If-None-Match: *` on PutObject and CompleteMultipartUpload;
 * `contentTypes` restricts the signed Content-Type (a CreateMultipartUpload
 * without one is then refused: stock Uppy sends none, so add the file's
 * type in `signRequest`); a longer `expiresIn` is capped to `maxExpiresIn`;
 * DeleteObject is refused unless `allowDelete`.
 *
 * ```js
 * const policy = new UploadPolicy({ contentTypes: ['image/*'] })
 * app.post('/s3/sign', async (c) => {
 *   try {
 *     return c.json(policy.sign(signer, await c.req.json()))
 *   } catch (err) {
 *     if (err.code === 'ERR_PRESIGNER_POLICY') return c.json({ error: err.message }, err.status)
 *     throw err
 *   }
 * })
 * ```
 */
export declare class UploadPolicy {
  /**
   * Throws an `Error` with `code` `'ERR_PRESIGNER_INVALID_ARGUMENT'` for an
   * unusable setting, a `TypeError` for one of the wrong type.
   */
  constructor(options?: UploadPolicyOptions | undefined | null)
  /**
   * Signs `request` (what Uppy's `signRequest` received, e.g. the parsed
   * JSON body of the browser's call) with `signer` if the policy allows it.
   * A refusal throws a {@link PolicyError}: answer with its `status`.
   */
  sign(signer: Signer, request: unknown): SignedUpload
}

/** Settings of an {@link UploadPolicy}; every one has a safe default. */
export interface UploadPolicyOptions {
  /** Keys are issued under this prefix (joined with `/`); `''` is the bucket's root. Default `'uploads/'`. */
  prefix?: string | undefined | null
  /** Longest URL lifetime signed, in whole seconds (1 to 604800); a longer `expiresIn` is capped. Default 900. */
  maxExpiresIn?: number | undefined | null
  /** Sign `If-None-Match: *` on PutObject and CompleteMultipartUpload (never overwrite). Default `true`. */
  createOnly?: boolean | undefined | null
  /** Content types allowed: `'type/subtype'`, `'type/*'` or `'*\/*'`. Default: any. */
  contentTypes?: ReadonlyArray<string> | undefined | null
  /** Allow DeleteObject of keys the policy issued. Default `false`. */
  allowDelete?: boolean | undefined | null
}

/** What {@link UploadPolicy.sign} answers: Uppy reads `url`, `key` and `headers`. */
export interface SignedUpload {
  /** The HTTP method the URL was signed for. */
  method: 'GET' | 'PUT' | 'DELETE' | 'POST'
  /** The presigned URL. */
  url: string
  /** The key signed: for PutObject and CreateMultipartUpload, the one the policy issued. */
  key: string
  /** The headers the browser must send, lower-case names. */
  headers: Record<string, string>
}

/** The error {@link UploadPolicy.sign} throws when it refuses a request. */
export interface PolicyError extends Error {
  code: 'ERR_PRESIGNER_POLICY'
  /** The HTTP status to answer with: 400 (malformed request) or 403 (forbidden). */
  status: 400 | 403
}
