/**
 * B0: raw `node:http` answering each endpoint with the exact bytes the Stageflow server answered it
 * with (recorded by the runner): the cost of HTTP and nothing else.
 *
 *   node b0.mjs <bodies.json>    bodies: { "<METHOD> <path?query>": "<response body>" }
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { serveBench } from './ipc.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: b0.mjs <bodies.json>');
const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v)]),
);

const server = createServer((req, res) => {
  const body = bodies.get(`${req.method} ${req.url}`);
  const answer = () => {
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  };
  if (req.method === 'GET') answer();
  else req.resume().on('end', answer);
});

serveBench(server);
