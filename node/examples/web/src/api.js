// The demo server's JSON API (same origin), and failed uploads in words.

async function json(res) {
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status} ${res.statusText}`)
  return body
}

/** GET /config → { multipartThreshold }: files above it upload as multipart. */
export const getConfig = () => fetch('/config').then(json)

/**
 * POST /s3/sign: the server signs one of Uppy's S3 requests (its
 * `signRequest` option) → { method, url, key, headers }. A refusal rejects
 * with the server's message (e.g. a content type the server does not take).
 */
export const signRequest = (request) =>
  fetch('/s3/sign', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  }).then(json)

/** GET /files → [{ key, filename, size, contentType }]. */
export const listFiles = () => fetch('/files').then(json)

/**
 * An upload error from Uppy in words. The bucket's refusals (Uppy's
 * S3ServiceError: status and the S3 error XML) and network failures are
 * explained; anything else (the server refusing to sign) is said as is.
 */
export function describeError(err) {
  // By shape, not class name: the minified build renames Uppy's classes.
  if (err?.code === 'NETWORK') return describeFailure(0, '')
  if (typeof err?.status === 'number' && 'body' in err) return describeFailure(err.status, err.body)
  return err?.message || String(err)
}

/** A failed request to the bucket in words: the S3 error XML's Code and Message, and the likely cause. */
export function describeFailure(status, body) {
  if (status === 0) return "Blocked by CORS or network error — check the bucket's CORS policy"
  const xml = body ? new DOMParser().parseFromString(body, 'application/xml') : null
  const code = xml?.querySelector('Error > Code')?.textContent ?? ''
  const message = xml?.querySelector('Error > Message')?.textContent ?? ''
  let cause = `Upload failed (HTTP ${status})`
  if (/expired/i.test(code) || (code === 'AccessDenied' && /expired/i.test(message)))
    cause = 'The upload link has expired — try again'
  else if (code === 'SignatureDoesNotMatch')
    cause = 'Signature mismatch — the upload did not match what the server signed'
  else if (code === 'PreconditionFailed') cause = 'The bucket already has an object under this key'
  else if (code === 'AccessDenied') cause = 'Access denied by the bucket'
  else if (code === 'EntityTooLarge') cause = 'The file is too large for the bucket'
  return code ? `${cause} (${code}${message ? `: ${message}` : ''})` : cause
}
