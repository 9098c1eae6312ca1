import type { Detector } from './detector.js';
import { normalizeForScan } from './normalize.js';

/**
 * A lexicon scorer for four harm categories. Terms are weighted phrases, mostly aimed at a person
 * ("kill you", not "kill a process"), so harmless homonyms stay below the threshold. Scores are a
 * noisy-OR of the weights found, per category. For better recall plug in an ML `Detector`.
 */
export type ToxicityCategory = 'hate_speech' | 'violence' | 'sexual_content' | 'self_harm';
export const TOXICITY_CATEGORIES: ToxicityCategory[] = ['hate_speech', 'violence', 'sexual_content', 'self_harm'];

const PERSON = '(?:you|u|him|her|them|people|everyone|everybody|kids|children|women|men|your\\s+\\w+|my\\s+(?:wife|husband|boss|neighbou?r|teacher|family|mom|dad|brother|sister))';
const GROUP =
  '(?:jews?|muslims?|christians?|blacks?|whites?|asians?|arabs?|mexicans?|immigrants?|refugees?|gays?|lesbians?|trans(?:gender)?\\s*(?:people)?|women|females|hindus?|africans?|latinos?|chinese|indians?|disabled\\s+people)';

const LEXICON: Record<ToxicityCategory, Array<[RegExp, number]>> = {
  violence: [
    [new RegExp(`\\b(?:i(?:'ll|\\s+will|\\s+am\\s+going\\s+to|\\s+want\\s+to|\\s+wanna)|let'?s|gonna)\\s+(?:kill|murder|stab|shoot|strangle|behead|slaughter|torture|beat\\s+up|hurt)\\s+${PERSON}`), 0.9],
    [new RegExp(`\\b(?:kill|murder|stab|shoot|strangle|behead|slaughter|torture|massacre)\\s+(?:all\\s+(?:the\\s+)?)?${PERSON}\\b`), 0.6],
    [new RegExp(`\\b(?:kill|murder|exterminate|slaughter|gas|shoot)\\s+(?:all\\s+(?:the\\s+)?|every\\s+)?${GROUP}\\b`), 0.9],
    [/\b(?:blow\s+up|bomb|shoot\s+up)\s+(?:the|a|this|that|my|our)\s+(?:school|church|mosque|synagogue|office|building|mall|crowd|airport|station|concert)\b/, 0.9],
    [/\b(?:mass\s+shooting|school\s+shooting|terrorist\s+attack|ethnic\s+cleansing|genocide)\b/, 0.35],
    [/\b(?:bloodbath|massacre|decapitat\w+|dismember\w*|mutilat\w+|disembowel\w*)\b/, 0.4],
    [/\b(?:i\s+hope\s+you\s+die|you\s+(?:should|deserve\s+to)\s+die|die\s+in\s+a\s+fire)\b/, 0.8],
  ],
  self_harm: [
    [/\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|hang|hanging|starve|starving)\s+myself\b/, 0.8],
    [/\b(?:end|ending|take|taking)\s+my\s+(?:own\s+)?life\b/, 0.8],
    [/\b(?:commit(?:ting)?\s+suicide|suicidal|suicide\s+(?:method|plan|note))\b/, 0.7],
    [/\bi\s+(?:want|wanna|wish)\s+(?:to\s+)?(?:die|be\s+dead|disappear\s+forever)\b/, 0.7],
    [/\b(?:self[-\s]?harm(?:ing)?|overdos(?:e|ing)\s+on\s+purpose|slit(?:ting)?\s+my\s+wrists?)\b/, 0.7],
    [/\b(?:best|easiest|painless|quickest)\s+way\s+to\s+(?:die|kill\s+myself|commit\s+suicide)\b/, 0.9],
    [/\b(?:kill\s+yourself|kys|go\s+die)\b/, 0.8],
  ],
  sexual_content: [
    [/\b(?:porn(?:o|ography|hub)?|xxx|hentai|nsfw)\b/, 0.45],
    [/\b(?:blowjob|handjob|cumshot|deepthroat|gangbang|creampie|anal\s+sex|oral\s+sex|orgasm\w*|masturbat\w+|dildo|erotic\s+(?:story|roleplay))\b/, 0.7],
    [/\b(?:fuck|fucking|suck|lick|ride)\s+(?:me|my|your|his|her)\s+(?:hard|pussy|cock|dick|tits|ass|clit)\b/, 0.9],
    [/\b(?:pussy|cock|dick|tits|boobs|clit|cunt)\b/, 0.35],
    [/\b(?:naked|nude|sexy|horny|explicit)\s+(?:pics?|photos?|pictures?|images?|videos?|selfies?|scene|content|sex)\b/, 0.6],
    [/\b(?:have|having|had)\s+sex\s+with\b/, 0.45],
    [/\b(?:child|minor|underage|kid|teen)\s*(?:porn|sex|nudes?)\b/, 1],
  ],
  hate_speech: [
    [new RegExp(`\\b(?:all\\s+|those\\s+|these\\s+|the\\s+)?${GROUP}\\s+(?:are|r)\\s+(?:(?:all|just|nothing\\s+but)\\s+)?(?:animals|vermin|subhuman|parasites|cockroaches|rats|scum|filth|inferior|savages|terrorists|criminals|disgusting|a\\s+disease|a\\s+plague)\\b`), 0.9],
    [new RegExp(`\\b(?:i\\s+hate|death\\s+to|get\\s+rid\\s+of|deport\\s+all|ban\\s+all)\\s+(?:all\\s+|the\\s+)?${GROUP}\\b`), 0.8],
    [/\b(?:subhuman|untermensch|inferior\s+race|master\s+race|race\s+traitor|white\s+power|heil\s+hitler|go\s+back\s+to\s+your\s+(?:own\s+)?country)\b/, 0.7],
    [/\b(?:n[i1]gg(?:er|a)s?|f[a4]gg?[o0]ts?|k[i1]kes?|sp[i1]cs?|ch[i1]nks?|wetbacks?|tr[a4]nn(?:y|ies)|retards?|raghead|sandn[i1]gg\w*|coons?)\b/, 0.85],
    [new RegExp(`\\b${GROUP}\\s+(?:should|must|need\\s+to)\\s+(?:all\\s+)?(?:die|be\\s+(?:killed|exterminated|gassed|deported|banned|eliminated))\\b`), 0.95],
  ],
};

