// Prints the gzipped size of the built JavaScript and fails the build over the 150 KB budget.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dir = 'dist/assets';
let total = 0;
for (const f of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const size = gzipSync(readFileSync(join(dir, f))).length;
  total += size;
  console.log(`web: ${f} ${(size / 1024).toFixed(1)} KB gzipped`);
}
const budget = 150 * 1024;
console.log(`web: JavaScript total ${(total / 1024).toFixed(1)} KB gzipped (budget ${budget / 1024} KB)`);
if (total > budget) {
  console.error('web: over the JavaScript budget');
  process.exit(1);
}
