#!/usr/bin/env node
// The published entry point: TypeScript runs through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
