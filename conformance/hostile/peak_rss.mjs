// Preloaded into the runner by the hostile suite (node --import): writes the process's peak RSS, in KiB, to PEAK_RSS_FILE at exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS)));
