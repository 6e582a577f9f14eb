// Four worker_threads, each with its own Signer built from the same
// configuration, sign 10,000 URLs each; every worker must produce exactly
// what one thread produces. Exercises loading the addon in workers too.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Worker } from 'node:worker_threads'

import { signAll } from './threads.worker.mjs'

const WORKERS = 4
const PER_WORKER = 10_000

function inWorker() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./threads.worker.mjs', import.meta.url), { workerData: { count: PER_WORKER } })
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)))
  })
}

test(`${WORKERS} worker threads x ${PER_WORKER} URLs match a single thread`, async () => {
  const single = signAll(PER_WORKER)
  const results = await Promise.all(Array.from({ length: WORKERS }, inWorker))
  for (const [i, r] of results.entries()) {
    assert.equal(r.count, PER_WORKER, `worker ${i} count`)
    assert.equal(r.digest, single.digest, `worker ${i} signed something else`)
  }
  // The digest covers distinct URLs, not one repeated.
  assert.equal(single.distinct, PER_WORKER)
})
