// Presigned requests from the installed package, sent with `fetch` to the
// local S3-compatible server that verifies SigV4 (tests/s3server): the
// server, not our signer, judges them. Missing server binary = failure.

import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, test } from 'node:test'

import { Signer } from 'presigner'

import { S3_ACCESS_KEY, S3_BUCKET, S3_SECRET_KEY, send, startS3Server } from './helpers.mjs'

let server
let signer
before(async () => {
  server = await startS3Server()
  signer = new Signer({ endpoint: server.endpoint, bucket: S3_BUCKET, accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY })
})
after(() => server?.stop())

const bytes = async (res) => new Uint8Array(await res.arrayBuffer())

async function upload(key, body, options = {}) {
  const put = signer.presignPut(key, { contentType: 'application/octet-stream', ...options })
  const res = await send(put, body)
  assert.equal(res.status, 200, `PUT ${key}: ${await res.text()}`)
  return put
}

test('PUT with the returned headers, then GET: the same bytes', async () => {
  const body = randomBytes(300_000)
  const put = await upload('dir/file.bin', body, { contentLength: body.length })
  assert.deepEqual(put.headers, { 'content-length': String(body.length), 'content-type': 'application/octet-stream' })
  const got = await send(signer.presignGet('dir/file.bin'))
  assert.equal(got.status, 200)
  assert.deepEqual(await bytes(got), new Uint8Array(body))
})

test('HEAD and DELETE', async () => {
  await upload('to-delete.txt', Buffer.from('bye'))
  const head = await send(signer.presignHead('to-delete.txt'))
  assert.equal(head.status, 200)
  assert.equal(head.headers.get('content-length'), '3')
  assert.equal((await send(signer.presignDelete('to-delete.txt'))).status, 204)
  assert.equal((await send(signer.presignGet('to-delete.txt'))).status, 404)
})

test('keys with spaces, reserved characters and unicode round trip', async () => {
  for (const key of ['with space.txt', 'plus+sign=eq&amp.txt', 'ünïcödé/日本語/😀.txt', "a%20b~!'()*.txt", 'q?x#y;z,@$.txt']) {
    const body = Buffer.from(`body of ${key}`)
    await upload(key, body)
    const got = await send(signer.presignGet(key))
    assert.equal(got.status, 200, `GET ${key}`)
    assert.deepEqual(await bytes(got), new Uint8Array(body), `GET ${key}`)
  }
})

test('metadata and response overrides reach the server', async () => {
  await upload('meta.txt', Buffer.from('m'), { metadata: { Owner: 'alice' }, contentType: 'text/plain', cacheControl: 'max-age=60' })
  const head = await send(signer.presignHead('meta.txt'))
  assert.equal(head.status, 200)
  assert.equal(head.headers.get('x-amz-meta-owner'), 'alice')
  const got = await send(signer.presignGet('meta.txt', { responseContentDisposition: 'attachment; filename="m.txt"', responseContentType: 'application/x-test' }))
  assert.equal(got.status, 200)
  assert.equal(got.headers.get('content-disposition'), 'attachment; filename="m.txt"')
  assert.equal(got.headers.get('content-type'), 'application/x-test')
})

test('a tampered URL is rejected with 403', async () => {
  await upload('tamper.txt', Buffer.from('x'))
  const get = signer.presignGet('tamper.txt')
  const sig = /X-Amz-Signature=([0-9a-f]{64})/.exec(get.url)[1]
  const flipped = sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0')
  assert.equal((await send({ ...get, url: get.url.replace(sig, flipped) })).status, 403, 'signature changed')
  assert.equal((await send({ ...get, url: get.url.replace('tamper.txt', 'tamper.txT') })).status, 403, 'key changed')
  assert.equal((await send({ ...get, url: get.url.replace('X-Amz-Expires=3600', 'X-Amz-Expires=3601') })).status, 403, 'expiry changed')
  assert.equal((await send(get)).status, 200, 'the untouched URL still works')
})

test('a wrong secret, an expired URL and a changed signed header are rejected with 403', async () => {
  const wrong = new Signer({ endpoint: server.endpoint, bucket: S3_BUCKET, accessKeyId: S3_ACCESS_KEY, secretAccessKey: 'not-the-secret' })
  assert.equal((await send(wrong.presignPut('wrong.txt'), 'x')).status, 403)
  const expired = signer.presignGet('tamper.txt', { signingDate: new Date(Date.now() - 3_600_000), expiresIn: 60 })
  assert.equal((await send(expired)).status, 403)
  const put = signer.presignPut('typed.txt', { contentType: 'text/plain' })
  assert.equal((await send({ ...put, headers: { 'content-type': 'image/png' } }, 'x')).status, 403)
})
