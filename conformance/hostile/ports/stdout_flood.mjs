// On each request it starts one stdout line that never ends.
import { flood, serve } from './serve.mjs';

serve(() => flood(process.stdout, 'x'.repeat(1 << 20)));
