// POST /s3/sign on Hono, as the demo server has it (node/examples/server.mjs),
// signed three ways for bench_http.mjs:
//   node sign_server.mjs presigner|aws-sdk|constant PORT
// presigner: UploadPolicy.sign; aws-sdk: the same route written with
// @aws-sdk/s3-request-presigner (the seed's stack); constant: the route
// answering one fixed answer of the same size (signed once at start), the
// floor of Hono + JSON + HTTP.
import { randomUUID } from 'node:crypto'

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { Signer, UploadPolicy } from 'presigner'

const [kind, port] = process.argv.slice(2)
const config = {
  endpoint: 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com',
  bucket: 'uploads',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}
const CONTENT_TYPES = ['image/*', 'video/*', 'text/*', 'application/pdf', 'application/octet-stream']
const SAMPLE = { method: 'PUT', key: '3f1c7e2a-9b4d-4e8f-a1c2-d3e4f5a6b7c8-cat picture.jpg', contentType: 'image/jpeg' }

const signer = new Signer(config)
const policy = new UploadPolicy({ prefix: 'uploads/', contentTypes: CONTENT_TYPES })
const ANSWER = policy.sign(signer, SAMPLE)
const s3 = new S3Client({
  endpoint: config.endpoint,
  region: 'auto',
  forcePathStyle: true,
  credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
})

const routes = {
  presigner: async (c) => {
    const request = await c.req.json().catch(() => null)
    try {
      return c.json(policy.sign(signer, request))
    } catch (err) {
      if (err.code === 'ERR_PRESIGNER_POLICY') return c.json({ error: err.message }, err.status)
      throw err
    }
  },
  // What the policy checks for a PutObject, by hand, then getSignedUrl.
  'aws-sdk': async (c) => {
    const { method, key, contentType, uploadId, ...rest } = (await c.req.json().catch(() => null)) ?? {}
    const typeOk = CONTENT_TYPES.some((t) => (t.endsWith('/*') ? contentType?.startsWith(t.slice(0, -1)) : t === contentType))
    if (method !== 'PUT' || typeof key !== 'string' || uploadId !== undefined || Object.keys(rest).length) {
      return c.json({ error: 'not a PutObject request' }, 400)
    }
    if (!typeOk) return c.json({ error: `content type ${contentType} is not allowed` }, 403)
    const ext = /\.([a-z0-9]{1,16})$/i.exec(key)?.[1].toLowerCase()
    const newKey = `uploads/${randomUUID()}${ext ? `.${ext}` : ''}`
    const command = new PutObjectCommand({ Bucket: config.bucket, Key: newKey, ContentType: contentType, IfNoneMatch: '*' })
    const url = await getSignedUrl(s3, command, { expiresIn: 900, signableHeaders: new Set(['content-type', 'if-none-match']) })
    return c.json({ method: 'PUT', url, key: newKey, headers: { 'Content-Type': contentType, 'If-None-Match': '*' } })
  },
  constant: async (c) => {
    await c.req.json().catch(() => null)
    return c.json(ANSWER)
  },
}

const app = new Hono()
app.post('/s3/sign', routes[kind])
serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () => console.log('listening'))
