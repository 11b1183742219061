// Answers the first request, then closes its stdout at the second and keeps running (run through the shell, without exec).
import { closeSync } from 'node:fs';
import { send, serve } from './serve.mjs';

serve((request, n) => {
  if (n === 1) return send({ id: request.id, skip: 'first' });
  closeSync(1);
  setInterval(() => {}, 1000);
});
