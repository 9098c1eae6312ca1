/**
 * Checks a Chat Completions request body the way OpenAI (and strict compatible servers such as
 * DeepSeek and Groq) would, so a fake upstream answers 400 where production would.
 */

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** Fields that only Anthropic (or the Anthropic SDK) knows; they must never reach a chat upstream. */
const ANTHROPIC_TOP_LEVEL = ['system', 'thinking', 'output_config', 'stop_sequences', 'top_k', 'context_management', 'anthropic_version'];
const ANTHROPIC_PART_TYPES = new Set(['tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'document', 'image', 'server_tool_use']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Paths of every `cache_control` / `input_schema` key anywhere in the body. */
function findKeys(value: unknown, keys: Set<string>, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) findKeys(v, keys, `${path}[${i}]`, out);
  }
  else if (isObj(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      // JSON Schemas may legitimately name a property `cache_control`; only flag real keys outside schemas.
      if (keys.has(k) && !/\.(parameters|schema)(\.|$)/.test(path)) out.push(p);
      findKeys(v, keys, p, out);
    }
  }
}

function checkParts(content: unknown, path: string, role: string, problems: string[]): void {
  if (typeof content === 'string') return;
  if (!Array.isArray(content)) {
    problems.push(`${path}: content must be a string or an array of parts`);
    return;
  }
  content.forEach((part, j) => {
    const p = `${path}[${j}]`;
    if (!isObj(part) || typeof part.type !== 'string') {
      problems.push(`${p}: content part needs a type`);
      return;
    }
    if (ANTHROPIC_PART_TYPES.has(part.type)) problems.push(`${p}.type: '${part.type}' is not a chat content part type`);
    else if ((role === 'system' || role === 'developer' || role === 'tool') && part.type !== 'text')
      problems.push(`${p}.type: ${role} messages accept only text parts`);
    else if (part.type === 'text') {
      if (typeof part.text !== 'string') problems.push(`${p}.text: expected a string`);
    } else if (part.type === 'image_url') {
      if (role !== 'user') problems.push(`${p}: image_url parts are only allowed in user messages`);
      if (!isObj(part.image_url) || typeof part.image_url.url !== 'string') problems.push(`${p}.image_url.url: expected a string`);
    } else if (part.type === 'file') {
      if (role !== 'user') problems.push(`${p}: file parts are only allowed in user messages`);
      if (!isObj(part.file) || (part.file.file_data === undefined && part.file.file_id === undefined))
        problems.push(`${p}.file: needs file_data or file_id`);
    } else if (part.type === 'refusal') {
      if (role !== 'assistant') problems.push(`${p}: refusal parts are only allowed in assistant messages`);
    } else if (part.type !== 'input_audio') problems.push(`${p}.type: unknown content part type '${part.type}'`);
  });
}

