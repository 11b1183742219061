// Answers no request: on each, it writes stderr for ever with no newline (once a RangeError that lost every report).
import { flood, serve } from './serve.mjs';

serve(() => flood(process.stderr, 'e'.repeat(1 << 20)));
