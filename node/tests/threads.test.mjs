// worker_threads, each with its own Signer built from the same
// configuration, sign exactly what one thread signs; workers terminated in
// the middle of signing take nothing down with them. Exercises loading and
// unloading the addon in workers too. The workloads are in threads.worker.mjs.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'

import { Signer } from 'presigner'

import { BATCH, CONFIG, ROUNDS, roundDigest, signAll, signMixed, signRound } from './threads.worker.mjs'

const WORKERS = 4
const PER_WORKER = 10_000
const WORKER_URL = new URL('./threads.worker.mjs', import.meta.url)

/** Runs a worker to completion; resolves with its one message. */
function inWorker(workerData) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData })
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)))
  })
}

test(`${WORKERS} worker threads x ${PER_WORKER} URLs match a single thread`, async () => {
  const single = signAll(PER_WORKER)
  const results = await Promise.all(Array.from({ length: WORKERS }, () => inWorker({ count: PER_WORKER })))
  for (const [i, r] of results.entries()) {
    assert.equal(r.count, PER_WORKER, `worker ${i} count`)
    assert.equal(r.digest, single.digest, `worker ${i} signed something else`)
  }
  // The digest covers distinct URLs, not one repeated.
  assert.equal(single.distinct, PER_WORKER)
})

/** Asserts that a worker's { start, digests } (signMixed) are the single-threaded ones. */
function assertSameRounds(got, want, count, who) {
  assert.equal(got.digests.length, count, `${who}: ${got.digests.length} rounds`)
  for (const [n, digest] of got.digests.entries()) {
    const i = (got.start + n) % ROUNDS
    assert.equal(digest, want[i], `${who}: round ${i} differs`)
  }
}

const MIXED_WORKERS = 8

test(`${MIXED_WORKERS} worker threads sign the mixed workload (put, get, batches, head, delete, errors) as one thread does`, async () => {
  // The reference, checked to be what it claims: distinct URLs on five signing dates, and the errors.
  const s = new Signer(CONFIG)
  const lines = Array.from({ length: ROUNDS }, (_, i) => signRound(s, i)).flat()
  const urls = lines.filter((l) => /^(PUT|GET|HEAD|DELETE) /.test(l)).map((l) => l.split(' ')[1])
  assert.equal(new Set(urls).size, ROUNDS * (4 + BATCH))
  assert.deepEqual(new Set(urls.map((u) => u.match(/X-Amz-Date=(\d{8})/)[1])), new Set(['20260102', '20260103', '20260104', '20260105', '20260106']))
  assert.equal(lines.filter((l) => l.includes(' ERR_PRESIGNER_INVALID_ARGUMENT ')).length, ROUNDS * 4)
  assert.equal(lines.filter((l) => l.startsWith('number key: TypeError ERR_INVALID_ARG_TYPE ')).length, ROUNDS)

  const want = signMixed(0).digests
  // Worker k starts at round k * ROUNDS / MIXED_WORKERS: at any moment the
  // workers sign different rounds, days and operations.
  const results = await Promise.all(
    Array.from({ length: MIXED_WORKERS }, (_, k) => inWorker({ mode: 'mixed', start: Math.floor((k * ROUNDS) / MIXED_WORKERS), count: ROUNDS })),
  )
  for (const [k, got] of results.entries()) assertSameRounds(got, want, ROUNDS, `worker ${k}`)
})

/** A small seeded PRNG (mulberry32), so that a failing run can be repeated with THREADS_SEED. */
function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const TERMINATE_ROUNDS = 20
const VICTIMS = 3
const SURVIVOR_ROUNDS = 200

test(`workers terminated mid-signing, ${TERMINATE_ROUNDS} times: the process, the main thread and the other workers carry on`, async () => {
  const seed = Number(process.env.THREADS_SEED || Date.now() % 2 ** 31)
  const random = prng(seed)
  const ctx = `THREADS_SEED=${seed}`
  const want = signMixed(0).digests
  for (let round = 0; round < TERMINATE_ROUNDS; round++) {
    // One worker that must finish, next to VICTIMS that sign until terminated.
    const survivor = new Worker(WORKER_URL, { workerData: { mode: 'mixed', start: Math.floor(random() * ROUNDS), count: SURVIVOR_ROUNDS } })
    const victims = Array.from({ length: VICTIMS }, () => new Worker(WORKER_URL, { workerData: { mode: 'loop' } }))
    try {
      const survived = new Promise((resolve, reject) => {
        survivor.once('message', resolve)
        survivor.once('error', reject)
        survivor.once('exit', (code) => reject(new Error(`survivor exited with ${code} before answering`)))
      })
      const errors = []
      for (const v of victims) v.on('error', (e) => errors.push(e))
      const started = victims.map((v) => new Promise((resolve) => v.once('message', resolve)))
      // Odd rounds: terminate once every victim is signing. Even rounds: at a
      // random moment from spawn, maybe while the worker still loads the addon.
      if (round % 2 === 1) await Promise.all(started)
      for (const v of victims) {
        await sleep(Math.floor(random() * 40))
        // 1 when stopped while running JavaScript; 0 when stopped before it started.
        const code = await v.terminate()
        assert.ok(code === 0 || code === 1, `${ctx}: round ${round}: terminate() resolved with ${code}`)
      }
      assert.deepEqual(errors, [], `${ctx}: round ${round}: a terminated worker reported an error`)
      assertSameRounds(await survived, want, SURVIVOR_ROUNDS, `${ctx}: round ${round}: survivor`)
    } finally {
      // Nothing left running if an assertion failed, so that the test ends.
      await Promise.all([survivor, ...victims].map((w) => w.terminate()))
    }
    // The main thread still signs, and signs the same.
    assert.equal(roundDigest(new Signer(CONFIG), round), want[round], `${ctx}: main thread, round ${round}`)
  }
  assertSameRounds(signMixed(0), want, ROUNDS, `${ctx}: main thread after the terminations`)
})
