// Answers every request with 15 MB of words, under the 16 MiB line limit: an error message, or a skip reason.
import { send, serve } from './serve.mjs';

const words = 'm'.repeat(15_000_000);
serve((request, n) => send(n % 2 ? { id: request.id, error: { type: 'ValueError', message: words } } : { id: request.id, skip: words }));
