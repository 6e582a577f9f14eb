// Uppy quick start (README): POST /s3/sign signs each S3 request of Uppy's
// @uppy/aws-s3 (signRequest mode) under an UploadPolicy. Configuration comes
// from the environment (R2_ACCOUNT_ID or R2_ENDPOINT, R2_ACCESS_KEY_ID,
// R2_SECRET_ACCESS_KEY, R2_BUCKET); run with `node examples/uppy_quickstart.mjs`.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { Signer, UploadPolicy } from 'presigner'

const signer = Signer.fromEnv()
const policy = new UploadPolicy({ prefix: 'uploads/', contentTypes: ['image/*', 'application/pdf'] })
export const app = new Hono()

app.post('/s3/sign', async (c) => {
  try {
    return c.json(policy.sign(signer, await c.req.json().catch(() => null)))
  } catch (err) {
    if (err.code === 'ERR_PRESIGNER_POLICY') return c.json({ error: err.message }, err.status)
    throw err
  }
})

if (import.meta.filename === process.argv[1]) {
  serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) }, (info) => {
    console.log(`listening on http://localhost:${info.port}`)
  })
}
