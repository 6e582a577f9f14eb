// Requests per second of POST /s3/sign as users feel it (run by run.sh):
// each server (sign_server.mjs on Hono, sign_server.py on FastAPI) runs
// pinned to CPU 0 (`taskset -c 0`, one server core), autocannon runs here
// (run.sh pins this process to CPU 1), against 127.0.0.1 only.
//
//   node bench_http.mjs OUT_JSON PYTHON   (in .tmp/bench-node; PYTHON: the bench venv's)
//
// The variants of one language are interleaved round by round, so the
// machine's noise hits them alike; the median of the rounds is reported.
// Every route's answer is checked before it is measured, and a run with a
// non-2xx answer or an error fails.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import autocannon from 'autocannon'

const [out, python] = process.argv.slice(2)
const here = dirname(fileURLToPath(import.meta.url))
const quick = process.env.BENCH_QUICK === '1'
const ROUNDS = quick ? 1 : 3
const DURATION = quick ? 3 : 10 // seconds per measurement
const CONNECTIONS = 32
const BODY = JSON.stringify({ method: 'PUT', key: '3f1c7e2a-9b4d-4e8f-a1c2-d3e4f5a6b7c8-cat picture.jpg', contentType: 'image/jpeg' }) // = SAMPLE in the servers
const SERVERS = {
  node: {
    variants: ['presigner', 'aws-sdk', 'constant'],
    start: (kind, port) => ['taskset', ['-c', '0', process.execPath, join(here, 'sign_server.mjs'), kind, String(port)], {}],
  },
  python: {
    variants: ['presigner', 'boto3', 'constant'],
    start: (kind, port) => [
      'taskset',
      ['-c', '0', python, '-m', 'uvicorn', 'sign_server:app', '--app-dir', here, '--host', '127.0.0.1',
        '--port', String(port), '--no-access-log', '--log-level', 'warning'],
      { ROUTE: kind },
    ],
  },
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const post = (url) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY })

async function startServer(lang, kind, port) {
  const [cmd, args, env] = SERVERS[lang].start(kind, port)
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
  const url = `http://127.0.0.1:${port}/s3/sign`
  for (let i = 0; i < 200; i++) {
    const res = await post(url).catch(() => null)
    if (res) {
      const body = await res.json()
      if (res.status !== 200 || !/X-Amz-Signature=/.test(body.url)) {
        child.kill()
        throw new Error(`${lang} ${kind}: ${res.status} ${JSON.stringify(body)}`)
      }
      return { child, url }
    }
    await sleep(100)
  }
  child.kill()
  throw new Error(`${lang} ${kind}: the server did not start`)
}

function load(url, duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY, connections: CONNECTIONS, duration },
      (err, result) => {
        if (err) return reject(err)
        if (result.non2xx || result.errors || result.timeouts) {
          return reject(new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`))
        }
        resolve(result)
      },
    )
  })
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const results = { rounds: ROUNDS, duration: DURATION, connections: CONNECTIONS, body: BODY }
let port = 18_400
for (const [lang, { variants }] of Object.entries(SERVERS)) {
  const runs = Object.fromEntries(variants.map((v) => [v, { rps: [], p50: [], p99: [] }]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of variants) {
      const { child, url } = await startServer(lang, kind, port++)
      try {
        await load(url, 2) // warm-up: JIT, caches, connections
        const r = await load(url, DURATION)
        runs[kind].rps.push(r.requests.average)
        runs[kind].p50.push(r.latency.p50)
        runs[kind].p99.push(r.latency.p99)
        console.error(`${lang} ${kind} round ${round + 1}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms`)
      } finally {
        child.kill()
        await new Promise((resolve) => child.once('exit', resolve))
      }
    }
  }
  results[lang] = Object.fromEntries(
    Object.entries(runs).map(([k, v]) => [k, { ...v, median: median(v.rps), p50: median(v.p50), p99: median(v.p99) }]),
  )
}
writeFileSync(out, JSON.stringify(results, null, 2))
