// The installed npm layout (napi-rs): the root `presigner` package carries no
// binary and lists one optionalDependencies entry per platform package; the
// addon comes from this platform's package; where that package is missing,
// `require('presigner')` names the platform and says how to build from source.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'

import { assertInstalled } from './helpers.mjs'

const require = createRequire(import.meta.url)
const rootDir = path.dirname(require.resolve('presigner/package.json'))
const root = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8'))

/** The platform packages installed next to `presigner` (npm picks the one for this machine). */
function installedPlatformPackages() {
  const modules = path.dirname(rootDir)
  return readdirSync(modules).filter((name) => name.startsWith('presigner-'))
}

test('the root package has no binary; it lists each platform package at its own version', () => {
  assertInstalled()
  const files = readdirSync(rootDir, { recursive: true }).map(String)
  assert.deepEqual(files.filter((f) => f.endsWith('.node')), [])
  const optional = Object.entries(root.optionalDependencies ?? {})
  assert.ok(optional.length >= 7, `optionalDependencies: ${JSON.stringify(root.optionalDependencies)}`)
  for (const [name, version] of optional) {
    assert.match(name, /^presigner-[a-z0-9]+-[a-z0-9]+(-[a-z]+)?$/)
    assert.equal(version, root.version, name)
  }
})

test('the addon loads from the installed platform package, at the same version', () => {
  const installed = installedPlatformPackages()
  assert.equal(installed.length, 1, `platform packages installed: ${installed}`)
  const [name] = installed
  assert.ok(name in root.optionalDependencies, `${name} is not an optionalDependency of presigner`)
  const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'))
  assert.equal(pkg.version, root.version)
  assert.deepEqual(pkg.files, [pkg.main])
  assert.match(pkg.main, /^presigner\.[a-z0-9-]+\.node$/)
  assert.equal(typeof require('presigner').Signer, 'function')
})

test('without its platform package, require("presigner") names the platform and how to build from source', (t) => {
  const [installed] = installedPlatformPackages()
  const dir = mkdtempSync(path.join(tmpdir(), 'presigner-no-addon-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  cpSync(rootDir, path.join(dir, 'node_modules', 'presigner'), { recursive: true })
  const run = spawnSync(process.execPath, ['-e', "require('presigner')"], { cwd: dir, encoding: 'utf8' })
  assert.equal(run.status, 1, run.stderr)
  const platform = installed.slice('presigner-'.length)
  assert.ok(
    run.stderr.includes(`presigner has no native addon for ${platform}: the package ${installed} is not installed`),
    run.stderr,
  )
  assert.ok(run.stderr.includes('build the addon from source'), run.stderr)
  assert.ok(run.stderr.includes('cd presigner/node && npm ci && npm run build'), run.stderr)
})
