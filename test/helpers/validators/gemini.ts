/**
 * Checks a Gemini `GenerateContentRequest` body the way the real API does (as far as its
 * documented rules and its known 400s go), so the fake upstream rejects what Gemini would.
 */
import type { RecordedRequest } from '../fake-upstream.js';

const TOP_LEVEL = new Set([
  'contents',
  'systemInstruction',
  'tools',
  'toolConfig',
  'safetySettings',
  'generationConfig',
  'cachedContent',
  'labels',
]);
const DATA_FIELDS = ['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse', 'executableCode', 'codeExecutionResult'];
const PART_EXTRA = new Set(['thought', 'thoughtSignature', 'videoMetadata', 'partMetadata', 'mediaResolution']);
const NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;
const SCHEMA_KEYS = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
]);
const SCHEMA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
const GENERATION_KEYS = new Set([
  'stopSequences',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  '_responseJsonSchema',
  'responseModalities',
  'candidateCount',
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseLogprobs',
  'logprobs',
  'enableEnhancedCivicAnswers',
  'speechConfig',
  'thinkingConfig',
  'imageConfig',
  'mediaResolution',
]);
/** Fields from other dialects that must never reach Gemini. */
const FOREIGN = ['messages', 'model', 'max_tokens', 'max_output_tokens', 'stream', 'tool_choice', 'system', 'input', 'instructions', 'temperature', 'stop'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Problems Gemini would answer 400 for; empty when the body is valid. */
export function validateGeminiRequest(body: unknown, req?: RecordedRequest): string[] {
  const problems: string[] = [];
  if (req) {
    if (!/^\/v1beta\/models\/[^/:]+:(generateContent|streamGenerateContent\?alt=sse)$/.test(req.url)) problems.push(`url: unexpected path ${req.url}`);
    if (!req.headers['x-goog-api-key']) problems.push('header x-goog-api-key is missing');
  }
  if (!isObj(body)) return [...problems, 'body: must be a JSON object'];
  for (const key of Object.keys(body)) {
    if (FOREIGN.includes(key)) problems.push(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
    else if (!TOP_LEVEL.has(key)) problems.push(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
  }

  const declared = checkTools(body.tools, problems);
  checkContents(body.contents, problems);
  checkSystem(body.systemInstruction, problems);
  checkToolConfig(body.toolConfig, declared, problems);
  checkGenerationConfig(body.generationConfig, problems);
  return problems;
}

/** The error body the fake answers validation failures with (Gemini's shape). */
export function geminiValidationError(problems: string[]): unknown {
  return { error: { code: 400, message: problems.map((p) => `* ${p}`).join('\n'), status: 'INVALID_ARGUMENT' } };
}

function checkContents(contents: unknown, problems: string[]): void {
  if (!Array.isArray(contents) || contents.length === 0) {
    problems.push('contents: must be a non-empty array');
    return;
  }
  let prevCalls: string[] | undefined;
  for (const [i, content] of contents.entries()) {
    const at = `contents[${i}]`;
    if (!isObj(content)) {
        problems.push(`${at}: must be an object`);
        continue;
      }
    for (const key of Object.keys(content)) if (key !== 'role' && key !== 'parts') problems.push(`${at}: unknown field "${key}"`);
    const role = content.role;
    if (role !== 'user' && role !== 'model') problems.push(`${at}.role: must be "user" or "model" (got ${JSON.stringify(role)})`);
    if (!Array.isArray(content.parts) || content.parts.length === 0) {
        problems.push(`${at}.parts: must not be empty`);
        continue;
      }
    const calls: string[] = [];
    const responses: string[] = [];
    for (const [j, part] of content.parts.entries()) {
      const pat = `${at}.parts[${j}]`;
      if (!isObj(part)) {
        problems.push(`${pat}: must be an object`);
        continue;
      }
      const data = DATA_FIELDS.filter((k) => part[k] !== undefined);
      if (data.length !== 1) problems.push(`${pat}: must set exactly one data field (found ${data.join(', ') || 'none'})`);
      for (const key of Object.keys(part)) if (!DATA_FIELDS.includes(key) && !PART_EXTRA.has(key)) problems.push(`${pat}: unknown field "${key}"`);
      if (part.text !== undefined) {
        if (typeof part.text !== 'string') problems.push(`${pat}.text: must be a string`);
        else if (part.text === '' && !part.thoughtSignature) problems.push(`${pat}: Unable to submit request because it has an empty text parameter`);
      }
      if ((part.thought !== undefined || part.thoughtSignature !== undefined) && role !== 'model') problems.push(`${pat}: thought parts are only valid in model turns`);
      if (part.thoughtSignature !== undefined && (typeof part.thoughtSignature !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(part.thoughtSignature)))
        problems.push(`${pat}.thoughtSignature: must be base64 bytes`);
      if (part.inlineData !== undefined) {
        const d = part.inlineData;
        if (!isObj(d) || typeof d.mimeType !== 'string' || typeof d.data !== 'string') problems.push(`${pat}.inlineData: needs mimeType and data`);
        else if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(d.data)) problems.push(`${pat}.inlineData.data: must be base64`);
      }
      if (part.fileData !== undefined && (!isObj(part.fileData) || typeof part.fileData.fileUri !== 'string')) problems.push(`${pat}.fileData: needs fileUri`);
      if (part.functionCall !== undefined) {
        const fc = part.functionCall;
        if (role !== 'model') problems.push(`${pat}.functionCall: only valid in model turns`);
        if (!isObj(fc) || typeof fc.name !== 'string' || !NAME.test(fc.name)) problems.push(`${pat}.functionCall.name: invalid`);
        else calls.push(fc.name);
        if (isObj(fc) && fc.args !== undefined && !isObj(fc.args)) problems.push(`${pat}.functionCall.args: must be an object`);
        if (isObj(fc)) for (const key of Object.keys(fc)) if (!['id', 'name', 'args'].includes(key)) problems.push(`${pat}.functionCall: unknown field "${key}"`);
      }
      if (part.functionResponse !== undefined) {
        const fr = part.functionResponse;
        if (role !== 'user') problems.push(`${pat}.functionResponse: only valid in user turns`);
        if (!isObj(fr) || typeof fr.name !== 'string') problems.push(`${pat}.functionResponse.name: required`);
        else {
          responses.push(fr.name);
          if (!isObj(fr.response)) problems.push(`${pat}.functionResponse.response: must be an object`);
        }
      }
    }
    if (calls.length > 0 && (i === 0 || (contents[i - 1] as Obj)?.role !== 'user'))
      problems.push(`${at}: Please ensure that function call turn comes immediately after a user turn or after a function response turn.`);
    if (responses.length > 0) {
      if (!prevCalls) problems.push(`${at}: Please ensure that function response turn comes immediately after a function call turn.`);
      else {
        if (responses.length !== prevCalls.length)
          problems.push(`${at}: Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.`);
        const remaining = [...prevCalls];
        for (const name of responses) {
          const k = remaining.indexOf(name);
          if (k === -1) problems.push(`${at}: functionResponse "${name}" answers no functionCall of the previous turn`);
          else remaining.splice(k, 1);
        }
      }
    } else if (prevCalls && prevCalls.length > 0) {
      problems.push(`${at}: the function call turn before it has no function response turn`);
    }
    prevCalls = role === 'model' && calls.length > 0 ? calls : undefined;
  }
}

function checkSystem(system: unknown, problems: string[]): void {
  if (system === undefined) return;
  if (!isObj(system) || !Array.isArray(system.parts)) return void problems.push('systemInstruction: must be a Content with parts');
  for (const [i, p] of system.parts.entries()) {
    if (!isObj(p) || typeof p.text !== 'string' || Object.keys(p).length !== 1) problems.push(`systemInstruction.parts[${i}]: only text parts are allowed`);
    else if (p.text === '') problems.push(`systemInstruction.parts[${i}]: empty text`);
  }
}

function checkTools(tools: unknown, problems: string[]): Set<string> {
  const declared = new Set<string>();
  if (tools === undefined) return declared;
  if (!Array.isArray(tools)) {
    problems.push('tools: must be an array');
    return declared;
  }
  for (const [i, tool] of tools.entries()) {
    if (!isObj(tool)) {
        problems.push(`tools[${i}]: must be an object`);
        continue;
      }
    const kinds = Object.keys(tool);
    if (kinds.length !== 1) problems.push(`tools[${i}]: a Tool sets exactly one kind (found ${kinds.join(', ') || 'none'})`);
    if (tool.functionDeclarations === undefined) continue;
    if (!Array.isArray(tool.functionDeclarations)) {
        problems.push(`tools[${i}].functionDeclarations: must be an array`);
        continue;
      }
    for (const [j, decl] of tool.functionDeclarations.entries()) {
      const at = `tools[${i}].function_declarations[${j}]`;
      if (!isObj(decl)) {
        problems.push(`${at}: must be an object`);
        continue;
      }
      if (typeof decl.name !== 'string' || !NAME.test(decl.name)) problems.push(`${at}.name: Invalid function name ${JSON.stringify(decl.name)}`);
      else if (declared.has(decl.name)) problems.push(`${at}.name: duplicate function name ${decl.name}`);
      else declared.add(decl.name);
      for (const key of Object.keys(decl))
        if (!['name', 'description', 'parameters', 'parametersJsonSchema', 'response', 'responseJsonSchema', 'behavior'].includes(key))
          problems.push(`${at}: unknown field "${key}"`);
      if (decl.parameters !== undefined && decl.parametersJsonSchema !== undefined) problems.push(`${at}: parameters and parametersJsonSchema are mutually exclusive`);
      if (decl.parameters !== undefined) {
        if (!isObj(decl.parameters) || String(decl.parameters.type).toLowerCase() !== 'object')
          problems.push(`${at}.parameters: schema should be of type OBJECT`);
        checkSchema(decl.parameters, `${at}.parameters`, problems);
      }
      if (decl.parametersJsonSchema !== undefined) checkJsonSchemaRefs(decl.parametersJsonSchema, `${at}.parametersJsonSchema`, problems);
    }
  }
  return declared;
}

/** Gemini's `Schema` (OpenAPI subset): no JSON-Schema-only keywords, no empty object properties. */
function checkSchema(schema: unknown, at: string, problems: string[]): void {
  if (!isObj(schema)) return void problems.push(`${at}: must be an object`);
  for (const key of Object.keys(schema)) if (!SCHEMA_KEYS.has(key)) problems.push(`${at}: Unknown name "${key}": Cannot find field.`);
  if (schema.type !== undefined && (typeof schema.type !== 'string' || !SCHEMA_TYPES.has(schema.type.toLowerCase())))
    problems.push(`${at}.type: invalid type ${JSON.stringify(schema.type)}`);
  if (schema.enum !== undefined && (!Array.isArray(schema.enum) || !schema.enum.every((v) => typeof v === 'string')))
    problems.push(`${at}.enum: values must be strings`);
  if (schema.properties !== undefined) {
    if (!isObj(schema.properties)) problems.push(`${at}.properties: must be an object`);
    else {
      if (String(schema.type).toLowerCase() === 'object' && Object.keys(schema.properties).length === 0)
        problems.push(`${at}.properties: should be non-empty for OBJECT type`);
      for (const [k, v] of Object.entries(schema.properties)) checkSchema(v, `${at}.properties[${k}]`, problems);
    }
  }
  if (schema.required !== undefined) {
    const props = isObj(schema.properties) ? schema.properties : {};
    if (!Array.isArray(schema.required)) problems.push(`${at}.required: must be an array`);
    else for (const r of schema.required) if (typeof r !== 'string' || !(r in props)) problems.push(`${at}.required: property "${String(r)}" is not defined`);
  }
  if (schema.items !== undefined) checkSchema(schema.items, `${at}.items`, problems);
  if (schema.anyOf !== undefined) {
    if (!Array.isArray(schema.anyOf)) problems.push(`${at}.anyOf: must be an array`);
    else for (const [k, s] of schema.anyOf.entries()) checkSchema(s, `${at}.anyOf[${k}]`, problems);
  }
}

/** parametersJsonSchema accepts JSON Schema, but a `$ref` must resolve inside the schema. */
function checkJsonSchemaRefs(schema: unknown, at: string, problems: string[]): void {
  if (!isObj(schema)) return void problems.push(`${at}: must be an object`);
  const defs = { ...(isObj(schema.$defs) ? schema.$defs : {}), ...(isObj(schema.definitions) ? schema.definitions : {}) };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!isObj(node)) return;
    if (typeof node.$ref === 'string') {
      const name = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(node.$ref)?.[1];
      if (!name || !(name in defs)) problems.push(`${at}: $ref ${node.$ref} does not resolve`);
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(schema);
}

function checkToolConfig(config: unknown, declared: Set<string>, problems: string[]): void {
  if (config === undefined) return;
  if (!isObj(config)) return void problems.push('toolConfig: must be an object');
  const fcc = config.functionCallingConfig;
  if (fcc === undefined) return;
  if (!isObj(fcc)) return void problems.push('toolConfig.functionCallingConfig: must be an object');
  if (fcc.mode !== undefined && !['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED'].includes(String(fcc.mode)))
    problems.push(`toolConfig.functionCallingConfig.mode: invalid value ${JSON.stringify(fcc.mode)}`);
  if (fcc.allowedFunctionNames !== undefined) {
    if (fcc.mode !== 'ANY' && fcc.mode !== 'VALIDATED') problems.push('toolConfig.functionCallingConfig.allowedFunctionNames: only valid with mode ANY');
    if (!Array.isArray(fcc.allowedFunctionNames)) problems.push('toolConfig.functionCallingConfig.allowedFunctionNames: must be an array');
    else for (const n of fcc.allowedFunctionNames) if (!declared.has(String(n))) problems.push(`toolConfig.functionCallingConfig.allowedFunctionNames: ${String(n)} is not declared`);
  }
  if ((fcc.mode === 'ANY' || fcc.mode === 'VALIDATED') && declared.size === 0) problems.push('toolConfig.functionCallingConfig: mode ANY needs function declarations');
}

function checkGenerationConfig(g: unknown, problems: string[]): void {
  if (g === undefined) return;
  if (!isObj(g)) return void problems.push('generationConfig: must be an object');
  for (const key of Object.keys(g)) if (!GENERATION_KEYS.has(key)) problems.push(`generationConfig: Unknown name "${key}": Cannot find field.`);
  const t = g.thinkingConfig;
  if (t !== undefined) {
    if (!isObj(t)) problems.push('generationConfig.thinkingConfig: must be an object');
    else {
      for (const key of Object.keys(t)) if (!['thinkingBudget', 'includeThoughts', 'thinkingLevel'].includes(key)) problems.push(`generationConfig.thinkingConfig: unknown field "${key}"`);
      if (t.thinkingBudget !== undefined && t.thinkingLevel !== undefined) problems.push('generationConfig.thinkingConfig: thinkingBudget and thinkingLevel are mutually exclusive');
      if (t.thinkingBudget !== undefined && (!Number.isInteger(t.thinkingBudget) || (t.thinkingBudget as number) < -1)) problems.push('generationConfig.thinkingConfig.thinkingBudget: invalid');
    }
  }
  if (g.responseSchema !== undefined && g.responseJsonSchema !== undefined) problems.push('generationConfig: responseSchema and responseJsonSchema are mutually exclusive');
  if ((g.responseSchema !== undefined || g.responseJsonSchema !== undefined) && g.responseMimeType !== 'application/json')
    problems.push('generationConfig.responseSchema: requires responseMimeType application/json');
  if (g.responseSchema !== undefined) checkSchema(g.responseSchema, 'generationConfig.responseSchema', problems);
  if (g.stopSequences !== undefined && (!Array.isArray(g.stopSequences) || g.stopSequences.length > 5)) problems.push('generationConfig.stopSequences: at most 5');
  if (g.temperature !== undefined && (typeof g.temperature !== 'number' || g.temperature < 0 || g.temperature > 2)) problems.push('generationConfig.temperature: must be in [0, 2]');
  if (g.topP !== undefined && (typeof g.topP !== 'number' || g.topP < 0 || g.topP > 1)) problems.push('generationConfig.topP: must be in [0, 1]');
  if (g.maxOutputTokens !== undefined && (!Number.isInteger(g.maxOutputTokens) || (g.maxOutputTokens as number) < 1)) problems.push('generationConfig.maxOutputTokens: must be a positive integer');
}
