// The demo server's JSON API (same origin) and the upload straight to the bucket.

async function json(res) {
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status} ${res.statusText}`)
  return body
}

/** POST /pre-signed-url → { key, method, url, headers }. */
export function requestUpload(file, expiresIn) {
  const body = {
    filename: file.name,
    contentType: file.type || 'application/octet-stream',
    size: file.size,
  }
  if (expiresIn != null) body.expiresIn = expiresIn
  return fetch('/pre-signed-url', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(json)
}

/** GET /files → [{ key, filename, size, contentType }]. */
export const listFiles = () => fetch('/files').then(json)

/** GET /file/:key → a presigned GET url that downloads under the original name. */
export const downloadUrl = (key) =>
  fetch(`/file/${encodeURIComponent(key)}`).then(json).then((body) => body.url)

/**
 * Sends `file` as the presigned request says, with exactly its headers.
 * XMLHttpRequest, not fetch: only it reports upload progress.
 * onProgress gets a whole percentage; rejects with a readable message.
 */
export function upload({ method, url, headers }, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    for (const [name, value] of Object.entries(headers ?? {})) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.floor((100 * e.loaded) / e.total))
    }
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error(describeFailure(xhr.status, xhr.responseText)))
    xhr.onerror = () => reject(new Error(describeFailure(0, '')))
    // A typed File would add a Content-Type of its own: send it only when signed.
    const signsType = Object.keys(headers ?? {}).some((h) => h.toLowerCase() === 'content-type')
    xhr.send(signsType ? file : new Blob([file]))
  })
}

/** A failed upload in words: the S3 error XML's Code and Message, and the likely cause. */
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
  else if (code === 'AccessDenied') cause = 'Access denied by the bucket'
  else if (code === 'EntityTooLarge') cause = 'The file is too large for the bucket'
  return code ? `${cause} (${code}${message ? `: ${message}` : ''})` : cause
}
