// Loaded with `node --import` by test/hardening/helpers.ts: report the process's peak memory on exit.
import { writeFileSync } from 'node:fs';

const file = process.env.GROUNDING_TEST_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
