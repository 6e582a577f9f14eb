// The signing workloads of threads.test.mjs, run in the main thread (the
// single-threaded reference) and in worker threads, each with its own
// Signer built from the same configuration. In a worker, `workerData.mode`
// picks one:
//   'all'   { count }: signAll(count), posts { count, digest, distinct };
//   'mixed' { start, count }: posts signMixed(start, count);
//   'loop':            signs mixed rounds and big batches until terminated,
//                      posting 'started' after its first round.

import { createHash } from 'node:crypto'
import { isMainThread, parentPort, workerData } from 'node:worker_threads'

import { attachment, Signer } from 'presigner'

export const CONFIG = {
  endpoint: 'https://acct.r2.cloudflarestorage.com',
  bucket: 'uploads',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'token/with+chars=',
}

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5)
const DAY_MS = 86_400_000

export function signAll(count) {
  const signer = new Signer(CONFIG)
  const hash = createHash('sha256')
  const urls = new Set()
  for (let i = 0; i < count; i++) {
    // Several days and regions of signing keys, several operations.
    const signingDate = new Date(T0 + (i % 7) * 86_400_000 + i * 1000)
    const key = `users/${i % 97}/ü ${i}.bin`
    const r =
      i % 3 === 0
        ? signer.presignPut(key, { signingDate, contentType: 'application/octet-stream', metadata: { n: String(i) }, expiresIn: 1 + (i % 600) })
        : i % 3 === 1
          ? signer.presignGet(key, { signingDate, responseContentDisposition: `attachment; filename="${i}.bin"` })
          : signer.presignHead(key, { signingDate })
    hash.update(`${r.method} ${r.url} ${JSON.stringify(r.headers)} ${r.expiresAt.getTime()}\n`)
    urls.add(r.url)
  }
  return { count, digest: hash.digest('hex'), distinct: urls.size }
}

// The mixed workload: every operation, batches and errors, at signing times
// that keep crossing UTC midnight (23:59:00 to 00:00:59 on four dates), so
// threads working on different rounds need different signing keys at once.
export const ROUNDS = 1_000
export const BATCH = 20
const MIDNIGHT = Date.UTC(2026, 0, 3)

const line = (r) => `${r.method} ${r.url} ${JSON.stringify(r.headers)} ${r.expiresAt.getTime()}`

/** Round i of the mixed workload, one line per result: 4 single URLs, a batch and 5 errors. */
export function signRound(s, i) {
  const signingDate = new Date(MIDNIGHT + (i % 4) * DAY_MS + (((i * 7) % 120) - 60) * 1000)
  const key = `t/${i}/ü file+${i}.bin`
  const out = [
    s.presignPut(key, {
      contentType: 'application/octet-stream',
      contentLength: i,
      cacheControl: 'no-cache',
      metadata: { owner: `u${i % 13}`, round: String(i) },
      expiresIn: 1 + (i % 600),
      signingDate,
    }),
    s.presignGet(key, { responseContentDisposition: attachment(`ü ${i}.bin`), responseContentType: 'application/pdf', signingDate }),
    ...s.presignGetMany(Array.from({ length: BATCH }, (_, j) => `t/${i}/${j} é`), { expiresIn: 60 * (1 + (i % 9)), signingDate }),
    s.presignHead(key, { versionId: `v${i}`, signingDate }),
    s.presignDelete(key, { signingDate }),
  ].map(line)
  const errors = {
    'empty key': () => s.presignGet('', { signingDate }),
    'expiresIn 0': () => s.presignPut(key, { expiresIn: 0, signingDate }),
    'bad metadata name': () => s.presignPut(key, { metadata: { [`bad ${i}`]: 'x' }, signingDate }),
    'empty key in a batch': () => s.presignGetMany([key, ''], { signingDate }),
    'number key': () => s.presignHead(42, { signingDate }),
  }
  for (const [label, fn] of Object.entries(errors)) {
    try {
      fn()
    } catch (e) {
      out.push(`${label}: ${e.name} ${e.code} ${e.message}`)
      continue
    }
    throw new Error(`${label} did not throw`)
  }
  return out
}

/** The SHA-256 of round i's lines. */
export function roundDigest(s, i) {
  return createHash('sha256').update(signRound(s, i).join('\n')).digest('hex')
}

/** `count` rounds from round `start`, wrapping around: { start, digests } in signing order. */
export function signMixed(start = 0, count = ROUNDS) {
  const signer = new Signer(CONFIG)
  const digests = []
  for (let n = 0; n < count; n++) digests.push(roundDigest(signer, (start + n) % ROUNDS))
  return { start, digests }
}

/** Signs until the thread is terminated: mixed rounds, and a batch of 5,000 keys every 10 rounds. */
function signForever() {
  const signer = new Signer(CONFIG)
  const keys = Array.from({ length: 5_000 }, (_, j) => `big/${j} é`)
  for (let i = 0; ; i++) {
    signRound(signer, i % ROUNDS)
    if (i % 10 === 9) signer.presignGetMany(keys, { responseContentDisposition: attachment('big.bin') })
    if (i === 0) parentPort.postMessage('started')
  }
}

if (!isMainThread && workerData) {
  if (workerData.mode === 'mixed') parentPort.postMessage(signMixed(workerData.start, workerData.count))
  else if (workerData.mode === 'loop') signForever()
  else parentPort.postMessage(signAll(workerData.count))
}
