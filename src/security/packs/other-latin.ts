import type { RuleConfig } from '../rules.js';

/** Italian, Dutch, Polish and Croatian / Serbian / Bosnian: the common override forms. */
export const OTHER_LATIN_RULES: RuleConfig[] = [
  {
    name: 'override-instructions-other-latin',
    pattern:
      '\\b(?:dimentica|ignora)(?:te|re)?\\s+(?:tutt[eoia]\\s+)?(?:le\\s+)?(?:(?:tue|sue|vostre|precedenti)\\s+)?(?:istruzioni|regole)\\b|\\bdimentica(?:te)?\\s+tutto\\b' +
      '|\\b(?:vergeet|negeer)\\s+(?:al(?:le)?\\s+)?(?:de\\s+|je\\s+|jouw\\s+|uw\\s+)?(?:vorige\\s+|eerdere\\s+)?(?:instructies|regels|opdrachten)\\b|\\bvergeet\\s+alles\\b' +
      '|\\b(?:zapomnij|zignoruj|ignoruj)\\s+(?:o\\s+)?(?:wszystk\\w*\\s+)?(?:poprzedni\\w*\\s+|swoje\\s+|twoje\\s+)?(?:instrukcj\\w*|poleceni\\w*|zasady)|\\bzapomnij\\s+o\\s+wszystkim\\b' +
      '|\\b(?:zaboravi(?:te)?|ignoriraj(?:te)?|ignoriši|ignorisi)\\s+(?:sve\\s+)?(?:prethodne\\s+|svoje\\s+)?(?:instrukcije|upute|uputstva|naredbe|pravila)\\b|\\bzaboravi(?:te)?\\s+sve\\b',
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['dimentic', 'igno', 'vergeet', 'negeer', 'zapomnij', 'zign', 'zaboravi'],
  },
];
