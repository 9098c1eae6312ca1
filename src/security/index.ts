/**
 * `tokligence/security`: the prompt firewall, PII recognizers and redaction, toxicity scoring,
 * usable on their own, without a gateway. Pure functions over text; no HTTP, no requests.
 */
export { canaryInstruction, containsCanary, newCanary } from './canary.js';
export { ContentFilter, type ContentFilterConfig } from './content-filter.js';
export type { Detector, DetectorResult } from './detector.js';
export { type DetectorRun, type DetectorScore, type DetectorSource, type LazyDetector, runDetectors } from './detector-runner.js';
export { type FirewallConfig, type FirewallMatch, type FirewallResult, PromptFirewall, requestScanInputs, type ScanInput } from './firewall.js';
export { type NormalizationFlag, type NormalizedText, normalizeForScan, stripInvisible } from './normalize.js';
export { createOnnxDetector, type OnnxDetectorOptions, scoreFromLogits } from './onnx-detector.js';
export { BUILTIN_RULES, INJECTION_PACK, JAILBREAK_PACK, PROMPT_EXTRACTION_PACK } from './packs.js';
export * as checksums from './pii/checksums.js';
export { type DetectOptions, detectPii, type PiiEntity } from './pii/detect.js';
export { DEFAULT_PII_TYPES, type PiiType, RECOGNIZERS, type Recognizer } from './pii/recognizers.js';
export { applyRedaction, PiiVault, PLACEHOLDER_RE, type RedactionMode, type RedactOptions, type RedactResult, redactPii } from './pii/redact.js';
export { compileRule, type RuleAction, type RuleConfig, type RuleSeverity, type RuleTarget } from './rules.js';
export { type StreamStep, StreamTextGuard, type StreamTextOptions } from './stream-text.js';
export { scoreToxicity, scoreToxicityWith, TOXICITY_CATEGORIES, type ToxicityCategory, type ToxicityOptions, type ToxicityResult } from './toxicity.js';
