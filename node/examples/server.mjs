// The demo server (`make demo`): serves the upload page from
// examples/web/dist and hands the browser presigned URLs, so the bytes go
// straight to the bucket. Configured from the environment (Signer.fromEnv).
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { Signer, attachment, newKey } from 'presigner'

const MAX_SIZE = 5 * 1024 ** 3 // one PUT; larger files need a multipart upload
const WEB = join(dirname(fileURLToPath(import.meta.url)), 'web', 'dist')
const signer = Signer.fromEnv()
const uploads = new Map() // key -> { key, filename, size, contentType, stored }

export const app = new Hono()

app.post('/pre-signed-url', async (c) => {
  const body = await c.req.json().catch(() => null)
  const { filename, contentType, size, expiresIn = 600 } = body ?? {}
  if (typeof filename !== 'string' || !filename || typeof contentType !== 'string' || !Number.isSafeInteger(size) || size < 0) {
    return c.json({ error: 'send JSON { filename, contentType, size }' }, 400)
  }
  if (size > MAX_SIZE) return c.json({ error: `files over ${MAX_SIZE} bytes need a multipart upload` }, 400)
  const key = newKey({ filename, prefix: 'uploads' })
  try {
    const expires = Math.min(Math.max(Math.trunc(Number(expiresIn)) || 600, 1), 3600)
    const put = signer.presignPut(key, { contentType, expiresIn: expires })
    uploads.set(key, { key, filename, size, contentType, stored: false })
    return c.json({ key, method: put.method, url: put.url, headers: put.headers })
  } catch (err) {
    if (err.code === 'ERR_PRESIGNER_INVALID_ARGUMENT') return c.json({ error: err.message }, 400)
    throw err
  }
})

// Files of this run that reached the bucket (checked with a presigned HEAD).
app.get('/files', async (c) => {
  for (const file of uploads.values()) {
    if (!file.stored) file.stored = (await fetch(signer.presignHead(file.key).url, { method: 'HEAD' })).ok
  }
  return c.json([...uploads.values()].filter((f) => f.stored).map(({ stored, ...f }) => f))
})

// A download link under the original name, or the public URL when the bucket has one.
app.get('/file/:key{.+}', (c) => {
  const file = uploads.get(c.req.param('key'))
  if (!file) return c.json({ error: 'no such upload in this run' }, 404)
  const url = signer.publicBaseUrl
    ? signer.publicUrl(file.key)
    : signer.presignGet(file.key, { responseContentDisposition: attachment(file.filename) }).url
  return c.json({ url })
})

app.use('/*', serveStatic({ root: relative(process.cwd(), WEB) }))

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 3000)
  serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? 'localhost' }, (info) => {
    console.log(`demo: http://localhost:${info.port}`)
  })
}
