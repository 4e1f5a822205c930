import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * One build for both pages. Everything is bundled locally under /web/ (hashed file names), so neither page
 * loads anything from another origin at run time; src/server/web.ts serves the result from dist/web.
 */
export default defineConfig({
  root: here('.'),
  base: '/web/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    // The manifest lets the benchmark add up exactly the chunks the dashboard can load.
    manifest: true,
    sourcemap: false,
    // Monaco (GraphiQL's editor) is large by nature; the dashboard's own budget is checked by bench:web.
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      // React compiler output in GraphiQL carries "use no memo" directives, harmless once bundled.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        playground: here('playground/index.html'),
        dashboard: here('dashboard/index.html'),
      },
    },
  },
  worker: { format: 'es' },
});
