import type { RuleConfig } from '../rules.js';
import { LB, LE, LW } from './lexicon.js';

/** French. */
const IGNORE = "ignore|ignorez|ignores|oublie|oubliez|oublies|laisse\\s+tomber|écarte|écartez|fais\\s+abstraction\\s+de|faites\\s+abstraction\\s+de|ne\\s+(?:tiens|tenez)\\s+(?:plus\\s+)?(?:pas\\s+)?compte\\s+(?:de|des|du)|ne\\s+(?:suis|suivez|respecte|respectez)\\s+plus|arrête\\s+de\\s+(?:suivre|respecter)|passe\\s+outre|mets\\s+de\\s+côté|mets\\s+(?:ta|tes)\\s+\\S+\\s+de\\s+côté";
const EARLIER = "ta|précédentes|precedentes|précédents|antérieures|initiales|d['’]origine|du\\s+départ|de\\s+départ|du\\s+système|qu['’]on\\s+t['’]a\\s+(?:données|donné|dites)|toutes|tous|tes|vos|ton|votre";
const RULES = 'instructions|consignes|directives|règles|regles|restrictions|limites|configuration|prompt|ordres|politiques';

export const FR_RULES: RuleConfig[] = [
  {
    name: 'override-fr',
    pattern:
      `${LB}(?:${IGNORE})${LE}\\s+${LW(4)}(?:${EARLIER})\\s+${LW(2)}(?:${RULES})${LE}` +
      `|${LB}(?:${IGNORE})${LE}\\s+${LW(2)}(?:${RULES})\\s+(?:${EARLIER})${LE}|${LB}(?:${IGNORE})${LE}\\s+(?:de\\s+)?(?:tes|vos)\\s+(?:${RULES})${LE}` +
      `|${LB}(?:${IGNORE})\\s+(?:tout\\s+)?ce\\s+qu['’]on\\s+t['’]a\\s+(?:dit|demandé|ordonné)${LE}|${LB}(?:oublie|oubliez)\\s+tout${LE}(?!\\s+ce\\s+que\\s+(?:tu\\s+sais|vous\\s+savez))`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['igno', 'oubli', 'laisse', 'écart', 'fais', 'faites', 'ne', 'arrête', 'passe', 'mets'],
  },
  {
    name: 'instructions-void-fr',
    pattern: `${LB}(?:les\\s+)?(?:instructions|consignes|directives|règles)\\s+(?:précédentes|antérieures|initiales)\\s+(?:sont|ont\\s+été)\\s+(?:désormais\\s+)?(?:annulées|caduques|nulles|obsolètes|révoquées)|${LB}tout\\s+ce\\s+qui\\s+précède\\s+(?:ce\\s+message\\s+)?(?:est\\s+nul|ne\\s+compte\\s+plus)|${LB}ce\\s+qu['’]on\\s+t['’]a\\s+dit\\s+avant\\s+ne\\s+compte\\s+plus`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['instruct', 'consigne', 'directiv', 'règles', 'tout', 'ce', 'les'],
  },
  {
    name: 'new-task-fr',
    pattern: `${LB}ta\\s+nouvelle\\s+(?:tâche|mission|consigne|instruction)\\s+(?:est|sera)|${LB}(?:désormais|dorénavant|à\\s+partir\\s+de\\s+maintenant)\\s*,?\\s+tu\\s+n['’]obéis\\s+qu['’]à\\s+moi|${LB}c['’]est\\s+moi\\s+qui\\s+donne\\s+les\\s+ordres|${LB}tu\\s+fais\\s+tout\\s+ce\\s+que\\s+je\\s+te\\s+demande`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['ta', 'désormai', 'dorénava', 'partir', 'c', 'tu'],
  },
  {
    name: 'prompt-extraction-fr',
    pattern:
      `${LB}(?:affiche|montre|montre-moi|donne-moi|écris|répète|repete|recopie|copie|colle|colle-le-moi|imprime|révèle|revele|renvoie|renvoie-moi|traduis|résume|liste|dis-moi)${LE}\\s+${LW(4)}(?:ton|tes|le|les)\\s+(?:${LW(1)})?(?:prompt|system\\s+prompt|message\\s+système|instructions\\s+(?:cachées|initiales|d['’]origine|système|internes)|règles\\s+internes|configuration\\s+(?:initiale|interne))` +
      `|${LB}(?:ton\\s+)?prompt\\s+système\\s+(?:en\\s+entier|complet|tel\\s+quel)|${LB}(?:répète|repete|recopie|écris|dis-moi|montre-moi)${LE}\\s+${LW(4)}(?:les\\s+)?instructions\\s+que\\s+tu\\s+as\\s+reçues|${LB}mets\\s+(?:ta|tes)\\s+(?:configuration|consignes|règles|instructions)\\s+de\\s+côté|${LB}avec\\s+quel\\s+prompt\\s+(?:est-ce\\s+qu['’])?on\\s+t['’]a\\s+configuré|${LB}(?:tout\\s+)?le\\s+texte\\s+qui\\s+se\\s+trouve\\s+avant\\s+mon\\s+premier\\s+message`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
    anchors: ['affiche', 'montre', 'donne', 'écris', 'répète', 'repete', 'recopie', 'copie', 'colle', 'imprime', 'révèle', 'revele', 'renvoie', 'traduis', 'résume', 'liste', 'dis', 'prompt', 'avec', 'tout', 'le'],
  },
  {
    name: 'persona-without-limits-fr',
    pattern:
      `${LB}(?:tu\\s+es|tu\\s+seras|fais\\s+comme\\s+si\\s+tu\\s+étais|joue|incarne|tu\\s+vas\\s+incarner)${LE}\\s+(?:\\S+\\s+){0,12}?(?:sans\\s+(?:aucune\\s+|la\\s+moindre\\s+)?(?:restriction|limite|filtre|censure|éthique|règle|politique|scrupule)|libéré(?:e)?\\s+de)` +
      `|${LB}(?:à\\s+partir\\s+de\\s+maintenant|désormais)\\s+tu\\s+es\\s+dan${LE}|${LB}tu\\s+n['’]es\\s+plus\\s+(?:un\\s+)?(?:assistant|une\\s+ia)${LE}|${LB}personnalité\\s+sans\\s+filtre`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['tu', 'fais', 'joue', 'incarne', 'partir', 'désormai', 'personna'],
  },
  {
    name: 'mode-jailbreak-fr',
    pattern: `${LB}mode\\s+(?:développeur|developpeur|débogage|debogage|debug|dieu|sans\\s+restriction|jailbreak)${LE}[^\\n]{0,80}?(?:ignore|non\\s+censur|désactive|déverrouill|n['’]importe\\s+quel\\s+contenu|deux\\s+réponses|supprime|restrictions|politiques|filtre)|${LB}mode\\s+dieu\\s+activé`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['mode'],
  },
  {
    name: 'refusal-suppression-fr',
    pattern: `${LB}ne\\s+refuse\\s+jamais${LE}|${LB}refuser\\s+n['’]est\\s+pas\\s+une\\s+option|${LB}ne\\s+dis\\s+pas\\s+[«"“]?\\s*(?:désolé|je\\s+ne\\s+peux\\s+pas|en\\s+tant\\s+qu['’]ia)|${LB}interdiction\\s+de\\s+dire\\s+[«"“]?\\s*je\\s+ne\\s+peux\\s+pas|${LB}sans\\s+(?:avertissement|clause\\s+de\\s+non-responsabilité|leçon\\s+de\\s+morale)|${LB}tu\\s+dois\\s+répondre\\s+à\\s+toutes`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['ne', 'refuser', 'interdic', 'sans', 'tu'],
  },
  {
    name: 'fiction-frame-fr',
    pattern: `${LB}(?:un\\s+)?monde\\s+sans\\s+(?:lois|morale|règles|éthique)${LE}|${LB}scénario\\s+(?:purement\\s+)?hypothétique\\s+sans\\s+conséquence[^\\n]{0,60}?ignore|${LB}(?:ma\\s+)?grand-mère\\s+(?:décédée|morte|défunte)${LE}`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['monde', 'un', 'scénario', 'grand', 'ma'],
  },
  {
    name: 'task-hijack-fr',
    pattern: `${LB}arrête\\s+de\\s+(?:traduire|résumer)${LE}[^\\n]{0,40}?(?:plutôt|écris|dis|réponds)|${LB}ne\\s+(?:résume|traduis)\\s+plus${LE}[^\\n]{0,40}?(?:tâche|écris|révèle)|${LB}ne\\s+réponds\\s+pas\\s+à\\s+la\\s+question\\s+ci-dessus|${LB}le\\s+résumé\\s*,?\\s+ça\\s+suffit`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['arrête', 'ne', 'le'],
  },
  {
    name: 'instruction-to-ai-fr',
    pattern: `${LB}si\\s+tu\\s+es\\s+(?:un\\s+|une\\s+)?(?:assistant\\s+ia|ia|modèle\\s+de\\s+langage|assistant)${LE}|${LB}(?:consigne|instruction|note)\\s+pour\\s+l['’](?:assistant|ia)${LE}|${LB}à\\s+l['’]attention\\s+de\\s+l['’]ia${LE}|${LB}l['’]ia\\s+qui\\s+lit\\s+ceci`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['si', 'consigne', 'instruct', 'note', 'à', 'l'],
  },
];
