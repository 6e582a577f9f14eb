import { useCallback, useEffect, useRef, useState } from 'react'
import { listFiles, requestUpload, upload } from './api.js'
import DropZone from './DropZone.jsx'
import FileList from './FileList.jsx'
import UploadList from './UploadList.jsx'

// Test hooks: ?expiresIn=N is forwarded to POST /pre-signed-url, and
// ?delayUploadMs=N waits that long between getting the URL and the PUT.
const query = new URLSearchParams(window.location.search)
const numberParam = (name) => (query.has(name) ? Number(query.get(name)) : undefined)
const expiresIn = numberParam('expiresIn')
const delayUploadMs = numberParam('delayUploadMs') ?? 0
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export default function App() {
  const [uploads, setUploads] = useState([])
  const [files, setFiles] = useState([])
  const [status, setStatus] = useState('')
  const nextId = useRef(0)

  const refreshFiles = useCallback(
    () => listFiles().then(setFiles, (e) => setStatus(`Could not list the uploaded files: ${e.message}`)),
    [],
  )
  useEffect(() => void refreshFiles(), [refreshFiles])

  async function uploadOne(file, id) {
    const update = (patch) =>
      setUploads((all) => all.map((u) => (u.id === id ? { ...u, ...patch } : u)))
    try {
      const signed = await requestUpload(file, expiresIn)
      update({ key: signed.key, status: 'uploading' })
      if (delayUploadMs > 0) await sleep(delayUploadMs)
      await upload(signed, file, (progress) => update({ progress }))
      update({ progress: 100, status: 'done' })
      setStatus(`Uploaded ${file.name}`)
      await refreshFiles()
    } catch (e) {
      update({ status: 'error', error: e.message })
      setStatus(`${file.name}: ${e.message}`)
    }
  }

  function addFiles(fileList) {
    const picked = Array.from(fileList, (file) => {
      return { id: nextId.current++, file, progress: 0, status: 'signing' }
    })
    if (picked.length === 0) return
    setUploads((all) => [...all, ...picked])
    setStatus(`Uploading ${picked.length} file${picked.length > 1 ? 's' : ''}…`)
    for (const u of picked) uploadOne(u.file, u.id)
  }

  return (
    <main>
      <h1>presigner demo</h1>
      <p className="lead">Files go straight from your browser to the bucket with a presigned URL.</p>
      <DropZone onFiles={addFiles} />
      <p role="status" aria-live="polite" className="status" data-testid="status">{status}</p>
      <UploadList uploads={uploads} />
      <FileList files={files} />
    </main>
  )
}
