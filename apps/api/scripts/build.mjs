// Bundles the API into one ESM file (workspace packages are TypeScript source, so they are
// bundled in; npm dependencies stay external and load from node_modules) and copies the
// committed migrations next to it.
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const dist = new URL('../dist/', import.meta.url).pathname;
rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outfile: `${dist}main.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Keep npm packages external; bundle only @stageflow/* (TypeScript source).
  plugins: [
    {
      name: 'external-npm-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@stageflow/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
  logLevel: 'warning',
});
for (const folder of ['drizzle', 'drizzle-pg']) {
  cpSync(new URL(`../../../packages/db/${folder}`, import.meta.url).pathname, `${dist}${folder}`, { recursive: true });
}
console.log('built apps/api/dist/main.mjs');
