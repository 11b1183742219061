// Ignores SIGTERM and the end of its input, and starts two children that hold its pipes and ignore SIGTERM:
// one in its process group, one in a session of its own (setsid).
import { spawn } from 'node:child_process';
import { send, serve } from './serve.mjs';

const stubborn = 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)';
process.on('SIGTERM', () => {});
setInterval(() => {}, 1000);
for (const detached of [false, true]) spawn(process.execPath, ['-e', stubborn], { stdio: 'inherit', detached }).unref();
serve((request) => send({ id: request.id, skip: 'left children behind' }));
