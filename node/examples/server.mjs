// The demo server (`make demo`): serves the upload page from
// examples/web/dist and signs the S3 requests of its uploader (Uppy), so the
// bytes go straight to the bucket. Configured from the environment
// (Signer.fromEnv; MULTIPART_THRESHOLD, ALLOWED_CONTENT_TYPES below).
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { Signer, UploadPolicy, attachment, newKey } from 'presigner'

const MAX_SIZE = 5 * 1024 ** 3 // one PUT; larger files need a multipart upload
const WEB = join(dirname(fileURLToPath(import.meta.url)), 'web', 'dist')
// Files above this many bytes upload as multipart ("16MiB", "100MB", "5000000").
const MULTIPART_THRESHOLD = parseSize(process.env.MULTIPART_THRESHOLD ?? '100MiB')
// The types the bucket takes (globs, comma-separated; "*" for any).
const CONTENT_TYPES = process.env.ALLOWED_CONTENT_TYPES ??
  'image/*,video/*,audio/*,text/*,application/pdf,application/zip,application/json,application/octet-stream'

const signer = Signer.fromEnv()
const policy = new UploadPolicy({
  prefix: 'uploads/',
  contentTypes: CONTENT_TYPES === '*' ? undefined : CONTENT_TYPES.split(','),
})
const uploads = new Map() // key -> { key, filename, size, contentType, stored }

export const app = new Hono()

app.get('/config', (c) => c.json({ multipartThreshold: MULTIPART_THRESHOLD }))

// Uppy's signRequest (@uppy/aws-s3): one S3 request to sign, checked by the policy.
app.post('/s3/sign', async (c) => {
  const request = await c.req.json().catch(() => null)
  try {
    const signed = policy.sign(signer, request)
    // A new object (PutObject, CreateMultipartUpload): its name is in Uppy's key, `<uuid>-<name>`.
    if (request.uploadId == null) remember(signed.key, originalName(request.key), request.contentType)
    return c.json(signed)
  } catch (err) {
    if (err.code === 'ERR_PRESIGNER_POLICY') return c.json({ error: err.message }, err.status)
    throw err
  }
})

// One presigned PUT for a client of its own (no Uppy): { filename, contentType, size? }.
app.post('/pre-signed-url', async (c) => {
  const body = await c.req.json().catch(() => null)
  const { filename, contentType, size, expiresIn = 600 } = body ?? {}
  if (typeof filename !== 'string' || !filename || typeof contentType !== 'string' ||
      (size !== undefined && (!Number.isSafeInteger(size) || size < 0))) {
    return c.json({ error: 'send JSON { filename, contentType, size? }' }, 400)
  }
  if (size > MAX_SIZE) return c.json({ error: `files over ${MAX_SIZE} bytes need a multipart upload` }, 400)
  const key = newKey({ filename, prefix: 'uploads' })
  try {
    const expires = Math.min(Math.max(Math.trunc(Number(expiresIn)) || 600, 1), 3600)
    const put = signer.presignPut(key, { contentType, expiresIn: expires })
    remember(key, filename, contentType)
    return c.json({ key, method: put.method, url: put.url, headers: put.headers })
  } catch (err) {
    if (err.code === 'ERR_PRESIGNER_INVALID_ARGUMENT') return c.json({ error: err.message }, 400)
    throw err
  }
})

// Files of this run that reached the bucket (a presigned HEAD, which also gives the size).
app.get('/files', async (c) => {
  for (const file of uploads.values()) {
    if (file.stored) continue
    const head = await fetch(signer.presignHead(file.key).url, { method: 'HEAD' })
    file.stored = head.ok
    file.size = Number(head.headers.get('content-length'))
  }
  return c.json([...uploads.values()].filter((f) => f.stored).map(({ stored, ...f }) => f))
})

// A redirect to the file: a presigned GET that downloads under the original
// name, or the public URL when the bucket has one.
app.get('/file/:key{.+}', (c) => {
  const file = uploads.get(c.req.param('key'))
  if (!file) return c.json({ error: 'no such upload in this run' }, 404)
  return c.redirect(signer.publicBaseUrl
    ? signer.publicUrl(file.key)
    : signer.presignGet(file.key, { responseContentDisposition: attachment(file.filename) }).url)
})

app.use('/*', serveStatic({ root: relative(process.cwd(), WEB) }))

function remember(key, filename, contentType = 'application/octet-stream') {
  uploads.set(key, { key, filename, size: null, contentType, stored: false })
}

/** The file name in Uppy's proposed key `<uuid>-<name>` (the whole key if it has no uuid). */
function originalName(key) {
  return key.replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/i, '')
}

/** "16MiB" → 16777216: bytes, or a number with a unit (kB, MB, GB, KiB, MiB, GiB). */
function parseSize(text) {
  const units = { '': 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30 }
  const [, number, unit] = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text) ?? []
  const scale = units[unit?.toUpperCase()]
  if (number === undefined || scale === undefined) throw new Error(`not a size: ${JSON.stringify(text)} (e.g. 16MiB)`)
  return Number(number) * scale
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 3000)
  serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? 'localhost' }, (info) => {
    console.log(`demo: http://localhost:${info.port}`)
  })
}
