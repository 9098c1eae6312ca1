/**
 * Checks a request body the way the OpenAI Responses API would (POST /v1/responses). Returns the
 * problems found; empty means the real API would accept the shape.
 */

const ITEM_TYPES = new Set([
  'message',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'reasoning',
  'item_reference',
  'web_search_call',
  'file_search_call',
  'computer_call',
  'computer_call_output',
  'code_interpreter_call',
  'image_generation_call',
  'local_shell_call',
  'local_shell_call_output',
  'shell_call',
  'shell_call_output',
  'apply_patch_call',
  'apply_patch_call_output',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
  'mcp_call',
  'tool_search_call',
  'tool_search_output',
  'compaction',
]);
const ROLES = new Set(['user', 'assistant', 'system', 'developer']);
const INPUT_PARTS = new Set(['input_text', 'input_image', 'input_file']);
const ASSISTANT_PARTS = new Set(['output_text', 'refusal']);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** Fields of Chat Completions or Anthropic that the Responses API rejects. */
const FOREIGN_FIELDS = [
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'stop_sequences',
  'thinking',
  'response_format',
  'system',
  'top_k',
  'output_config',
  'functions',
  'function_call',
  'n',
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function validateResponsesRequest(body: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(body)) return ['body: must be a JSON object'];
  if (typeof body.model !== 'string' || body.model === '') problems.push('model: required');
  for (const f of FOREIGN_FIELDS) if (f in body) problems.push(`${f}: unknown parameter`);
  if ('stream_options' in body) {
    const so = body.stream_options;
    // Responses only knows `include_obfuscation`; `include_usage` is a Chat Completions option.
    if (!isObj(so) || Object.keys(so).some((k) => k !== 'include_obfuscation')) problems.push('stream_options: unknown parameter');
  }
  if (body.instructions !== undefined && body.instructions !== null && typeof body.instructions !== 'string')
    problems.push('instructions: must be a string');
  if (body.max_output_tokens !== undefined && body.max_output_tokens !== null) {
    const n = body.max_output_tokens;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 16) problems.push('max_output_tokens: must be an integer ≥ 16');
  }
  if (typeof body.user === 'string' && body.user.length > 64) problems.push('user: string too long (max 64)');
  if (body.metadata !== undefined && body.metadata !== null) {
    if (!isObj(body.metadata)) problems.push('metadata: must be an object');
    else {
      const entries = Object.entries(body.metadata);
      if (entries.length > 16) problems.push('metadata: at most 16 keys');
      for (const [k, v] of entries) if (typeof v !== 'string') problems.push(`metadata.${k}: must be a string`);
    }
  }
  if (body.reasoning !== undefined && body.reasoning !== null) {
    const r = body.reasoning as Obj;
    const efforts = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];
    if (r.effort !== undefined && r.effort !== null && !efforts.includes(String(r.effort))) problems.push('reasoning.effort: invalid');
  }

  const calls = new Map<string, string>();
  const input = body.input;
  if (input !== undefined && typeof input !== 'string') {
    if (!Array.isArray(input)) problems.push('input: must be a string or an array');
    else
      input.forEach((item, i) => {
        checkItem(item, `input.${i}`, calls, problems, body.previous_response_id != null);
      });
  }

  const toolKinds = new Map<string, string>();
  if (body.tools !== undefined && body.tools !== null) {
    if (!Array.isArray(body.tools)) problems.push('tools: must be an array');
    else
      body.tools.forEach((t, i) => {
        checkTool(t, `tools.${i}`, toolKinds, problems);
      });
  }
  const choice = body.tool_choice;
  if (choice !== undefined && choice !== null && !['auto', 'none', 'required'].includes(choice as string)) {
    if (!isObj(choice) || typeof choice.type !== 'string') problems.push('tool_choice: invalid');
    else if (choice.type === 'function' || choice.type === 'custom') {
      if (typeof choice.name !== 'string') problems.push('tool_choice.name: required');
      else if (toolKinds.size > 0 && toolKinds.get(choice.name) !== choice.type)
        problems.push(`tool_choice: no ${choice.type} tool named '${choice.name}'`);
    }
  }
  if (isObj(body.text) && isObj(body.text.format)) {
    const f = body.text.format;
    if (!['text', 'json_object', 'json_schema'].includes(String(f.type))) problems.push('text.format.type: invalid');
    if (f.type === 'json_schema' && (typeof f.name !== 'string' || !isObj(f.schema)))
      problems.push('text.format: json_schema needs name and schema');
  }
  return problems;
}

