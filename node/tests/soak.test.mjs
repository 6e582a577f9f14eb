// The soak test (tests/soak/soak.mjs) at a reduced count: 200,000 URLs
// through one Signer in a fresh process must not grow its RSS by 10 MiB
// after warm-up. `make soak` runs the full 2,000,000.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { test } from 'node:test'

import { assertInstalled, installedEntry, repoRoot } from './helpers.mjs'

test('soak: 200,000 URLs through one Signer, RSS growth under 10 MiB', () => {
  assertInstalled()
  // soak.mjs loads `presigner` as resolved from its working directory: the
  // folder whose node_modules holds the installed tarball.
  const cwd = path.resolve(installedEntry(), '..', '..', '..')
  const env = { ...process.env, SOAK_URLS: '200000' }
  delete env.SOAK_WARMUP
  delete env.SOAK_MAX_GROWTH_MIB
  const soak = path.join(repoRoot(), 'tests', 'soak', 'soak.mjs')
  const proc = spawnSync(process.execPath, [soak], { cwd, env, encoding: 'utf8', timeout: 900_000 })
  const output = `${proc.stdout}${proc.stderr}`
  console.log(output)
  assert.equal(proc.status, 0, output)
  assert.ok(proc.stdout.split('\n')[0].includes(`${path.sep}node_modules${path.sep}presigner${path.sep}`), output)
  assert.match(proc.stdout, /^soak: ok$/m)
})
