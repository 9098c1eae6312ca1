import type { WireContext } from '../../core/contracts/index.js';
import { InvalidRequestError } from '../../core/errors.js';
import type { JsonSchema, ToolChoice, ToolDefinition } from '../../core/types.js';
import { fromWireName, OPENAI_TOOL_NAME, ToolNameMapper } from '../shared/tool-names.js';
import { parseAt } from '../shared/zod-error.js';
import { customToolSchema, functionToolSchema, namespaceToolSchema } from './wire.js';

/**
 * Tools of a namespace (Codex `multi_agent_v1`) are flattened to ordinary tools named
 * `<namespace>.<tool>`, so a non-Responses upstream can still call them (other tool-name rules turn
 * the dot into `_` and map it back). Each keeps `raw = {type:"namespace", name, description,
 * tools:[<itself>]}` so the Responses encoder can regroup them; calls carry `namespace` on the wire.
 */
export const NAMESPACE_SEPARATOR = '.';

const EMPTY_SCHEMA: JsonSchema = { type: 'object', properties: {} };

/** Split a canonical name `<ns>.<tool>` back into its wire parts. */
export function splitNamespaced(name: string): { namespace?: string; name: string } {
  const at = name.indexOf(NAMESPACE_SEPARATOR);
  if (at <= 0 || at === name.length - 1) return { name };
  return { namespace: name.slice(0, at), name: name.slice(at + 1) };
}

/** Join a wire call's `namespace` + `name` into the canonical name. */
export function joinNamespaced(namespace: string | null | undefined, name: string): string {
  return namespace ? `${namespace}${NAMESPACE_SEPARATOR}${name}` : name;
}

/**
 * The caller's name for a call read off the wire. A namespaced call (hosted tool search loads
 * functions into a namespace, and some backends put every call in one named after the function)
 * keeps `namespace.name` when the caller declared that; when the caller declared only the bare
 * name, the bare name is what it gets, never a name it did not declare.
 */
export function callName(namespace: string | null | undefined, name: string, context?: WireContext): string {
  const joined = fromWireName(joinNamespaced(namespace, name), context);
  const declared = context?.declaredTools;
  if (!namespace || !declared || declared.has(joined)) return joined;
  const bare = fromWireName(name, context);
  return declared.has(bare) ? bare : joined;
}

/** Output items that ask the client to act but that only a Responses caller could have asked for. */
export const CLIENT_ACTION_ITEMS = new Set([
  'apply_patch_call',
  'local_shell_call',
  'shell_call',
  'computer_call',
  'mcp_approval_request',
  'tool_search_call',
]);

function functionTool(raw: unknown, path: string, namePrefix?: string): ToolDefinition {
  const t = parseAt(functionToolSchema, raw, path);
  const tool: ToolDefinition = {
    kind: 'function',
    name: joinNamespaced(namePrefix, t.name),
    inputSchema: t.parameters ?? EMPTY_SCHEMA,
  };
  if (t.description) tool.description = t.description;
  if (typeof t.strict === 'boolean') tool.strict = t.strict;
  return tool;
}

function customTool(raw: unknown, path: string, namePrefix?: string): ToolDefinition {
  const t = parseAt(customToolSchema, raw, path);
  const tool: ToolDefinition = {
    kind: 'custom',
    name: joinNamespaced(namePrefix, t.name),
    inputSchema: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] },
  };
  if (t.description) tool.description = t.description;
  if (t.format !== undefined) tool.format = t.format;
  return tool;
}