/** Every problem the real API would reject the body for (empty when valid). */
export function validateOpenAIChatRequest(body: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(body)) return ['body: expected a JSON object'];
  if (typeof body.model !== 'string' || body.model === '') problems.push('model: required');
  for (const k of ANTHROPIC_TOP_LEVEL) if (k in body) problems.push(`${k}: unrecognized request argument`);
  if (isObj(body.metadata) && 'user_id' in body.metadata) problems.push('metadata.user_id: Anthropic-only field');
  const found: string[] = [];
  findKeys(body, new Set(['cache_control', 'input_schema']), '', found);
  for (const p of found) problems.push(`${p}: unrecognized field`);
  if ('n' in body && body.n !== 1 && body.n !== undefined && body.n !== null) problems.push('n: only 1 is expected here');

  const stop = body.stop;
  if (Array.isArray(stop) && stop.length > 4) problems.push('stop: at most 4 stop sequences');
  if (stop !== undefined && stop !== null && typeof stop !== 'string' && !Array.isArray(stop)) problems.push('stop: string or array');
  if (body.stream_options !== undefined && body.stream !== true) problems.push('stream_options: only allowed when stream is true');

  const tools = Array.isArray(body.tools) ? body.tools : [];
  if (body.tools !== undefined && !Array.isArray(body.tools)) problems.push('tools: expected an array');
  if (body.tools !== undefined && tools.length === 0) problems.push('tools: [] is too short');
  tools.forEach((t, i) => {
    if (!isObj(t)) {
      problems.push(`tools[${i}]: expected an object`);
      return;
    }
    if (t.type === 'function') {
      if (!isObj(t.function)) {
      problems.push(`tools[${i}].function: required`);
      return;
    }
      const name = t.function.name;
      if (typeof name !== 'string' || !TOOL_NAME.test(name)) problems.push(`tools[${i}].function.name: must match ^[a-zA-Z0-9_-]{1,64}$`);
      const params = t.function.parameters;
      if (params !== undefined && (!isObj(params) || params.type !== 'object'))
        problems.push(`tools[${i}].function.parameters: schema must be of type "object"`);
    } else if (t.type === 'custom') {
      if (!isObj(t.custom) || typeof t.custom.name !== 'string' || !TOOL_NAME.test(t.custom.name))
        problems.push(`tools[${i}].custom.name: must match ^[a-zA-Z0-9_-]{1,64}$`);
    } else problems.push(`tools[${i}].type: unsupported tool type '${String(t.type)}'`);
  });
  if (body.tool_choice !== undefined && tools.length === 0) problems.push('tool_choice: only allowed when tools are specified');
  if (body.parallel_tool_calls !== undefined && tools.length === 0)
    problems.push('parallel_tool_calls: only allowed when tools are specified');
  if (isObj(body.tool_choice) && body.tool_choice.type === 'function') {
    const fn = body.tool_choice.function;
    if (!isObj(fn) || typeof fn.name !== 'string') problems.push('tool_choice.function.name: required');
  } else if (typeof body.tool_choice === 'string' && !['auto', 'none', 'required'].includes(body.tool_choice))
    problems.push(`tool_choice: invalid value '${body.tool_choice}'`);

  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    problems.push('messages: must be a non-empty array');
    return problems;
  }
  // Tool calls waiting for their `tool` answers; a non-tool message closes the window.
  let pending: Set<string> | undefined;
  let lastAssistantIndex = -1;
  body.messages.forEach((m, i) => {
    const p = `messages[${i}]`;
    if (!isObj(m)) {
      problems.push(`${p}: expected an object`);
      return;
    }
    const role = m.role;
    if (typeof role !== 'string' || !ROLES.has(role)) {
      problems.push(`${p}.role: invalid role '${String(role)}'`);
      return;
    }
    if (role !== 'tool' && pending && pending.size > 0)
      problems.push(
        `${p}: an assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id' (missing: ${[...pending].join(', ')})`,
      );
    if (role !== 'tool') pending = undefined;

    if (role === 'tool') {
      if (typeof m.tool_call_id !== 'string') problems.push(`${p}.tool_call_id: required`);
      else if (!pending?.has(m.tool_call_id))
        problems.push(`${p}: messages with role 'tool' must be a response to a preceding message with 'tool_calls' (${m.tool_call_id})`);
      else pending.delete(m.tool_call_id);
      if (m.content === undefined || m.content === null) problems.push(`${p}.content: required`);
      else checkParts(m.content, `${p}.content`, role, problems);
      return;
    }
    if (role === 'assistant') {
      lastAssistantIndex = i;
      const calls = m.tool_calls;
      const hasCalls = Array.isArray(calls) && calls.length > 0;
      if ((m.content === undefined || m.content === null) && !hasCalls && !m.function_call)
        problems.push(`${p}.content: required unless tool_calls is set`);
      if (m.content !== undefined && m.content !== null) checkParts(m.content, `${p}.content`, role, problems);
      if (calls !== undefined && !Array.isArray(calls)) problems.push(`${p}.tool_calls: expected an array`);
      if (Array.isArray(calls) && calls.length === 0) problems.push(`${p}.tool_calls: [] is too short`);
      if (hasCalls) {
        pending = new Set();
        (calls as unknown[]).forEach((c, j) => {
          const cp = `${p}.tool_calls[${j}]`;
          if (!isObj(c) || typeof c.id !== 'string' || c.id === '') {
      problems.push(`${cp}.id: required`);
      return;
    }
          pending?.add(c.id);
          if (c.type === 'custom') {
            if (!isObj(c.custom) || typeof c.custom.name !== 'string') problems.push(`${cp}.custom.name: required`);
            return;
          }
          if (c.type !== 'function') problems.push(`${cp}.type: expected 'function'`);
          const fn = c.function;
          if (!isObj(fn)) {
      problems.push(`${cp}.function: required`);
      return;
    }
          if (typeof fn.name !== 'string' || !TOOL_NAME.test(fn.name)) problems.push(`${cp}.function.name: must match ^[a-zA-Z0-9_-]{1,64}$`);
          if (typeof fn.arguments !== 'string') problems.push(`${cp}.function.arguments: expected a string`);
          else {
            try {
              JSON.parse(fn.arguments);
            } catch {
              problems.push(`${cp}.function.arguments: not valid JSON`);
            }
          }
        });
      }
      for (const k of ['thinking', 'signature']) if (k in m) problems.push(`${p}.${k}: unrecognized field`);
      return;
    }
    if (m.content === undefined || m.content === null) problems.push(`${p}.content: required`);
    else checkParts(m.content, `${p}.content`, role, problems);
    if ('prefix' in m) problems.push(`${p}.prefix: only allowed on the last assistant message`);
  });
  if (pending && pending.size > 0)
    problems.push(`messages: tool_calls of messages[${lastAssistantIndex}] not answered (${[...pending].join(', ')})`);
  return problems;
}

/** The OpenAI error body the fake upstream answers validation failures with. */
export function openaiValidationError(problems: string[]): unknown {
  return { error: { message: problems.join('; '), type: 'invalid_request_error', param: null, code: null } };
}
