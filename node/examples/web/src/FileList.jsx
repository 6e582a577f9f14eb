import { formatSize } from './format.js'

/** The files uploaded in this run, each linked to GET /file/:key (a redirect to a presigned GET). */
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
  const url = `/file/${encodeURIComponent(file.key)}`
  const isImage = file.contentType?.startsWith('image/')
  return (
    <li className="file" data-testid="file" data-key={file.key}>
      <div className="thumb" aria-hidden="true">
        {isImage ? <img src={url} alt="" /> : <span>{extension(file.filename)}</span>}
      </div>
      <div className="info">
        <a href={url} download={file.filename} data-testid="download">{file.filename}</a>
        <span className="size">{formatSize(file.size)} · {file.contentType}</span>
      </div>
    </li>
  )
}

const extension = (name) => /\.([a-z0-9]{1,4})$/i.exec(name)?.[1].toUpperCase() ?? 'FILE'
