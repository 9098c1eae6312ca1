// CommonJS consumer: every entry through `require`, then the same checks with the entries mixed
// (the server loaded through `import`, the client through `require`, and the other way round):
// errors thrown by one copy must still be recognised by the other (issue 19, item 1).
const tokligence = require('tokligence');
const { createServer } = require('tokligence/server');
const { ContentFilter, PromptFirewall } = require('tokligence/security');

(async () => {
  const { scenario, report } = await import('./scenario.mjs');
  const upstream = process.env.UPSTREAM;
  let ok = report('cjs', await scenario({ ...tokligence, createServer, ContentFilter, PromptFirewall }, upstream));
  const esmServer = await import('tokligence/server');
  const esm = await import('tokligence');
  ok = report('cjs client + esm server', await scenario({ ...tokligence, createServer: esmServer.createServer, ContentFilter, PromptFirewall }, upstream)) && ok;
  ok = report('esm client + cjs server', await scenario({ ...esm, createServer, ContentFilter, PromptFirewall }, upstream)) && ok;
  // Every CommonJS entry loads, and shares the one TokligenceError.
  const entries = ['tokligence', 'tokligence/server', 'tokligence/security'];
  const mixed = new esm.NotFoundError('x');
  const shared = mixed instanceof tokligence.TokligenceError && mixed instanceof tokligence.NotFoundError && !(mixed instanceof tokligence.RateLimitError);
  console.log(`${shared ? 'ok  ' : 'FAIL'} cjs: an ESM NotFoundError is a CommonJS TokligenceError and NotFoundError, not a RateLimitError`);
  for (const e of entries) require(e);
  process.exitCode = ok && shared ? 0 : 1;
})();
