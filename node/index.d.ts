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
   * the `UploadId` that every later step takes. Send it with `headers`.
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
   * first). The store answers 404 `NoSuchUpload` once the upload is
   * completed or aborted.
   */
  presignListParts(key: ObjectKey, uploadId: UploadId, options?: ListPartsOptions | undefined | null): PresignedRequest
  /**
   * Presigns a CompleteMultipartUpload of `uploadId` (`POST ?uploadId=`):
   * the client POSTs a `<CompleteMultipartUpload>` XML body listing every
   * part's number and ETag, with `headers` and `Content-Type:
   * application/xml`.
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
 * The default lifetime of a presigned URL in seconds (one hour): what
 * `expiresIn` is when not given.
 */
export declare const DEFAULT_EXPIRES_IN_SECS: number

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
