#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// `kenro scan | head`: the reader went away; stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`kenro: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
