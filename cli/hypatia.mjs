#!/usr/bin/env node
// `npx hypatia`: the package ships TypeScript, so the command line registers tsx's loader (a
// dependency of the package for this reason) and then runs cli/main.ts and the user's modules.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
