// Preloaded (node -r) into one extra, untimed run of each start-up case: writes the process's
// peak RSS in KB to $L7LAB_BENCH_RSS_FILE when it exits, also when the bench stops it (SIGTERM).
const { writeFileSync } = require('node:fs');

const file = process.env.L7LAB_BENCH_RSS_FILE;
if (file) {
  const write = () => writeFileSync(file, String(process.resourceUsage().maxRSS));
  process.on('exit', write);
  process.on('SIGTERM', () => {
    write();
    process.exit(0);
  });
}
