'use strict'
// presigner's public API (types: index.d.ts). The native addon, loaded by
// the napi-generated binding.js, signs, validates and throws; this file only
// reads option objects and builds result objects, both of which V8 does far
// faster in JavaScript than through N-API calls. The multipart helpers
// (completeMultipartUploadBody, the parse* readers, planParts) are not hot
// paths: the addon's functions are exported as they are. Every rule is the Rust
// core's, with one exception kept in step with it: `expiresAt` is the
// signing instant (whole seconds) plus `expiresIn`, computed here from the
// same instant the core signs at.

const native = loadNative()

/**
 * The addon for this platform (binding.js tries `presigner.<platform>.node`
 * beside it, then the `presigner-<platform>` package), or an error that names
 * the platform and says how to build the addon from source.
 * @returns {typeof import('./binding.js')}
 */
function loadNative() {
  try {
    return require('./binding.js')
  } catch (cause) {
    const platform = platformName()
    throw new Error(
      `presigner has no native addon for ${platform}: the package presigner-${platform} is not installed ` +
        'or did not load (see `cause`). npm installs it as an optional dependency on the platforms it is ' +
        'published for (not with --omit=optional). Elsewhere, build the addon from source (needs a Rust ' +
        'toolchain): git clone https://github.com/presigner/presigner && cd presigner/node && npm ci && ' +
        'npm run build, then npm install that node folder.',
      { cause },
    )
  }
}

/** napi-rs's name for this platform: `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`, ... */
function platformName() {
  const proc = /** @type {any} */ (globalThis).process
  const name = `${proc.platform}-${proc.arch}`
  if (proc.platform === 'win32') return `${name}-msvc`
  if (proc.platform !== 'linux') return name
  return `${name}-${proc.report?.getReport().header?.glibcVersionRuntime ? 'gnu' : 'musl'}`
}

const NO_OPTIONS = Object.freeze({})
const DEFAULT_EXPIRES_IN_MS = native.DEFAULT_EXPIRES_IN_SECS * 1000

/** `options` as an object to read; throws the binding's TypeError otherwise. */
function optionsOf(options) {
  if (options === undefined || options === null) return NO_OPTIONS
  if (typeof options !== 'object' || Array.isArray(options)) native.rejectOptions(options)
  return options
}

/** When a URL signed at `now` or `signingDate` (already validated) for `expiresIn` expires, in ms. */
function expiryMs(signingDate, now, expiresIn) {
  const at = signingDate === undefined || signingDate === null ? now : signingDate.getTime()
  const lifetime = expiresIn === undefined || expiresIn === null ? DEFAULT_EXPIRES_IN_MS : expiresIn * 1000
  return at - (at % 1000) + lifetime
}

/**
 * `metadata` as the addon reads it: a Map with only string names becomes a
 * plain object; anything else goes as it is (the addon throws a TypeError
 * for what is not a plain object, a Map with another name type included).
 */
function metadataOf(metadata) {
  if (!(metadata instanceof Map)) return metadata
  const plain = Object.create(null)
  for (const [name, value] of metadata) {
    if (typeof name !== 'string') return metadata
    plain[name] = value
  }
  return plain
}

/** The result of a presign call with no headers to send. */
function bare(method, url, o, now) {
  return { method, url, headers: {}, expiresAt: new Date(expiryMs(o.signingDate, now, o.expiresIn)) }
}

/**
 * The result of a presign call whose native answer is the URL, then a line
 * break, name, line break and value per header to send (none holds a line
 * break).
 */
function withHeaders(method, signed, o, now) {
  let end = signed.indexOf('\n')
  const url = end === -1 ? signed : signed.slice(0, end)
  const headers = {}
  while (end !== -1) {
    const nameEnd = signed.indexOf('\n', end + 1)
    const valueEnd = signed.indexOf('\n', nameEnd + 1)
    headers[signed.slice(end + 1, nameEnd)] = signed.slice(nameEnd + 1, valueEnd === -1 ? signed.length : valueEnd)
    end = valueEnd
  }
  return { method, url, headers, expiresAt: new Date(expiryMs(o.signingDate, now, o.expiresIn)) }
}

/** The results of a batch: `method` with no headers for each URL of the native chunks. */
function batch(method, chunks, o, now) {
  const expires = expiryMs(o.signingDate, now, o.expiresIn)
  const all = []
  for (const chunk of chunks) {
    for (const url of chunk.split('\n')) all.push({ method, url, headers: {}, expiresAt: new Date(expires) })
  }
  return all
}

// `handle` is a native signer, or null for the process-wide one built from
// the environment (presignPut and presignGet of the module).

function put(handle, key, options) {
  const o = optionsOf(options)
  const now = Date.now()
  const signed = native.presignPut(handle, key, o.signingDate, now, o.expiresIn, o.contentType, o.contentLength,
    o.contentMd5, o.checksumSha256, o.cacheControl, o.contentDisposition, metadataOf(o.metadata), o.ifNoneMatch,
    o.ifMatch, o.checksumAlgorithm, o.checksum)
  return withHeaders('PUT', signed, o, now)
}

