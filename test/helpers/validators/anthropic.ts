/**
 * Checks a Messages API request body the way the real API does (the rules a translator can break),
 * so the fake upstream fails a test the way production would. Returns the problems; empty = valid.
 *
 * `validateAnthropicRequest(body)` is strict: it is what our encoder must produce for any source.
 * `validateAnthropicClientRequest(body)` adds the allowances real clients rely on: Claude Code
 * ≥ 2.1 sends `role:"system"` messages (mid-conversation-system beta).
 */

export interface AnthropicValidationOptions {
  /** Accept `role:"system"` entries in `messages` (Claude Code's beta); default false. */
  allowSystemMessages?: boolean;
}

const TOP_LEVEL = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'metadata',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'output_format',
  'context_management',
  'service_tier',
  'container',
  'mcp_servers',
  'cache_control',
  'inference_geo',
  'speed',
  'diagnostics',
  'safeguards',
]);

const BLOCK_KEYS: Record<string, Set<string>> = {
  text: new Set(['type', 'text', 'cache_control', 'citations']),
  image: new Set(['type', 'source', 'cache_control']),
  document: new Set(['type', 'source', 'title', 'context', 'citations', 'cache_control']),
  tool_use: new Set(['type', 'id', 'name', 'input', 'cache_control', 'caller']),
  tool_result: new Set(['type', 'tool_use_id', 'content', 'is_error', 'cache_control']),
  thinking: new Set(['type', 'thinking', 'signature']),
  redacted_thinking: new Set(['type', 'data']),
};
const OPAQUE_TYPES = /^(server_tool_use|mcp_tool_use|mcp_tool_result|search_result|container_upload|[a-z_]+_tool_result)$/;
const TOOL_ID = /^[a-zA-Z0-9_-]+$/;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function validateAnthropicRequest(body: unknown, options: AnthropicValidationOptions = {}): string[] {
  const p: string[] = [];
  if (!isObj(body)) return ['body: must be a JSON object'];
  for (const k of Object.keys(body)) if (!TOP_LEVEL.has(k)) p.push(`${k}: Extra inputs are not permitted`);
  if (typeof body.model !== 'string' || body.model === '') p.push('model: Field required');
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1)
    p.push('max_tokens: Field required (a positive integer)');
  checkSystem(body.system, p);

  const tools = Array.isArray(body.tools) ? body.tools : undefined;
  if (body.tools !== undefined && !tools) p.push('tools: must be a list');
  const toolNames = new Set<string>();
  for (const [i, t] of (tools ?? []).entries()) {
    if (!isObj(t)) {
      p.push(`tools.${i}: must be an object`);
      continue;
    }
    const custom = t.type === undefined || t.type === null || t.type === 'custom';
    if (typeof t.name !== 'string' || !TOOL_NAME.test(t.name)) p.push(`tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    else if (toolNames.has(t.name)) p.push(`tools: Tool names must be unique (${t.name})`);
    else toolNames.add(t.name);
    if (custom) {
      if (!isObj(t.input_schema)) p.push(`tools.${i}.input_schema: Field required`);
      else if (t.input_schema.type !== 'object') p.push(`tools.${i}.input_schema.type: Input should be 'object'`);
    }
  }

  const thinking = isObj(body.thinking) ? body.thinking : undefined;
  const thinkingOn = thinking?.type === 'enabled' || thinking?.type === 'adaptive';
  if (thinking?.type === 'enabled') {
    const b = thinking.budget_tokens;
    if (typeof b !== 'number' || b < 1024) p.push('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
    else if (typeof body.max_tokens === 'number' && b >= body.max_tokens) p.push('max_tokens: must be greater than thinking.budget_tokens');
  }
  if (thinking && !['enabled', 'disabled', 'adaptive', 'between_tools'].includes(String(thinking.type)))
    p.push('thinking.type: unknown thinking type');
  // With extended thinking on, the assistant turn of an open tool loop must begin with its thinking.
  if (thinking?.type === 'enabled' && Array.isArray(body.messages)) {
    const msgs = body.messages as Array<{ role?: unknown; content?: unknown }>;
    const last = msgs[msgs.length - 1];
    const prev = msgs[msgs.length - 2];
    const blocks = (m: typeof last) => (Array.isArray(m?.content) ? (m.content as Array<{ type?: unknown }>) : []);
    if (
      last?.role === 'user' &&
      prev?.role === 'assistant' &&
      blocks(last).some((b) => b.type === 'tool_result') &&
      blocks(prev).some((b) => b.type === 'tool_use') &&
      blocks(prev)[0]?.type !== 'thinking' &&
      blocks(prev)[0]?.type !== 'redacted_thinking'
    )
      p.push(`messages.${msgs.length - 2}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(blocks(prev)[0]?.type)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block.`);
  }
  if (isObj(body.tool_choice)) {
    const tc = body.tool_choice;
    if (!['auto', 'any', 'none', 'tool'].includes(String(tc.type))) p.push('tool_choice.type: invalid');
    if (tc.type === 'tool' && typeof tc.name !== 'string') p.push('tool_choice.name: Field required');
    if (thinkingOn && (tc.type === 'any' || tc.type === 'tool'))
      p.push('Thinking may not be enabled when tool_choice forces tool use.');
    if (!tools || tools.length === 0) p.push('tool_choice: may only be specified while providing tools');
  }
  if (thinkingOn && typeof body.temperature === 'number' && body.temperature !== 1)
    p.push('temperature: may only be set to 1 when thinking is enabled');
  if (thinkingOn && body.top_k !== undefined) p.push('top_k: may not be set when thinking is enabled');
  if (Array.isArray(body.stop_sequences))
    body.stop_sequences.forEach((s, i) => {
      if (typeof s !== 'string' || s.trim() === '') p.push(`stop_sequences.${i}: each stop sequence must contain non-whitespace`);
    });
  if (isObj(body.metadata)) for (const k of Object.keys(body.metadata)) if (k !== 'user_id') p.push(`metadata.${k}: Extra inputs are not permitted`);

  checkMessages(body.messages, p, options, tools !== undefined && tools.length > 0);
  return p;
}

/** The strict checks plus the allowances real clients (Claude Code captures) rely on. */
export function validateAnthropicClientRequest(body: unknown): string[] {
  return validateAnthropicRequest(body, { allowSystemMessages: true });
}

function checkSystem(system: unknown, p: string[]): void {
  if (system === undefined || typeof system === 'string') return;
  if (!Array.isArray(system)) return void p.push('system: must be a string or a list of text blocks');
  system.forEach((b, i) => {
    if (!isObj(b) || b.type !== 'text') p.push(`system.${i}.type: Input should be 'text'`);
    else checkText(b, `system.${i}`, p);
  });
}

function checkText(b: Obj, at: string, p: string[]): void {
  if (typeof b.text !== 'string' || b.text === '') p.push(`${at}: text content blocks must be non-empty`);
  else if (b.text.trim() === '') p.push(`${at}: text content blocks must contain non-whitespace text`);
}

function checkMessages(messages: unknown, p: string[], options: AnthropicValidationOptions, hasTools: boolean): void {
  if (!Array.isArray(messages)) return void p.push('messages: Field required');
  if (messages.length === 0) return void p.push('messages: at least one message is required');
  const seenIds = new Set<string>();
  // tool_use ids waiting for their results in the next user turn.
  let open: string[] = [];
  let lastRole: string | undefined;
  let lastConversationIndex = -1;
  messages.forEach((m, i) => {
    if (isObj(m) && m.role !== 'system') lastConversationIndex = i;
  });
  for (const [i, m] of messages.entries()) {
    const at = `messages.${i}`;
    if (!isObj(m)) {
      p.push(`${at}: must be an object`);
      continue;
    }
    // Claude Code's per-turn control puts output_config on its system messages.
    const systemAllowance = m.role === 'system' && options.allowSystemMessages;
    if (!systemAllowance)
      for (const k of Object.keys(m)) if (k !== 'role' && k !== 'content') p.push(`${at}.${k}: Extra inputs are not permitted`);
    if (m.role === 'system') {
      if (!options.allowSystemMessages) p.push(`${at}.role: Input should be 'user' or 'assistant'`);
      continue;
    }
    if (m.role !== 'user' && m.role !== 'assistant') {
      p.push(`${at}.role: Input should be 'user' or 'assistant'`);
      continue;
    }
    const isFinal = i === lastConversationIndex;
    const blocks: Obj[] =
      typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : Array.isArray(m.content) ? (m.content as Obj[]) : [];
    if (typeof m.content !== 'string' && !Array.isArray(m.content)) p.push(`${at}.content: Field required`);
    if (blocks.length === 0 && !(isFinal && m.role === 'assistant'))
      p.push(`${at}: all messages must have non-empty content except for the optional final assistant message`);

    // Results for the previous assistant turn's tool_use blocks must come first, right here.
    const resultIds: string[] = [];
    let sawOther = false;
    for (const [j, b] of blocks.entries()) {
      const bat = `${at}.content.${j}`;
      if (!isObj(b) || typeof b.type !== 'string') {
        p.push(`${bat}.type: Field required`);
        continue;
      }
      const allowed = BLOCK_KEYS[b.type];
      if (!allowed && !OPAQUE_TYPES.test(b.type)) {
        p.push(`${bat}.type: unknown content block type '${b.type}'`);
        continue;
      }
      if (allowed) for (const k of Object.keys(b)) if (!allowed.has(k)) p.push(`${bat}.${k}: Extra inputs are not permitted`);
      switch (b.type) {
        case 'text': {
          const finalEmptyPrefill = isFinal && m.role === 'assistant' && b.text === '';
          if (!finalEmptyPrefill) checkText(b, bat, p);
          break;
        }
        case 'tool_use':
          if (m.role !== 'assistant') p.push(`${bat}: tool_use blocks may only appear in assistant messages`);
          if (typeof b.id !== 'string' || !TOOL_ID.test(b.id)) p.push(`${bat}.id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
          else if (seenIds.has(b.id)) p.push(`${bat}.id: tool_use ids must be unique (${b.id})`);
          else seenIds.add(b.id);
          if (typeof b.name !== 'string' || !TOOL_NAME.test(b.name)) p.push(`${bat}.name: invalid tool name`);
          if (!isObj(b.input)) p.push(`${bat}.input: Input should be a valid dictionary`);
          break;
        case 'tool_result':
          if (m.role !== 'user') p.push(`${bat}: tool_result blocks may only appear in user messages`);
          if (sawOther) p.push(`${bat}: tool_result blocks must come before any other content in the user message`);
          if (typeof b.tool_use_id !== 'string') p.push(`${bat}.tool_use_id: Field required`);
          else {
            if (!TOOL_ID.test(b.tool_use_id)) p.push(`${bat}.tool_use_id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
            if (!open.includes(b.tool_use_id))
              p.push(`${bat}: unexpected tool_use_id found in tool_result blocks: ${b.tool_use_id}. Each tool_result block must have a corresponding tool_use block in the previous message.`);
            if (resultIds.includes(b.tool_use_id)) p.push(`${bat}: each tool_use must have a single result (${b.tool_use_id})`);
            resultIds.push(b.tool_use_id);
          }
          if (Array.isArray(b.content))
            (b.content as Obj[]).forEach((c, k) => {
              if (isObj(c) && c.type === 'text') checkText(c, `${bat}.content.${k}`, p);
            });
          break;
        case 'thinking':
          if (m.role !== 'assistant') p.push(`${bat}: thinking blocks may only appear in assistant messages`);
          if (typeof b.signature !== 'string' || b.signature === '') p.push(`${bat}.signature: Field required`);
          break;
        case 'redacted_thinking':
          if (typeof b.data !== 'string' || b.data === '') p.push(`${bat}.data: Field required`);
          break;
        case 'image':
        case 'document':
          if (!isObj(b.source)) p.push(`${bat}.source: Field required`);
          break;
      }
      if (b.type !== 'tool_result') sawOther = true;
    }
    if (blocks.some((b) => isObj(b) && (b.type === 'tool_use' || b.type === 'tool_result')) && !hasTools)
      p.push(`${at}: tool_use/tool_result blocks require tools to be defined`);

    if (m.role === 'user' && open.length > 0) {
      const missing = open.filter((id) => !resultIds.includes(id));
      if (missing.length > 0)
        p.push(`${at}: tool_use ids were found without tool_result blocks immediately after: ${missing.join(', ')}`);
      open = [];
    } else if (m.role === 'assistant' && open.length > 0 && lastRole === 'assistant') {
      // Consecutive assistant turns are combined by the API; keep collecting.
    } else if (m.role === 'assistant' && open.length > 0) {
      p.push(`${at}: tool_use ids were found without tool_result blocks immediately after: ${open.join(', ')}`);
      open = [];
    }
    if (m.role === 'assistant')
      for (const b of blocks) if (isObj(b) && b.type === 'tool_use' && typeof b.id === 'string') open.push(b.id);
    if (m.role === 'assistant' && isFinal) {
      const lastBlock = blocks[blocks.length - 1];
      if (isObj(lastBlock) && lastBlock.type === 'text' && typeof lastBlock.text === 'string' && /\s$/.test(lastBlock.text))
        p.push(`${at}: final assistant content cannot end with trailing whitespace`);
    }
    lastRole = m.role;
  }
}

/** The Anthropic error body the fake upstream answers a failed validation with. */
export function anthropicValidationError(problems: string[]): unknown {
  return { type: 'error', error: { type: 'invalid_request_error', message: problems.join('; ') } };
}
