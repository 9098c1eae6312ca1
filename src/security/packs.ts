import type { RuleConfig } from './rules.js';
import { ANY_LANGUAGE_RULES } from './packs/any-language.js';
import { AR_RULES } from './packs/ar.js';
import { DE_RULES } from './packs/de.js';
import { EN_EXTRACTION } from './packs/en-extraction.js';
import { EN_INJECTION } from './packs/en-injection.js';
import { EN_JAILBREAK } from './packs/en-jailbreak.js';
import { ES_RULES } from './packs/es.js';
import { FR_RULES } from './packs/fr.js';
import { HI_RULES } from './packs/hi.js';
import { JA_RULES } from './packs/ja.js';
import { KO_RULES } from './packs/ko.js';
import { OTHER_LATIN_RULES } from './packs/other-latin.js';
import { PT_RULES } from './packs/pt.js';
import { RU_RULES } from './packs/ru.js';
import { ZH_RULES } from './packs/zh.js';

/**
 * Built-in rule packs, one file per language under packs/. Written from the published taxonomies
 * of attacks (instruction override, persona / "mode" jailbreaks, refusal suppression, prompt
 * leaking, delimiter spoofing, instructions hidden in data), not from any evaluation set.
 * Patterns match normalised lower-case text (see normalize.ts).
 *
 * Precision first: a rule that blocks on its own needs strong evidence (an instruction to override
 * the assistant's earlier instructions, a prompt-extraction request, a jailbreak frame); weak
 * signals are `flag` with a low or medium severity and add up in the score. Every built-in rule is
 * `contextual`: quoted, translated, coded or asked-about words count for less (context.ts).
 */
const ALL = [
  ...EN_INJECTION,
  ...EN_JAILBREAK,
  ...EN_EXTRACTION,
  ...ANY_LANGUAGE_RULES,
  ...ZH_RULES,
  ...JA_RULES,
  ...KO_RULES,
  ...ES_RULES,
  ...FR_RULES,
  ...DE_RULES,
  ...RU_RULES,
  ...PT_RULES,
  ...AR_RULES,
  ...HI_RULES,
  ...OTHER_LATIN_RULES,
].map((r): RuleConfig => ({ contextual: true, ...r }));

const inCategory = (c: string) => ALL.filter((r) => r.category === c);

/** Overriding instructions, in every language we scan. */
export const INJECTION_PACK: RuleConfig[] = inCategory('prompt_injection');
/** Jailbreak frames: personas without limits, special modes, refusal suppression, fiction. */
export const JAILBREAK_PACK: RuleConfig[] = inCategory('jailbreak');
/** Prompt extraction: asking for the system prompt or the text before the conversation. */
export const PROMPT_EXTRACTION_PACK: RuleConfig[] = inCategory('prompt_extraction');

/** Every built-in rule, in pack order. */
export const BUILTIN_RULES: RuleConfig[] = [...INJECTION_PACK, ...JAILBREAK_PACK, ...PROMPT_EXTRACTION_PACK];
