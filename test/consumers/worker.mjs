// A Cloudflare Worker (run by workerd): the in-process client and createServer(tk).fetch on the
// edge. GET / runs the consumer checks against the fake upstream and answers their results as JSON.
import { ContentFilter, PromptFirewall } from 'tokligence/security';
import { createServer } from 'tokligence/server';
import * as tokligence from 'tokligence';
import { scenario } from './scenario.mjs';

export default {
  async fetch(_request, env) {
    try {
      const results = await scenario({ ...tokligence, createServer, ContentFilter, PromptFirewall }, env.UPSTREAM);
      return Response.json(results);
    } catch (err) {
      return Response.json([{ name: 'worker', ok: false, detail: String(err?.stack ?? err) }]);
    }
  },
};