function get(handle, key, options) {
  const o = optionsOf(options)
  const now = Date.now()
  const url = native.presignGet(handle, key, o.signingDate, now, o.expiresIn, o.responseContentType,
    o.responseContentDisposition, o.responseCacheControl, o.versionId)
  return bare('GET', url, o, now)
}

// What Signer.fromEnv passes as `config`; not exported, so no caller can.
const FROM_ENV = Symbol('fromEnv')

/** The native handle of a `Signer`, or undefined for any other value (set by Signer's static block). */
let handleOf

class Signer {
  #handle

  static {
    handleOf = (signer) => (typeof signer === 'object' && signer !== null && #handle in signer ? signer.#handle : undefined)
  }

  constructor(config) {
    this.#handle = config === FROM_ENV ? native.signerFromEnv() : native.newSigner(config)
  }

  static fromEnv() {
    return new Signer(FROM_ENV)
  }

  presignPut(key, options) {
    return put(this.#handle, key, options)
  }

  presignGet(key, options) {
    return get(this.#handle, key, options)
  }

  presignGetMany(keys, options) {
    const o = optionsOf(options)
    const now = Date.now()
    const chunks = native.presignGetMany(this.#handle, keys, o.signingDate, now, o.expiresIn, o.responseContentType,
      o.responseContentDisposition, o.responseCacheControl, o.versionId)
    return batch('GET', chunks, o, now)
  }

  presignHead(key, options) {
    const o = optionsOf(options)
    const now = Date.now()
    return bare('HEAD', native.presignHead(this.#handle, key, o.signingDate, now, o.expiresIn, o.versionId), o, now)
  }

  presignDelete(key, options) {
    const o = optionsOf(options)
    const now = Date.now()
    return bare('DELETE', native.presignDelete(this.#handle, key, o.signingDate, now, o.expiresIn, o.versionId), o, now)
  }

  presignCreateMultipartUpload(key, options) {
    const o = optionsOf(options)
    const now = Date.now()
    const signed = native.presignCreateMultipartUpload(this.#handle, key, o.signingDate, now, o.expiresIn,
      o.contentType, o.cacheControl, o.contentDisposition, metadataOf(o.metadata), o.checksumAlgorithm)
    return withHeaders('POST', signed, o, now)
  }

  presignUploadPart(key, uploadId, partNumber, options) {
    const o = optionsOf(options)
    const now = Date.now()
    const signed = native.presignUploadPart(this.#handle, key, uploadId, partNumber, o.signingDate, now, o.expiresIn,
      o.contentLength, o.contentMd5, o.checksumAlgorithm, o.checksum)
    return withHeaders('PUT', signed, o, now)
  }

  presignUploadParts(key, uploadId, partCount, options) {
    const o = optionsOf(options)
    const now = Date.now()
    const chunks = native.presignUploadParts(this.#handle, key, uploadId, partCount, o.signingDate, now, o.expiresIn)
    return batch('PUT', chunks, o, now)
  }

  presignListParts(key, uploadId, options) {
    const o = optionsOf(options)
    const now = Date.now()
    const url = native.presignListParts(this.#handle, key, uploadId, o.signingDate, now, o.expiresIn, o.maxParts,
      o.partNumberMarker)
    return bare('GET', url, o, now)
  }

  presignCompleteMultipartUpload(key, uploadId, options) {
    const o = optionsOf(options)
    const now = Date.now()
    const signed = native.presignCompleteMultipartUpload(this.#handle, key, uploadId, o.signingDate, now, o.expiresIn,
      o.ifNoneMatch, o.ifMatch)
    return withHeaders('POST', signed, o, now)
  }

  presignAbortMultipartUpload(key, uploadId, options) {
    const o = optionsOf(options)
    const now = Date.now()
    const url = native.presignAbortMultipartUpload(this.#handle, key, uploadId, o.signingDate, now, o.expiresIn)
    return bare('DELETE', url, o, now)
  }

  publicUrl(key) {
    return native.publicUrl(this.#handle, key)
  }

  get publicBaseUrl() {
    return native.publicBaseUrl(this.#handle)
  }
}

class UploadPolicy {
  #handle

  constructor(options) {
    this.#handle = native.newUploadPolicy(options)
  }

  sign(signer, request) {
    const handle = handleOf(signer)
    if (handle === undefined) native.rejectSigner(signer)
    return native.signUpload(this.#handle, handle, request)
  }
}

function presignPut(key, options) {
  return put(null, key, options)
}

function presignGet(key, options) {
  return get(null, key, options)
}

const {
  newKey,
  attachment,
  completeMultipartUploadBody,
  parseCreateMultipartUpload,
  parseListParts,
  parseError,
  planParts,
  DEFAULT_EXPIRES_IN_SECS,
} = native

module.exports = {
  Signer,
  UploadPolicy,
  presignPut,
  presignGet,
  newKey,
  attachment,
  completeMultipartUploadBody,
  parseCreateMultipartUpload,
  parseListParts,
  parseError,
  planParts,
  DEFAULT_EXPIRES_IN_SECS,
}
