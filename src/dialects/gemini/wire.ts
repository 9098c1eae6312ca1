import { jsonObject } from '../shared/zod-error.js';
/**
 * Zod schemas and types of the Gemini `generateContent` REST wire format (v1beta). Names mirror
 * the wire exactly (camelCase JSON of the proto). Schemas are loose: unknown keys are kept so a
 * same-dialect round trip loses nothing, and the decoder decides what goes to `extensions.gemini`.
 */
import { z } from 'zod';
import { GEMINI_TOOL_NAME } from '../shared/tool-names.js';

/** The data fields of a Part: exactly one of them must be set. */
export const PART_DATA_FIELDS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
] as const;

export const wireInlineData = z.looseObject({ mimeType: z.string().min(1), data: z.string() });
export const wireFileData = z.looseObject({ mimeType: z.string().optional(), fileUri: z.string().min(1) });

export const wireFunctionCall = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1),
  args: jsonObject().nullish(),
});
export type WireFunctionCall = z.infer<typeof wireFunctionCall>;

export const wireFunctionResponse = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1),
  response: jsonObject(),
});
export type WireFunctionResponse = z.infer<typeof wireFunctionResponse>;

export const wirePart = z
  .looseObject({
    text: z.string().optional(),
    thought: z.boolean().optional(),
    thoughtSignature: z.string().optional(),
    inlineData: wireInlineData.optional(),
    fileData: wireFileData.optional(),
    functionCall: wireFunctionCall.optional(),
    functionResponse: wireFunctionResponse.optional(),
    executableCode: z.unknown().optional(),
    codeExecutionResult: z.unknown().optional(),
  })
  .superRefine((part, ctx) => {
    const set = PART_DATA_FIELDS.filter((k) => part[k] !== undefined);
    if (set.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `a part must set exactly one of ${PART_DATA_FIELDS.join(', ')} (found ${set.length === 0 ? 'none' : set.join(', ')})`,
      });
  });
export type WirePart = z.infer<typeof wirePart>;

export const wireContent = z.looseObject({
  role: z.enum(['user', 'model']).optional(),
  parts: z.array(wirePart).min(1),
});
export type WireContent = z.infer<typeof wireContent>;

/** systemInstruction: a Content whose parts are text (role ignored); a bare string is tolerated. */
export const wireSystemInstruction = z.union([
  z.string(),
  z.looseObject({ role: z.string().optional(), parts: z.array(z.looseObject({ text: z.string() })) }),
]);

export const wireFunctionDeclaration = z.looseObject({
  name: z.string().regex(GEMINI_TOOL_NAME.pattern, 'must start with a letter or _ and use a-z, A-Z, 0-9, _ . : - (max 64)'),
  description: z.string().optional(),
  parameters: jsonObject().optional(),
  parametersJsonSchema: z.unknown().optional(),
});
export type WireFunctionDeclaration = z.infer<typeof wireFunctionDeclaration>;

/** A Tool: function declarations, or one of Gemini's hosted tools (googleSearch, codeExecution…). */
export const wireTool = z.looseObject({ functionDeclarations: z.array(wireFunctionDeclaration).optional() });
export type WireTool = z.infer<typeof wireTool>;

export const wireFunctionCallingMode = z.enum(['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED']);

export const wireToolConfig = z.looseObject({
  functionCallingConfig: z
    .looseObject({
      mode: wireFunctionCallingMode.optional(),
      allowedFunctionNames: z.array(z.string()).optional(),
    })
    .optional(),
});
export type WireToolConfig = z.infer<typeof wireToolConfig>;

export const wireThinkingConfig = z.looseObject({
  thinkingBudget: z.number().int().optional(),
  includeThoughts: z.boolean().optional(),
  thinkingLevel: z.string().optional(),
});

export const wireGenerationConfig = z.looseObject({
  stopSequences: z.array(z.string()).optional(),
  responseMimeType: z.string().optional(),
  responseSchema: jsonObject().optional(),
  responseJsonSchema: z.unknown().optional(),
  candidateCount: z.number().int().min(1).optional(),
  maxOutputTokens: z.number().int().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  topK: z.number().int().min(1).optional(),
  seed: z.number().int().optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  thinkingConfig: wireThinkingConfig.optional(),
});
export type WireGenerationConfig = z.infer<typeof wireGenerationConfig>;

export const wireRequest = z.looseObject({
  /** Not part of the REST body (the model is in the URL); tolerated for callers that send it. */
  model: z.string().optional(),
  contents: z.array(wireContent).min(1),
  systemInstruction: wireSystemInstruction.optional(),
  tools: z.array(wireTool).optional(),
  toolConfig: wireToolConfig.optional(),
  safetySettings: z.array(z.unknown()).optional(),
  generationConfig: wireGenerationConfig.optional(),
  cachedContent: z.string().optional(),
});
export type WireRequest = z.infer<typeof wireRequest>;

export const wireUsageMetadata = z.looseObject({
  promptTokenCount: z.number().optional(),
  cachedContentTokenCount: z.number().optional(),
  candidatesTokenCount: z.number().optional(),
  thoughtsTokenCount: z.number().optional(),
  toolUsePromptTokenCount: z.number().optional(),
  totalTokenCount: z.number().optional(),
});
export type WireUsageMetadata = z.infer<typeof wireUsageMetadata>;

/**
 * A function call in an answer. With `streamFunctionCallArguments` a call arrives in pieces: the
 * first with `name` and `willContinue: true`, then `partialArgs` (a JSON path and a value each),
 * the last without `willContinue`; so nothing but the shape is required here.
 */
export const wireResponseFunctionCall = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  args: jsonObject().nullish(),
  partialArgs: z
    .array(
      z.looseObject({
        jsonPath: z.string().optional(),
        stringValue: z.string().optional(),
        numberValue: z.number().optional(),
        boolValue: z.boolean().optional(),
        nullValue: z.unknown().optional(),
        willContinue: z.boolean().optional(),
      }),
    )
    .optional(),
  willContinue: z.boolean().optional(),
});
export type WireResponseFunctionCall = z.infer<typeof wireResponseFunctionCall>;

/**
 * Response parts are read leniently (no exactly-one check): an upstream answer is not the caller's
 * fault. Each part is read on its own (see GeminiPartSequencer), so one odd part is skipped, not fatal.
 */
export const wireResponsePart = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  inlineData: wireInlineData.optional(),
  fileData: wireFileData.optional(),
  functionCall: wireResponseFunctionCall.optional(),
});
export type WireResponsePart = z.infer<typeof wireResponsePart>;

export const wireCandidate = z.looseObject({
  content: z.looseObject({ role: z.string().optional(), parts: z.array(z.unknown()).optional() }).optional(),
  finishReason: z.string().optional(),
  index: z.number().optional(),
});

export const wireResponse = z.looseObject({
  candidates: z.array(wireCandidate).optional(),
  promptFeedback: z.looseObject({ blockReason: z.string().optional() }).optional(),
  usageMetadata: wireUsageMetadata.optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
});
export type WireResponse = z.infer<typeof wireResponse>;

/** `{error:{code,message,status}}`, the google.rpc.Status envelope. */
export const wireError = z.looseObject({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.unknown()).optional(),
  }),
});
export type WireError = z.infer<typeof wireError>;

/** Prefix of tool-call ids we mint when Gemini sent none; such ids are never sent back to Gemini. */
export const MINTED_CALL_ID_PREFIX = 'call_gm';

/** Documented sentinel that lets Gemini 3 accept a replayed function call that has no signature. */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';
