import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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
  { name: 'forms', test: /node_modules[\\/](zod|react-hook-form|@hookform)[\\/]/, priority: 1 },
];

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/trpc': API, '/healthz': API, '/api': API },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
});
