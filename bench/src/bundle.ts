/**
 * E6: the web app's JavaScript as a browser fetches it from the production build (apps/web/dist).
 * The initial load is the entry script and every `modulepreload` in index.html (and anything they
 * import statically); a route is a chunk the app imports lazily, with its own static imports. Sizes
 * are gzip level 9 bytes, as Vite's build report counts them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleReport {
  /** Gzipped bytes of the initial JavaScript. */
  readonly initialGz: number;
  readonly initialFiles: readonly string[];
  /** Per lazy route: its own chunks beyond the initial load, and a cold load of it (initial + own). */
  readonly routes: readonly { readonly chunk: string; readonly ownGz: number; readonly totalGz: number }[];
}

const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g;

/** What index.html loads up front: the module entry and its `modulepreload`s, as asset file names. */
export function initialScripts(html: string): string[] {
  const names = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isEntry = tag.startsWith('<script') && /type="module"/.test(tag);
    const isPreload = tag.startsWith('<link') && /rel="modulepreload"/.test(tag);
    const src = /(?:src|href)="([^"]+\.js)"/.exec(tag)?.[1];
    if ((isEntry || isPreload) && src) names.add(src.split('/').pop()!);
  }
  return [...names];
}

export function measureBundle(dist: string): BundleReport | undefined {
  const assets = join(dist, 'assets');
  if (!existsSync(join(dist, 'index.html')) || !existsSync(assets)) return undefined;
  const files = new Map<string, string>();
  for (const name of readdirSync(assets))
    if (name.endsWith('.js')) files.set(name, readFileSync(join(assets, name), 'utf8'));
  const gz = new Map<string, number>();
  const gzOf = (name: string) => {
    let n = gz.get(name);
    if (n === undefined) {
      n = gzipSync(files.get(name) ?? '', { level: 9 }).length;
      gz.set(name, n);
    }
    return n;
  };
  const closure = (roots: Iterable<string>) => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name) || !files.has(name)) return;
      seen.add(name);
      for (const m of files.get(name)!.matchAll(STATIC_IMPORT)) visit(m[1]!);
    };
    for (const root of roots) visit(root);
    return seen;
  };
  const sum = (names: Iterable<string>) => [...names].reduce((n, name) => n + gzOf(name), 0);

  const initial = closure(initialScripts(readFileSync(join(dist, 'index.html'), 'utf8')));
  const lazy = new Set<string>();
  for (const content of files.values()) for (const m of content.matchAll(DYNAMIC_IMPORT)) lazy.add(m[1]!);
  const routes = [...lazy]
    .filter((chunk) => !initial.has(chunk))
    .map((chunk) => {
      const own = [...closure([chunk])].filter((name) => !initial.has(name));
      const ownGz = sum(own);
      return { chunk, ownGz, totalGz: sum(initial) + ownGz };
    })
    .sort((a, b) => b.totalGz - a.totalGz);
  return { initialGz: sum(initial), initialFiles: [...initial], routes };
}
