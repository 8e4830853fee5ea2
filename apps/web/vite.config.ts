import { fileURLToPath } from 'node:url';
import { constants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const API = 'http://localhost:3001';

/** Libraries every page needs load once and cache well; feature code arrives with its route. */
const vendorGroups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
  { name: 'router', test: /node_modules[\\/]react-router[\\/]/, priority: 2 },
  { name: 'data', test: /node_modules[\\/](@trpc|@tanstack)[\\/]/, priority: 2 },
  {
    name: 'auth',
    test: /node_modules[\\/](better-auth|@better-auth|@better-fetch|better-call|nanostores|defu)[\\/]/,
    priority: 2,
  },
  // Only the lazy form pages import these, so this chunk loads with the first form, not with the shell.
  // zod-without-eval.ts (the web's `zod`) goes with zod.
  {
    name: 'forms',
    test: /node_modules[\\/](zod|react-hook-form|@hookform)[\\/]|[\\/]src[\\/]zod-without-eval\.ts$/,
    priority: 1,
  },
];

/**
 * Requests through the dev proxy are the app's own, so they reach the API as same-origin requests do
 * in production: with its host and origin. Its cross-site check (tRPC) and better-auth (which trusts
 * only PUBLIC_URL, the API's own address in dev) would otherwise refuse writes from :5173.
 */
const sameOrigin: ProxyOptions = {
  target: API,
  changeOrigin: true,
  configure: (proxy) => proxy.on('proxyReq', (req) => req.setHeader('origin', API)),
};

/**
 * Every text file of the build also as `.br` and `.gz`, made once at build time at the strongest
 * settings, so the server sends them as they are by the browser's `Accept-Encoding`
 * (docs/decisions/015-static-files-and-compression.md). Source maps are left alone.
 */
const precompress = compression({
  include: /\.(html|css|js|mjs|json|svg|txt)$/,
  algorithms: [
    defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
    defineAlgorithm('gzip', { level: constants.Z_BEST_COMPRESSION }),
  ],
  logLevel: 'silent',
});

export default defineConfig({
  // Every `zod` import of the build, the domain's included, gets zod without eval (src/zod-without-eval.ts).
  resolve: {
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('src/zod-without-eval.ts', import.meta.url)) }],
  },
  plugins: [react(), precompress],
  server: {
    proxy: { '/trpc': sameOrigin, '/healthz': API, '/api': sameOrigin },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
});
