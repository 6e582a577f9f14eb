// index.d.ts is exact: a misspelt option is a compile error. tests/types.ts
// covers the whole API with @ts-expect-error lines (run.sh type-checks it);
// this test shows the failure itself: tsc exits non-zero on a bad file and
// zero on the same file spelt right.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { repoRoot } from './helpers.mjs'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const tsc = process.env.PRESIGNER_TSC ?? path.join(repoRoot(), 'node', 'node_modules', '.bin', 'tsc')
const dir = mkdtempSync(path.join(root, '.tsc-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/** `tsc --strict --noEmit` on one file, with `presigner` resolved from the installed package. */
function check(name, source) {
  writeFileSync(path.join(dir, name), source)
  const compilerOptions = { strict: true, noEmit: true, target: 'es2022', lib: ['es2022'], module: 'nodenext', moduleResolution: 'nodenext', types: [] }
  const project = path.join(dir, `${name}.tsconfig.json`)
  writeFileSync(project, JSON.stringify({ compilerOptions, files: [name] }))
  return spawnSync(tsc, ['--strict', '--noEmit', '-p', project], { cwd: root, encoding: 'utf8' })
}

const program = (option) => `import { Signer } from 'presigner'
const signer = new Signer({ endpoint: 'http://127.0.0.1:9000', bucket: 'b-1', accessKeyId: 'a', secretAccessKey: 's' })
export const put = signer.presignPut('k', { ${option}: 'image/jpeg' })
`

test('tsc accepts contentType', () => {
  const r = check('good.ts', program('contentType'))
  assert.equal(r.status, 0, r.stdout + r.stderr)
})

test('tsc rejects a misspelt option (contentTyp)', () => {
  const r = check('bad.ts', program('contentTyp'))
  assert.notEqual(r.status, 0, 'tsc accepted a misspelt option')
  assert.match(r.stdout, /bad\.ts\(3,\d+\): error TS2561: .*'contentTyp' does not exist in type 'PutOptions'/)
})
