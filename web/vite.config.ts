import { defineConfig } from 'vite';

// Preact through esbuild's automatic JSX runtime: no Babel, no plugin.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  test: { environment: 'happy-dom', include: ['src/**/*.test.{ts,tsx}'] },
});
