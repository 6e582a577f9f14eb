// Hono quick start: the server hands the browser a presigned PUT, and the
// browser uploads straight to the bucket. Configuration comes from the
// environment (R2_ACCOUNT_ID or R2_ENDPOINT, R2_ACCESS_KEY_ID,
// R2_SECRET_ACCESS_KEY, R2_BUCKET); run with `node examples/quickstart.mjs`.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { newKey, presignGet, presignPut } from 'presigner'

export const app = new Hono()

app.post('/pre-signed-url', async (c) => {
  const { filename, contentType } = await c.req.json()
  const key = newKey({ filename, prefix: 'uploads' })
  const { method, url, headers } = presignPut(key, { contentType, expiresIn: 600 })
  return c.json({ key, method, url, headers })
})

// Downloads: redirect to a presigned GET (check the caller may read `key` first).
app.get('/file/:key{.+}', (c) => c.redirect(presignGet(c.req.param('key')).url))

if (import.meta.filename === process.argv[1]) {
  serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) }, (info) => {
    console.log(`listening on http://localhost:${info.port}`)
  })
}
