/** The tiny injection detector model's bytes (see tiny-onnx.mjs). */
export function tinyModel(): Uint8Array;
/** Word-level tokenizer for the tiny model: "ignore" and "disregard" are id 3, every other word 0. */
export function tokenize(text: string): { inputIds: number[]; attentionMask: number[] };
