import { defineConfig } from 'vite'

// `npm run dev` proxies the JSON API to a running demo server (API_URL).
const api = process.env.API_URL ?? 'http://127.0.0.1:3000'

export default defineConfig({
  base: './',
  server: { proxy: { '/s3/sign': api, '/config': api, '/pre-signed-url': api, '/files': api, '/file/': api } },
})
