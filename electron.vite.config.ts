import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import vuetify from 'vite-plugin-vuetify';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/index.ts'),
          // The cache writer's worker thread (see src-main/sync/cache-writer.ts).
          'write-worker': resolve(import.meta.dirname, 'src-main/sync/write-worker.ts'),
          // The search reader's worker thread (see src-main/db/search/search-reader.ts).
          'read-worker': resolve(import.meta.dirname, 'src-main/db/search/read-worker.ts'),
          // The embedded demo store's worker thread (see src-main/sandbox/worker.ts).
          'sandbox-worker': resolve(import.meta.dirname, 'src-main/sandbox/worker-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be one CommonJS file with its dependencies (zod) bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(import.meta.dirname, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    base: './',
    plugins: [vue(), vuetify({ autoImport: true })],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
  },
});
