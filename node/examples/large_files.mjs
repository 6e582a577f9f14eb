// Large files in parts (Hono): the server creates and completes the upload,
// the browser PUTs each part to its presigned URL and reports the ETags.
import { Hono } from 'hono'
import {
  Signer, completeMultipartUploadBody, newKey, parseCreateMultipartUpload, planParts,
} from 'presigner'

export const app = new Hono()
export const signer = Signer.fromEnv()

/** The server's own call to the bucket (any HTTP client will do). */
async function send({ method, url, headers }, body, extra = {}) {
  const res = await fetch(url, { method, headers: { ...headers, ...extra }, body })
  if (!res.ok) throw new Error(`${method} ${res.status}: ${await res.text()}`)
  return res.text()
}

app.post('/multipart/start', async (c) => {
  const { filename, contentType, size } = await c.req.json()
  const key = newKey({ filename, prefix: 'uploads' })
  const create = signer.presignCreateMultipartUpload(key, { contentType })
  const { uploadId } = parseCreateMultipartUpload(await send(create))
  const { partSize, partCount } = planParts(size)
  const parts = signer.presignUploadParts(key, uploadId, partCount, { expiresIn: 3600 })
  return c.json({ key, uploadId, partSize, urls: parts.map((p) => p.url) })
})

app.post('/multipart/finish', async (c) => {
  const { key, uploadId, etags } = await c.req.json() // each part's ETag, in order
  const complete = signer.presignCompleteMultipartUpload(key, uploadId, { ifNoneMatch: '*' })
  const body = completeMultipartUploadBody(etags.map((etag, i) => [i + 1, etag]))
  await send(complete, body, { 'content-type': 'application/xml' })
  return c.json({ key })
})
