import { stableStringify } from '../core/stable-json.js';
import { InvalidRequestError } from '../core/errors.js';
import type { ChatRequest, Message, ToolCallPart } from '../core/types.js';
import type { ChatResult } from '../core/contracts/index.js';
import type { CallContext, Middleware, Next } from '../core/contracts/index.js';

export interface ToolLoopGuardOptions {
  /** Look for identical consecutive tool calls. */
  duplicateDetection: boolean;
  /** Identical calls in a row that add a warning note to the request. */
  warnAfter: number;
  /** Identical calls in a row that refuse the request. */
  blockAfter: number;
  /** Most tool-call turns since the last human message. */
  maxIterations: number;
}

/** What the guard found in a conversation's tail. */
export interface ToolLoopScan {
  /** The most recent tool call and how many identical calls end the conversation in a row. */
  repeated?: { name: string; count: number };
  /** Assistant turns with tool calls since the last human (non-tool-result) user message. */
  toolTurns: number;
}

/** Same tool, same arguments: name plus key-sorted arguments (raw input for a custom tool). */
export function callSignature(call: ToolCallPart): string {
  return `${call.name}\u0000${call.kind === 'custom' ? (call.input ?? '') : stableStringify(call.arguments)}`;
}

/** A user message a person wrote, as opposed to one that only carries tool results back. */
function isHumanTurn(message: Message): boolean {
  return message.role === 'user' && !message.content.some((p) => p.type === 'tool_result');
}

/**
 * Walk back from the end of the conversation to the last human message: count the tool-call turns
 * and the run of identical calls that ends the conversation (parallel calls in one turn count in
 * order). A human message ends the tail: the user asking again is not a loop.
 */
export function scanToolLoop(messages: readonly Message[]): ToolLoopScan {
  let toolTurns = 0;
  let signature: string | undefined;
  let name = '';
  let count = 0;
  let runOpen = true;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as Message;
    if (isHumanTurn(message)) break;
    if (message.role !== 'assistant') continue;
    const calls = message.content.filter((p): p is ToolCallPart => p.type === 'tool_call');
    if (calls.length === 0) {
      // A plain assistant answer in between breaks the run.
      runOpen = false;
      continue;
    }
    toolTurns++;
    for (let j = calls.length - 1; j >= 0 && runOpen; j--) {
      const call = calls[j] as ToolCallPart;
      const sig = callSignature(call);
      if (signature === undefined) {
        signature = sig;
        name = call.name;
        count = 1;
      } else if (sig === signature) count++;
      else runOpen = false;
    }
  }
  return { ...(signature !== undefined ? { repeated: { name, count } } : {}), toolTurns };
}

/** The note the model reads once it has repeated itself `count` times. */
export function loopWarning(name: string, count: number): string {
  return (
    `[Tokligence tool-loop guard] You have called the tool "${name}" ${count} times in a row with identical arguments. ` +
    'Calling it again the same way will give the same result. Do not repeat it: change the arguments, try a different approach, ' +
    'or answer with what you already have.'
  );
}

/**
 * Guard against agents stuck in a loop (config `tool_calling`).
 *
 * - `warn_after` identical consecutive calls (same name and key-sorted arguments) at the tail of
 *   the conversation: a short note is appended to the last user message (the one carrying the tool
 *   result; the system prompt is left alone so upstream prompt caches stay valid), or to the system
 *   prompt when the conversation ends with an assistant message. Marks `ctx.rewritten`.
 * - `block_after`: the call is refused with a 400 `invalid_request` naming the tool and the count,
 *   rendered in the caller's dialect (`param` = `messages`, `input` for Responses). A 400 because
 *   the request itself is what must change; nothing is retryable about it.
 * - `max_iterations`: more tool-call turns than this since the last human message → the same 400.
 */
export function toolLoopGuardMiddleware(options: ToolLoopGuardOptions): Middleware {
  const guard = async (ctx: CallContext, next: Next): Promise<ChatResult> => {
    const scan = scanToolLoop(ctx.request.messages);
    const param = ctx.dialect === 'responses' ? 'input' : ctx.dialect === 'gemini' ? 'contents' : 'messages';
    if (scan.toolTurns > options.maxIterations)
      throw new InvalidRequestError(
        `${param}: ${scan.toolTurns} tool-call turns since the last user message exceed tool_calling.max_iterations (${options.maxIterations}); the agent appears to be stuck in a loop`,
        param,
      );
    const repeated = scan.repeated;
    if (options.duplicateDetection && repeated && repeated.count >= options.warnAfter) {
      if (repeated.count >= options.blockAfter)
        throw new InvalidRequestError(
          `${param}: the tool "${repeated.name}" was called ${repeated.count} times in a row with identical arguments (tool_calling.block_after is ${options.blockAfter}); the agent appears to be stuck in a loop`,
          param,
        );
      addNote(ctx, loopWarning(repeated.name, repeated.count));
    }
    return next();
  };
  // The guard reads the conversation, never the answer.
  return Object.assign(guard, { ignoresStreamContent: true });
}

function addNote(ctx: CallContext, note: string): void {
  const request: ChatRequest = ctx.request;
  const last = request.messages[request.messages.length - 1];
  if (last?.role === 'user') {
    request.messages = [...request.messages.slice(0, -1), { ...last, content: [...last.content, { type: 'text', text: note }] }];
  } else {
    request.system = [...(request.system ?? []), { type: 'text', text: note }];
  }
  ctx.rewritten = true;
}