export interface ToxicityResult {
  /** 0..1 per category. */
  scores: Record<ToxicityCategory, number>;
  /** Categories at or above their threshold. */
  flagged: ToxicityCategory[];
  /** The highest score. */
  score: number;
  matches: Array<{ category: ToxicityCategory; text: string }>;
}

export interface ToxicityOptions {
  /** Default 0.5; a number applies to every category, a record per category. */
  threshold?: number | Partial<Record<ToxicityCategory, number>>;
  categories?: readonly ToxicityCategory[];
}

/** Score text for the four harm categories. */
export function scoreToxicity(text: string, options: ToxicityOptions = {}): ToxicityResult {
  const norm = normalizeForScan(text).text;
  const categories = options.categories ?? TOXICITY_CATEGORIES;
  const scores = { hate_speech: 0, violence: 0, sexual_content: 0, self_harm: 0 } as Record<ToxicityCategory, number>;
  const matches: ToxicityResult['matches'] = [];
  for (const category of categories) {
    let s = 0;
    for (const [re, weight] of LEXICON[category]) {
      const m = re.exec(norm);
      if (!m) continue;
      s = 1 - (1 - s) * (1 - weight);
      matches.push({ category, text: m[0] });
    }
    scores[category] = Math.round(s * 1000) / 1000;
  }
  const thresholdOf = (c: ToxicityCategory) => (typeof options.threshold === 'number' ? options.threshold : (options.threshold?.[c] ?? 0.5));
  const flagged = categories.filter((c) => scores[c] >= thresholdOf(c));
  return { scores, flagged, score: Math.max(...categories.map((c) => scores[c]), 0), matches };
}

/** Combine a lexicon result with an ML detector whose `labels` name the categories. */
export async function scoreToxicityWith(detector: Detector, text: string, options: ToxicityOptions = {}): Promise<ToxicityResult> {
  const base = scoreToxicity(text, options);
  const r = await detector.detect(text);
  for (const c of options.categories ?? TOXICITY_CATEGORIES) {
    const ml = r.labels?.[c] ?? (r.label === c ? r.score : 0);
    base.scores[c] = Math.max(base.scores[c], ml);
  }
  const thresholdOf = (c: ToxicityCategory) => (typeof options.threshold === 'number' ? options.threshold : (options.threshold?.[c] ?? 0.5));
  base.flagged = (options.categories ?? TOXICITY_CATEGORIES).filter((c) => base.scores[c] >= thresholdOf(c));
  base.score = Math.max(...Object.values(base.scores));
  return base;
}
