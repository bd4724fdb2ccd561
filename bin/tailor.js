#!/usr/bin/env node
// The `tailor` command: registers tsx so Node can load the TypeScript CLI directly, then runs it.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/train/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
