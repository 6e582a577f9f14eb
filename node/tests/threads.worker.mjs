// Signs `count` deterministic URLs with a fresh Signer; in a worker thread
// it posts { count, digest, distinct } to the parent.

import { createHash } from 'node:crypto'
import { isMainThread, parentPort, workerData } from 'node:worker_threads'

import { Signer } from 'presigner'

export const CONFIG = {
  endpoint: 'https://acct.r2.cloudflarestorage.com',
  bucket: 'uploads',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'token/with+chars=',
}

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5)

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

if (!isMainThread && workerData?.count) {
  parentPort.postMessage(signAll(workerData.count))
}
