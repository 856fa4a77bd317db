#!/usr/bin/env node
// Entry point of the `storetwin` command: loads the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../bench/cli.ts');