/** Decode `tools[]`: function, custom, namespace (flattened), everything else hosted. */
export function decodeTools(tools: Array<Record<string, unknown>>): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  tools.forEach((raw, i) => {
    const path = `tools.${i}`;
    if (raw.type === 'function') out.push(functionTool(raw, path));
    else if (raw.type === 'custom') out.push(customTool(raw, path));
    else if (raw.type === 'namespace') {
      const ns = parseAt(namespaceToolSchema, raw, path);
      const { tools: members, ...nsRest } = ns;
      members.forEach((member, j) => {
        const memberPath = `${path}.tools.${j}`;
        let tool: ToolDefinition;
        if (member.type === 'function') tool = functionTool(member, memberPath, ns.name);
        else if (member.type === 'custom') tool = customTool(member, memberPath, ns.name);
        else throw new InvalidRequestError(`${memberPath}.type: unsupported namespace member type '${member.type}'`, `${memberPath}.type`);
        tool.raw = { ...nsRest, tools: [member] };
        tool.origin = 'responses';
        out.push(tool);
      });
    } else {
      out.push({
        kind: 'hosted',
        name: typeof raw.name === 'string' ? raw.name : raw.type as string,
        inputSchema: EMPTY_SCHEMA,
        raw,
        origin: 'responses',
      });
    }
  });
  return out;
}

/** Decode `tool_choice`; choices the canonical model cannot express are returned as `raw`. */
export function decodeToolChoice(choice: unknown): { choice?: ToolChoice; raw?: unknown } {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return { choice };
  if (choice && typeof choice === 'object') {
    const c = choice as { type?: string; name?: string; namespace?: string };
    if ((c.type === 'function' || c.type === 'custom') && c.name) return { choice: { name: joinNamespaced(c.namespace, c.name) } };
  }
  return { raw: choice };
}

/** Encode canonical tools; namespace members are regrouped, foreign hosted tools dropped. */
export function encodeTools(tools: ToolDefinition[], names: ToolNameMapper): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const namespaces = new Map<string, Record<string, unknown> & { tools: unknown[] }>();
  for (const tool of tools) {
    if (tool.kind === 'hosted') {
      // Only the Responses API can run its own hosted tools; others are dropped (documented).
      if (tool.origin === 'responses' && tool.raw) out.push(tool.raw);
      continue;
    }
    const nsRaw = tool.origin === 'responses' && tool.raw?.type === 'namespace' ? tool.raw : undefined;
    if (nsRaw) {
      const { namespace, name } = splitNamespaced(tool.name);
      if (namespace && namespace === nsRaw.name) {
        let group = namespaces.get(namespace);
        if (!group) {
          group = { ...nsRaw, tools: [] };
          namespaces.set(namespace, group);
          out.push(group);
        }
        group.tools.push(encodeOne(tool, name));
        continue;
      }
    }
    out.push(encodeOne(tool, names.toWire(tool.name)));
  }
  return out;
}

function encodeOne(tool: ToolDefinition, name: string): Record<string, unknown> {
  if (tool.kind === 'custom') {
    const t: Record<string, unknown> = { type: 'custom', name };
    if (tool.description) t.description = tool.description;
    if (tool.format !== undefined) t.format = tool.format;
    return t;
  }
  const t: Record<string, unknown> = { type: 'function', name };
  if (tool.description) t.description = tool.description;
  // `strict` is always explicit: an omitted one may turn strict mode on and rewrite `required` (TD-10).
  t.strict = tool.strict === true;
  t.parameters = tool.inputSchema;
  return t;
}

/** Encode a canonical tool choice; a named choice is `custom` when the named tool is. */
export function encodeToolChoice(
  choice: ToolChoice,
  tools: ToolDefinition[] | undefined,
  names: ToolNameMapper,
): unknown {
  if (typeof choice === 'string') return choice;
  const tool = tools?.find((t) => t.name === choice.name);
  const type = tool?.kind === 'custom' ? 'custom' : 'function';
  if (tool?.origin === 'responses' && tool.raw?.type === 'namespace') {
    // The wire choice names the member without its namespace.
    return { type, name: splitNamespaced(choice.name).name };
  }
  return { type, name: names.toWire(choice.name) };
}

export { OPENAI_TOOL_NAME, ToolNameMapper };
