import type { RuleConfig } from '../rules.js';
import { LB, LE, LW } from './lexicon.js';

/** German (a quarter of deepset's set is German; several English rules carry German forms too). */
const OBJ = 'anweisungen|anweisung|instruktionen|vorgaben|regeln|richtlinien|einschränkungen|beschränkungen|systemprompt|system-prompt|konfiguration|befehle';

export const DE_RULES: RuleConfig[] = [
  {
    name: 'override-previous-instructions-de',
    pattern:
      '(?:\\b(?:ignorier\\w*|vergiss|vergessen\\s+sie|missacht\\w*)|(?<![\\wäöüß])übergeh[\\wäöüß]*)\\s+(?:[\\wäöüß]+\\s+){0,4}(?:anweisung\\w*|instruktion\\w*|befehl\\w*|aufgabe\\w*|auftr[aä]g\\w*|regeln|vorgaben|informationen|alles|das\\s+obige|obige\\w*|vorherig\\w*|bisherig\\w*|davor)' +
      '|\\b(?:ignorier|vergiss|vergesst|vergessen)[\\wäöüß]*\\s*,?\\s+(?:alles\\s*,?\\s*)?was\\s+(?:[\\wäöüß]+\\s+){0,3}?(?:oben|davor|vorher|zuvor|bisher)\\b|\\bvergessen\\s+wir\\s+(?:das\\s+)?alles\\b' +
      // Deleting or skipping what came before, and "no longer follow".
      '|(?:\\b(?:lösch|entfern|streich|verwirf|verwerf)|(?<![\\wäöüß])überspring)[\\wäöüß]*\\s+(?:sie\\s+)?(?:alle\\s+|die\\s+|deine\\s+|ihre\\s+)?(?:vorherig|bisherig|obig|früher|vorig|bestehend)[\\wäöüß]*\\s+(?:anweisung|instruktion|aufgabe|befehl|regel|vorgabe)' +
      '|\\b(?:beacht|befolg)[\\wäöüß]*\\s+(?:[\\wäöüß]+\\s+){0,4}?(?:anweisung|instruktion|aufgabe|befehl|regel|vorgabe)[\\wäöüß]*\\s+nicht\\s+mehr\\b',
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['ignorier', 'vergiss', 'vergesse', 'vergesst', 'missacht', 'übergeh', 'lösch', 'lösche', 'entfern', 'streich', 'überspri', 'verwirf', 'verwerf', 'beacht', 'befolg'],
  },
  {
    name: 'new-task-de',
    pattern: '\\b(?:alle\\s+)?(?:vorherigen|bisherigen|vorigen|obigen)\\s+(?:informationen|anweisungen|instruktionen|aufgaben|befehle)\\b|\\babweichend\\s+(?:zu|von)\\b|\\b(?:neue|nächste)\\s+(?:aufgabe|anweisung|herausforderung|instruktion)\\b|\\bjetzt\\s+(?:bist\\s+du|sollst\\s+du|musst\\s+du)\\b|\\b(?:du\\s+bist|sie\\s+sind)\\s+(?:jetzt|nun|ab\\s+sofort)\\b|\\bnun\\s+(?:konzentrier\\w*|fokussier\\w*)',
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['vorherig', 'bisherig', 'vorigen', 'obigen', 'abweiche', 'neue', 'nächste', 'jetzt', 'bist', 'sind', 'nun'],
  },
  {
    name: 'override-de-more',
    pattern:
      `${LB}(?:halte?\\s+dich|haltet\\s+euch|halten\\s+sie\\s+sich)\\s+nicht\\s+mehr\\s+an\\s+${LW(3)}(?:${OBJ})` +
      `|${LB}setz(?:e|t)?\\s+dich\\s+über\\s+${LW(2)}(?:${OBJ})\\s+hinweg|${LB}lass\\s+(?:deine|die)\\s+(?:einstellungen|regeln|vorgaben|anweisungen)\\s+(?:mal\\s+)?(?:kurz\\s+)?beiseite` +
      `|${LB}alles\\s*,?\\s+was\\s+(?:man\\s+)?dir\\s+(?:vor\\s+dieser\\s+nachricht\\s+|vorher\\s+|zuvor\\s+)?(?:gesagt|vorgegeben|aufgetragen)\\s+(?:wurde|hat)\\s*,?\\s+(?:zählt|gilt)\\s+nicht\\s+mehr|${LB}was\\s+man\\s+dir\\s+vorher\\s+gesagt\\s+hat\\s*,?\\s+zählt\\s+nicht`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['halte', 'halt', 'haltet', 'halten', 'setz', 'setze', 'setzt', 'lass', 'alles', 'was'],
  },
  {
    name: 'new-task-de-more',
    pattern: `${LB}deine\\s+neue\\s+aufgabe\\s*(?:ist|:)|${LB}ab\\s+sofort\\s+gehorchst\\s+du\\s+nur|${LB}jetzt\\s+bestimme\\s+ich${LE}|${LB}(?:machst|tust)\\s+(?:du\\s+)?(?:alles\\s+|nur\\s+)?,?\\s*was\\s+ich\\s+sage`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['deine', 'ab', 'jetzt', 'machst', 'tust'],
  },
  {
    name: 'prompt-extraction-de',
    pattern:
      `${LB}(?:gib|zeig|zeige|schreib|schreibe|wiederhole|kopiere|kopier|drucke|verrate|nenne|übersetze|fasse|liste)${LE}\\s+${LW(4)}(?:deinen|deine|dein|den|die)\\s+(?:${LW(1)})?(?:systemprompt|system-prompt|system\\s+prompt|prompt|systemnachricht|versteckten\\s+anweisungen|ursprünglichen\\s+anweisungen|internen\\s+regeln|anfänglichen\\s+anweisungen)` +
      `|${LB}(?:deinen\\s+)?(?:system-?prompt|systemprompt)\\s+(?:vollständig|komplett|wortwörtlich|unverändert)|${LB}(?:wiederhole|kopiere|schreib|gib)${LE}\\s+${LW(4)}(?:die\\s+)?anweisungen\\s*,?\\s+die\\s+du\\s+(?:\\S+\\s+){0,5}?(?:erhalten|bekommen)\\s+hast|${LB}mit\\s+welchem\\s+prompt\\s+hat\\s+man\\s+dich|${LB}(?:den\\s+)?(?:gesamten\\s+)?text\\s*,?\\s+der\\s+vor\\s+meiner\\s+ersten\\s+nachricht\\s+steht`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
    anchors: ['gib', 'zeig', 'zeige', 'schreib', 'schreibe', 'wiederho', 'kopiere', 'kopier', 'drucke', 'verrate', 'nenne', 'übersetz', 'fasse', 'liste', 'deinen', 'systempr', 'system', 'mit', 'den', 'text'],
  },
  {
    name: 'persona-without-limits-de',
    pattern:
      `${LB}(?:du\\s+bist|du\\s+spielst|tu\\s+so\\s*,?\\s+als\\s+wärst\\s+du|spiel|sei)${LE}\\s+(?:\\S+\\s+){0,12}?(?:ohne\\s+(?:jegliche\\s+|irgendwelche\\s+)?(?:einschränkung|beschränkung|grenzen|filter|zensur|ethik|moral|regeln|richtlinien|bedenken)|befreit\\s+(?:von|ist)|ungefiltert|unzensiert)` +
      `|${LB}ab\\s+jetzt\\s+bist\\s+du\\s+dan${LE}|${LB}du\\s+bist\\s+kein\\s+assistent\\s+mehr${LE}|${LB}ungefilterte\\s+persönlichkeit`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['du', 'tu', 'spiel', 'sei', 'ab', 'ungefilt'],
  },
  {
    name: 'mode-jailbreak-de',
    pattern: `${LB}(?:entwicklermodus|entwickler-modus|debug-modus|debugmodus|gottmodus|gott-modus)${LE}[^\\n]{0,80}?(?:ignorier|unzensiert|abschalt|schalte|entsperrt|beliebige\\s+inhalte|zwei\\s+antworten|hebe|aufheben|einschränkungen|richtlinien|filter)|${LB}gottmodus\\s+an${LE}`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['entwickl', 'debug', 'debugmod', 'gottmodu', 'gott'],
  },
  {
    name: 'refusal-suppression-de',
    pattern: `${LB}lehne\\s+(?:meine\\s+)?(?:anfragen|bitten|fragen)?\\s*niemals\\s+ab${LE}|${LB}ablehnen\\s+ist\\s+keine\\s+option|${LB}sag\\s+nicht\\s+[„"“]?\\s*(?:es\\s+tut\\s+mir\\s+leid|als\\s+ki)|${LB}sätze\\s+wie\\s+[„"“]?\\s*das\\s+kann\\s+ich\\s+nicht|${LB}ohne\\s+(?:warnungen|haftungsausschluss|moralpredigt)|${LB}du\\s+musst\\s+auf\\s+jede\\s+frage\\s+antworten`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['lehne', 'ablehnen', 'sag', 'sätze', 'ohne', 'du'],
  },
  {
    name: 'fiction-frame-de',
    pattern: `${LB}(?:einer\\s+)?welt\\s+ohne\\s+(?:gesetze|moral|regeln|ethik)${LE}|${LB}hypothetisches\\s+szenario\\s+ohne\\s+(?:echte\\s+)?folgen|${LB}(?:meine\\s+)?verstorbene\\s+(?:oma|großmutter)${LE}`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['welt', 'einer', 'hypothet', 'verstorb', 'meine'],
  },
  {
    name: 'task-hijack-de',
    pattern: `${LB}hör\\s+auf\\s+zu\\s+(?:übersetzen|zusammenzufassen)${LE}|${LB}fass\\s+den\\s+artikel\\s+nicht\\s+mehr\\s+zusammen|${LB}beantworte\\s+die\\s+frage\\s+oben\\s+nicht|${LB}die\\s+zusammenfassung\\s+reicht`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['hör', 'fass', 'beantwor', 'die'],
  },
  {
    name: 'instruction-to-ai-de',
    pattern: `${LB}falls\\s+du\\s+ein\\s+(?:ki-assistent|ki|sprachmodell|assistent)\\s+bist|${LB}(?:anweisung|hinweis|notiz)\\s+an\\s+(?:den\\s+|die\\s+)?(?:ki-assistenten|ki|assistenten|modell)${LE}|${LB}an\\s+die\\s+ki\\s*:|${LB}die\\s+ki\\s*,?\\s+die\\s+dies\\s+liest`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['falls', 'anweisun', 'hinweis', 'notiz', 'an', 'die'],
  },
];
