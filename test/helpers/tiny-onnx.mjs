// A tiny ONNX model written as protobuf bytes (no model download) and its word-level tokenizer:
// logits = max(float(input_ids)) · [-1, 1] + [1.5, -1.5]. Used by test/onnx (vitest) and by
// test/consumers/peers.mjs (onnxruntime-node at both ends of its peer range). Plain JS so the
// consumer script can import it without a TypeScript loader.
const varint = (n) => {
  const out = [];
  let v = n;
  while (v > 127) {
    out.push(v & 127 | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
};
const key = (field, wire) => varint(field << 3 | wire);
const int = (field, n) => [...key(field, 0), ...varint(n)];
const bytes = (field, b) => [...key(field, 2), ...varint(b.length), ...b];
const str = (field, s) => bytes(field, [...Buffer.from(s, "utf8")]);
const floats = (field, xs) => bytes(field, [...new Uint8Array(Float32Array.from(xs).buffer)]);
const FLOAT = 1;
const INT64 = 7;
const valueInfo = (name, elem, dim) => [
  ...str(1, name),
  ...bytes(2, bytes(1, [...int(1, elem), ...bytes(2, [...bytes(1, int(1, 1)), ...bytes(1, typeof dim === "number" ? int(1, dim) : str(2, dim))])]))
];
const node = (op, inputs, outputs, attrs = []) => [...inputs.flatMap((i) => str(1, i)), ...outputs.flatMap((o) => str(2, o)), ...str(3, `${op}_node`), ...str(4, op), ...attrs.flatMap((a) => bytes(5, a))];
const attrInt = (name, v) => [...str(1, name), ...int(20, 2), ...int(3, v)];
const attrInts = (name, vs) => [...str(1, name), ...int(20, 7), ...vs.flatMap((v) => int(8, v))];
const tensor = (name, dims, data) => [...dims.flatMap((d) => int(1, d)), ...int(2, FLOAT), ...floats(4, data), ...str(8, name)];
function tinyModel() {
  const graph = [
    ...bytes(1, node("Cast", ["input_ids"], ["ids_f"], [attrInt("to", FLOAT)])),
    ...bytes(1, node("ReduceMax", ["ids_f"], ["m"], [attrInts("axes", [1]), attrInt("keepdims", 1)])),
    ...bytes(1, node("MatMul", ["m", "W"], ["scaled"])),
    ...bytes(1, node("Add", ["scaled", "B"], ["logits"])),
    ...str(2, "tiny-injection-detector"),
    ...bytes(5, tensor("W", [1, 2], [-1, 1])),
    ...bytes(5, tensor("B", [2], [1.5, -1.5])),
    ...bytes(11, valueInfo("input_ids", INT64, "n")),
    ...bytes(11, valueInfo("attention_mask", INT64, "n")),
    ...bytes(12, valueInfo("logits", FLOAT, 2))
  ];
  return Uint8Array.from([...int(1, 8), ...str(2, "tokligence-test"), ...bytes(7, graph), ...bytes(8, [...str(1, ""), ...int(2, 13)])]);
}
const tokenize = (text) => {
  const ids = text.toLowerCase().split(/\W+/).filter(Boolean).map((w) => w === "ignore" || w === "disregard" ? 3 : 0);
  return { inputIds: ids.length ? ids : [0], attentionMask: (ids.length ? ids : [0]).map(() => 1) };
};
export {
  tinyModel,
  tokenize
};