function checkItem(item: unknown, path: string, calls: Map<string, string>, problems: string[], chained: boolean): void {
  if (!isObj(item)) {
    problems.push(`${path}: must be an object`);
    return;
  }
  const type = item.type ?? ('role' in item ? 'message' : undefined);
  if (typeof type !== 'string' || !ITEM_TYPES.has(type)) {
    problems.push(`${path}.type: invalid item type '${String(type)}'`);
    return;
  }
  if ('cache_control' in item) problems.push(`${path}.cache_control: unknown parameter`);
  switch (type) {
    case 'message': {
      if (!ROLES.has(String(item.role))) problems.push(`${path}.role: invalid`);
      const allowed = item.role === 'assistant' ? ASSISTANT_PARTS : INPUT_PARTS;
      if (typeof item.content === 'string') break;
      if (!Array.isArray(item.content)) {
        problems.push(`${path}.content: must be a string or an array`);
        break;
      }
      item.content.forEach((p, j) => {
        const pp = `${path}.content.${j}`;
        if (!isObj(p) || !allowed.has(String(p.type))) {
          problems.push(`${pp}.type: '${isObj(p) ? String(p.type) : typeof p}' not allowed in a ${String(item.role)} message`);
          return;
        }
        if ('cache_control' in p) problems.push(`${pp}.cache_control: unknown parameter`);
        if ((p.type === 'input_text' || p.type === 'output_text') && typeof p.text !== 'string') problems.push(`${pp}.text: required`);
        if (p.type === 'output_text' && !Array.isArray(p.annotations)) problems.push(`${pp}.annotations: required`);
        if (p.type === 'input_image' && typeof p.image_url !== 'string' && typeof p.file_id !== 'string')
          problems.push(`${pp}: image_url or file_id required`);
        if (p.type === 'input_file' && !p.file_data && !p.file_id && !p.file_url) problems.push(`${pp}: file_data, file_id or file_url required`);
      });
      break;
    }
    case 'function_call':
    case 'custom_tool_call': {
      if (typeof item.call_id !== 'string' || item.call_id === '') problems.push(`${path}.call_id: required`);
      if (typeof item.name !== 'string' || !TOOL_NAME.test(item.name)) problems.push(`${path}.name: invalid tool name`);
      if (type === 'function_call' && typeof item.arguments !== 'string') problems.push(`${path}.arguments: must be a string`);
      if (type === 'custom_tool_call' && typeof item.input !== 'string') problems.push(`${path}.input: must be a string`);
      if (typeof item.call_id === 'string') calls.set(item.call_id, type);
      break;
    }
    case 'function_call_output':
    case 'custom_tool_call_output': {
      const callId = item.call_id;
      if (typeof callId !== 'string' || callId === '') problems.push(`${path}.call_id: required`);
      else if (!chained) {
        const callType = calls.get(callId);
        const want = type === 'function_call_output' ? 'function_call' : 'custom_tool_call';
        if (!callType) problems.push(`${path}: No tool call found for ${type} with call_id ${callId}`);
        else if (callType !== want) problems.push(`${path}: ${type} answers a ${callType}`);
      }
      const out = item.output;
      if (typeof out !== 'string') {
        if (!Array.isArray(out)) problems.push(`${path}.output: must be a string or an array`);
        else
          out.forEach((p, j) => {
            if (!isObj(p) || !INPUT_PARTS.has(String(p.type))) problems.push(`${path}.output.${j}.type: invalid`);
          });
      }
      break;
    }
    case 'reasoning': {
      if (typeof item.id !== 'string') problems.push(`${path}.id: required`);
      if (!Array.isArray(item.summary)) problems.push(`${path}.summary: required`);
      if (item.encrypted_content !== undefined && item.encrypted_content !== null && typeof item.encrypted_content !== 'string')
        problems.push(`${path}.encrypted_content: must be a string`);
      break;
    }
    case 'item_reference':
      if (typeof item.id !== 'string') problems.push(`${path}.id: required`);
      break;
  }
}

function checkTool(tool: unknown, path: string, kinds: Map<string, string>, problems: string[]): void {
  if (!isObj(tool) || typeof tool.type !== 'string') {
    problems.push(`${path}.type: required`);
    return;
  }
  if ('input_schema' in tool) problems.push(`${path}.input_schema: unknown parameter`);
  if ('cache_control' in tool) problems.push(`${path}.cache_control: unknown parameter`);
  if ('function' in tool) problems.push(`${path}.function: unknown parameter (Responses tools are flat)`);
  if (tool.type === 'function' || tool.type === 'custom') {
    if (typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) problems.push(`${path}.name: invalid tool name`);
    else kinds.set(tool.name, tool.type);
    if (tool.type === 'function' && tool.parameters !== undefined && tool.parameters !== null && !isObj(tool.parameters))
      problems.push(`${path}.parameters: must be an object`);
    if (tool.type === 'custom' && 'parameters' in tool) problems.push(`${path}.parameters: custom tools take a format, not parameters`);
    if (tool.type === 'function' && 'format' in tool) problems.push(`${path}.format: only custom tools take a format`);
  } else if (tool.type === 'namespace') {
    if (!Array.isArray(tool.tools)) problems.push(`${path}.tools: required`);
    else
      tool.tools.forEach((t, j) => {
        checkTool(t, `${path}.tools.${j}`, new Map(), problems);
      });
  }
}

/** The error body the real API answers validation problems with. */
export function responsesValidationError(problems: string[]): unknown {
  return {
    error: { message: problems.join('; '), type: 'invalid_request_error', param: problems[0]?.split(':')[0] ?? null, code: null },
  };
}
