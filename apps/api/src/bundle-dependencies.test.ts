import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

/**
 * `dist/main.mjs` bundles the workspace packages and leaves every npm package they import to load from this app's
 * own node_modules at run time (scripts/build.mjs): a package the workspace depends on and this app does not is
 * missing only once the built server starts.
 */
test('every npm package the bundled workspace packages depend on is a dependency of the app', () => {
  const dependenciesOf = (path: string) =>
    Object.keys(
      (JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { dependencies?: object }).dependencies ??
        {},
    );
  const ours = new Set(dependenciesOf('../package.json'));
  const bundled = ['server', 'db', 'domain'].flatMap((name) =>
    dependenciesOf(`../../../packages/${name}/package.json`),
  );
  const missing = bundled.filter((name) => !name.startsWith('@stageflow/') && !ours.has(name));
  expect([...new Set(missing)]).toEqual([]);
});
