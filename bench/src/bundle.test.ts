import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { initialScripts, measureBundle } from './bundle.ts';

const html = `<!doctype html><html><head>
  <script type="module" crossorigin src="/assets/index-A.js"></script>
  <link rel="modulepreload" crossorigin href="/assets/react-B.js">
  <link rel="stylesheet" crossorigin href="/assets/index-C.css">
</head><body></body></html>`;

describe('initialScripts', () => {
  it('takes the module entry and its modulepreloads, not stylesheets', () => {
    expect(initialScripts(html)).toEqual(['index-A.js', 'react-B.js']);
  });
});

describe('measureBundle', () => {
  it('counts the initial load, and each lazy route with the chunks only it needs', () => {
    const dist = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
    mkdirSync(join(dist, 'assets'));
    const files: Record<string, string> = {
      'index-A.js': 'import{r}from"./react-B.js";const P=()=>import(`./Page-D.js`);export{P};',
      'react-B.js': `export const r=${JSON.stringify('react'.repeat(50))};`,
      'Page-D.js': 'import{r}from"./react-B.js";import{f}from"./forms-E.js";export default f+r;',
      'forms-E.js': `export const f=${JSON.stringify('forms'.repeat(80))};`,
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dist, 'assets', name), content);
    writeFileSync(join(dist, 'index.html'), html);
    const gz = (name: string) => gzipSync(files[name]!, { level: 9 }).length;

    const report = measureBundle(dist)!;
    expect([...report.initialFiles].sort()).toEqual(['index-A.js', 'react-B.js']);
    expect(report.initialGz).toBe(gz('index-A.js') + gz('react-B.js'));
    expect(report.routes).toEqual([
      {
        chunk: 'Page-D.js',
        ownGz: gz('Page-D.js') + gz('forms-E.js'),
        totalGz: report.initialGz + gz('Page-D.js') + gz('forms-E.js'),
      },
    ]);
  });

  it('says nothing was built when there is no dist', () => {
    expect(measureBundle(join(tmpdir(), 'no-such-dist'))).toBeUndefined();
  });
});
