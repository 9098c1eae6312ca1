// ESM consumer (also what Bun, Deno and the bundle run): every entry through `import`.
import { ContentFilter, PromptFirewall } from 'tokligence/security';
import { createServer } from 'tokligence/server';
import * as tokligence from 'tokligence';
import { report, scenario } from './scenario.mjs';

const label = process.argv[2] ?? 'esm';
const upstream = process.env.UPSTREAM;
const ok = report(label, await scenario({ ...tokligence, createServer, ContentFilter, PromptFirewall }, upstream));
process.exitCode = ok ? 0 : 1;
