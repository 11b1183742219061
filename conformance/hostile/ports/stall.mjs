// Answers the first two requests, then never answers, and ignores SIGTERM and the end of its input:
// a run to interrupt. It says on stderr when the third request arrived.
import { send, serve } from './serve.mjs';

process.on('SIGTERM', () => {});
setInterval(() => {}, 1000);
serve((request, n) => {
  if (n <= 2) return send({ id: request.id, skip: 'answered' });
  process.stderr.write(`stalled on request ${n}\n`);
});
