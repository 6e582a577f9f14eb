import { useEffect, useState } from 'react'
import { downloadUrl } from './api.js'
import { formatSize } from './format.js'

/** The files uploaded in this run, each with a presigned download link. */
export default function FileList({ files }) {
  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">Uploaded files</h2>
      {files.length === 0 ? (
        <p className="empty">Nothing uploaded yet.</p>
      ) : (
        <ul className="files" data-testid="files">
          {files.map((f) => <FileItem key={f.key} file={f} />)}
        </ul>
      )}
    </section>
  )
}

function FileItem({ file }) {
  const [url, setUrl] = useState(null)
  const [error, setError] = useState(null)
  useEffect(() => {
    downloadUrl(file.key).then(setUrl, (e) => setError(e.message))
  }, [file.key])
  const isImage = file.contentType?.startsWith('image/')
  return (
    <li className="file" data-testid="file" data-key={file.key}>
      <div className="thumb" aria-hidden="true">
        {isImage && url ? <img src={url} alt="" /> : <span>{extension(file.filename)}</span>}
      </div>
      <div className="info">
        {url ? (
          <a href={url} download={file.filename} data-testid="download">{file.filename}</a>
        ) : (
          <span>{file.filename}</span>
        )}
        <span className="size">{formatSize(file.size)} · {file.contentType}</span>
        {error && <span className="error">Download link unavailable: {error}</span>}
      </div>
    </li>
  )
}

const extension = (name) => /\.([a-z0-9]{1,4})$/i.exec(name)?.[1].toUpperCase() ?? 'FILE'
