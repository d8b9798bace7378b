// Builds the web app into dist/web, where the server finds it (`vite build web`; root is this folder).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // No inline scripts or data: URLs, so a strict Content-Security-Policy holds.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  server: {
    // `npx vite web` during development, with `npm start` serving the API on 4321.
    proxy: { '/api': 'http://localhost:4321' },
  },
});
