#!/usr/bin/env node
/**
 * `eks-jobs`: the command-line client of the eks-jobs API, on the SDK (`src/sdk`). Run
 * `eks-jobs --help`; in the repository, `npm run cli -- --help`.
 */
import { text } from 'node:stream/consumers';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  io: {
    out: (chunk) => process.stdout.write(chunk),
    err: (chunk) => process.stderr.write(chunk),
    errIsTTY: process.stderr.isTTY === true,
    readStdin: () => text(process.stdin),
  },
});
// exitCode, not exit(): stdout may still be flushing into a pipe.
process.exitCode = code;
