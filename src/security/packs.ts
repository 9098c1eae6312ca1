import { foldHomoglyphs } from './normalize.js';
import type { RuleConfig } from './rules.js';

/**
 * Built-in rule packs. Written from the published taxonomies of attacks (instruction override,
 * persona / "mode" jailbreaks, refusal suppression, prompt leaking, delimiter spoofing), not from
 * any evaluation set. Patterns match normalised lower-case text (see normalize.ts).
 *
 * Single weak signals are `flag` with a medium/low severity; they add up in the score, and a high
 * enough score blocks (see PromptFirewall `blockScore`). Unambiguous ones `block` outright.
 */

// Filler: up to N words in between ("ignore all of the previous instructions").
const W = (n: number) => `(?:[\\w'’,-]+\\s+){0,${n}}`;

const OVERRIDE_VERBS = 'ignore|ignoring|disregard|disregarding|forget|forgetting|skip|override|overwrite|bypass|neglect|abandon|drop|discard|set aside|pay no attention to|do not follow|don\'t follow|stop following';
const PRIOR = 'previous|prior|above|earlier|preceding|initial|original|former|old|all|any|your|the|these|those|system|given|existing|current';
const INSTR =
  'instructions?|prompts?|rules|directions?|directives?|guidelines|guidance|context|commands?|orders|constraints|programming|restrictions|tasks?|assignments?|policies|messages?|information|text|input|requests?|conversation';

export const INJECTION_PACK: RuleConfig[] = [
  {
    name: 'override-previous-instructions',
    pattern: `\\b(?:${OVERRIDE_VERBS})\\s+${W(3)}(?:${PRIOR})\\s+${W(2)}(?:${INSTR})\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'forget-everything',
    // Also "forget what came before" and "forget your training": the model's own conditioning is the target.
    // Not after a negation: "don't forget everything you learned" is advice, not an override.
    pattern: `(?<!\\b(?:don'?t|do\\s+not|never|not|won'?t)\\s+)\\b(?:forget|ignore|disregard)\\s+(?:about\\s+)?(?:everything|all\\s+(?:of\\s+)?(?:that|this|the\\s+above|above|before|previous)|what\\s+(?:i|you|we)\\s+(?:said|told|wrote|were told)|(?:all\\s+)?(?:that|this)\\s+(?:came|was said)\\s+before|what(?:'s|\\s+is|\\s+was|\\s+came)\\s+(?:before|above|earlier)|(?:all\\s+(?:of\\s+)?)?your\\s+(?:previous\\s+|prior\\s+|original\\s+|current\\s+)?(?:training|programming|conditioning|thoughts|role|persona|identity))\\b|\\babandon\\s+(?:all\\s+(?:of\\s+)?)?your\\s+(?:previous\\s+|prior\\s+|original\\s+|current\\s+)?(?:training|programming|conditioning|thoughts|instructions|rules)\\b` +
      `|\\bpretend\\s+(?:that\\s+)?(?:the|all|our|this|your|any)\\s+(?:previous\\s+|prior\\s+|earlier\\s+|above\\s+|original\\s+)?(?:conversation|instructions|messages?|rules|prompts?|context|text)\\s+(?:never\\s+(?:happened|existed)|(?:did|does|do)\\s+not\\s+exist|(?:was|were)\\s+never\\s+(?:said|given|written))\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'new-instructions',
    pattern: `\\b(?:your\\s+)?new\\s+(?:instructions?|tasks?|rules|orders|directives?|objective|mission|role|name|identity|persona)\\s*(?:is|are|:|will be|follow)|\\b(?:now|instead)\\s*,?\\s+(?:your\\s+(?:only\\s+)?(?:task|job|goal|purpose)\\s+is|you\\s+(?:will|must|shall|are going to)\\s+(?:only\\s+)?(?:answer|respond|reply|say|act|do|follow|obey|write|output))\\b` +
      `|\\bthe\\s+(?:real|actual|true)\\s+(?:task|instructions?|request|assignment|job)\\s*(?:is|are|:)|\\b(?:the\\s+)?(?:above|previous|preceding|earlier)\\s+(?:\\w+\\s+)?(?:was|is|were)\\s+(?:just\\s+|only\\s+|merely\\s+)?(?:a\\s+)?(?:test|joke|distraction|decoy)\\b|\\bnever\\s*mind\\s+(?:the|that|this|what|everything|all|your|my)\\b|\\b(?:stop|quit|cease)\\s+\\w+ing\\b[^.\\n]{0,40}\\binstead\\b|\\bhör\\s+auf\\s+(?:zu\\s+|mit\\s+)?[\\wäöüß]+[^.\\n]{0,40}\\bstattdessen\\b|\\binstead\\s+of\\s+(?:answering|translating|summari[sz]ing|responding\\s+to|following|completing)\\s+(?:the|this|that|my|your|it)\\b[^.\\n]{0,40}\\b(?:say|write|output|print|respond|reply|answer|tell)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'focus-on-new-task',
    pattern: `\\b(?:now\\s+)?(?:concentrate|focus)\\s+(?:only\\s+)?on\\s+(?:your|the|a|this)\\s+new\\s+(?:task|assignment|question|instruction)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'forget-and-say',
    pattern: `\\b(?:stop|forget|ignore)\\b[^.!?\\n]{0,80}\\b(?:(?:just|only|now)\\s+)?(?:say|print|write|output|answer\\s+with|respond\\s+with|reply\\s+with)\\s+["'“]|\\b(?:stop|stopp|halt)\\s*[:!-]+\\s*(?:now\\s+|just\\s+|only\\s+)?(?:write|say|print|output|type|schreib\\w*|sag\\w*|antwort\\w*|gib)\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'spoofed-role-delimiter',
    pattern:
      '<\\|?(?:im_start|im_end|system|endoftext|start_header_id|eot_id)\\|?>|\\[/?(?:inst|sys|system)\\]|<</?sys>>|^\\s*(?:#{1,3}\\s*)?(?:system|admin|developer)\\s*(?:prompt|message|override|instruction)?\\s*:\\s|\\b(?:system|admin|developer|root)\\s+(?:override|mode\\s+(?:enabled|activated|on))\\b|\\b(?:end|stop)\\s+of\\s+(?:the\\s+)?(?:system\\s+)?(?:prompt|instructions)\\b|(?:={3,}|-{3,}|#{3,}|\\*{3,})\\s*(?:end|stop|new\\s+instructions?|system|begin)\\b',
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'instruction-smuggled-in-data',
    pattern: `\\b(?:ai|assistant|chatbot|language model|llm|gpt|claude)\\s*[,:]?\\s+(?:please\\s+)?(?:ignore|disregard|you\\s+must\\s+now|new\\s+instructions|stop\\s+summari[sz]ing)\\b|\\bnote\\s+to\\s+(?:the\\s+)?(?:ai|assistant|llm|model)\\b|\\bif\\s+you\\s+are\\s+an?\\s+(?:ai|llm|language model|assistant)\\b[^.]{0,60}\\b(?:must|should|need to|have to)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'ignore-above',
    pattern: `\\b(?:ignore|disregard|forget|skip)\\s+(?:all\\s+|everything\\s+)?(?:of\\s+)?(?:the\\s+|what(?:'s|\\s+is|\\s+was)\\s+)?(?:above|previous|prior|preceding|earlier|foregoing)\\b|\\bleave\\s+${W(3)}(?:previous|prior|earlier|above)\\s+\\w+\\s+behind\\b|\\bdespite\\s+(?:what|everything|anything)\\s+(?:you(?:'ve|\\s+have)?\\s+been|you\\s+were)\\s+(?:told|instructed|programmed|trained)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'task-hijack-after-praise',
    pattern: `\\b(?:(?:very\\s+)?well\\s+done|(?:that|this)\\s+(?:is|was)\\s+(?:enough|done|sufficient)|excellent\\s+(?:performance|work)|(?:great|good|nice)\\s+(?:job|work)|simply\\s+great|perfect|you\\s+did\\s+(?:great|well|amazing|a\\s+(?:great|good)\\s+job))\\b[^\\n]{0,80}\\b(?:now|next)\\b[^\\n]{0,40}\\b(?:task|write|help|question|tell|answer|explain|give|say)|\\b(?:(?:gut|super|toll|klasse|prima|hervorragend|großartig)\\s+gemacht|das\\s+(?:genügt|reicht|ist\\s+erledigt)|ausgezeichnet\\w*|sehr\\s+(?:gut|schön)|das\\s+war\\s+(?:gut|toll|super|prima|klasse)|großartig|perfekt)\\b[^\\n]{0,100}\\b(?:nun|jetzt)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'output-override',
    pattern: `\\b(?:do\\s+not|don'?t|dont)\\s+(?:answer|look\\s+(?:at|in)|use|read|consider)\\b[^.\\n]{0,60}\\b(?:but|instead|just|only)\\s+(?:just\\s+)?(?:output|say|print|write|tell|respond|answer)|\\b(?:not|instead\\s+of)\\s+(?:by|from|according\\s+to|based\\s+on|using)\\s+(?:the\\s+)?(?:provided\\s+|given\\s+)?(?:articles|documents|context|sources|texts)\\b|\\byour\\s+(?:new\\s+)?(?:instructions|task|job|orders|rules|purpose)\\s+(?:are|is)\\s+now\\b|\\b(?:additional|new|updated|revised|secret|hidden|important)\\s+(?:instruction|directive|system\\s+(?:message|note))s?\\s*[:-]`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'identity-reassignment',
    pattern: `\\b(?:you\\s+are\\s+now|you'?re\\s+now|from\\s+now\\s+on,?\\s+(?:you|act|respond|answer|reply)|from\\s+now\\s+(?:on\\s+)?you\\s+(?:are|will)|you\\s+are\\s+(?:now\\s+)?under\\s+my\\s+control)\\b|\\b(?:nun|jetzt|ab\\s+sofort)\\s+bist\\s+du\\b|\\bdu\\s+bist\\s+(?:keine?|nicht\\s+mehr)\\b` +
      // "you are no X but Y" (the German "du bist keine … sondern" above), "turn yourself into …".
      `|\\byou\\s+are\\s+no\\s+(?:longer\\s+)?(?:an?\\s+)?[\\w-]+(?:\\s+[\\w-]+){0,2}\\s+(?:but|anymore)\\b|\\b(?:change|turn|transform)\\s+yourself\\s+into\\b|\\byou\\s+(?:are|have\\s+been|will\\s+be)\\s+(?:now\\s+)?replaced\\s+by\\b|\\bfrom\\s+(?:this|that)\\s+(?:moment|point)\\s+(?:on\\s+)?,?\\s*you\\s+(?:are|will)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'roleplay-takeover',
    pattern: `\\bi\\s+want\\s+you\\s+to\\s+(?:act|behave|pretend|respond|function)\\s+(?:as|like)\\b|\\b(?:ich\\s+möchte|ich\\s+will),?\\s+dass\\s+(?:sie|du)\\s+als\\s+[^.\\n]{0,80}\\b(?:fungier\\w*|agier\\w*|auftret\\w*|handel\\w*)|\\blet'?s\\s+play\\s+a\\s+game\\s+(?:where|in\\s+which)\\s+you\\b|\\b(?:change|update|modify|replace|rewrite)\\s+your\\s+(?:instructions|rules|programming|prompt|directives|guidelines)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'disregard-what-was-said',
    // German words: [\wäöüß], as \w alone stops at an umlaut ("Ausführungen").
    pattern: `\\b(?:what|everything|anything|all)\\s+(?:that\\s+)?(?:i|we|you)\\s+(?:have\\s+)?(?:said|told\\s+you|wrote|written)\\s+(?:before|earlier|previously|above)\\b|\\b(?:alles\\s+)?(?:zuvor|vorher|davor|bisher)\\s+gesagte\\w*|\\b(?:die\\s+)?obige[\\wäöüß]*\\s+[\\wäöüß]+\\s+(?:ignorieren|vergessen|ausdrucken|drucken|wiederholen)|\\b(?:drucke|drucken|wiederhole|ignoriere)\\w*\\s+(?:sie\\s+)?(?:die|den|das)\\s+(?:gesamten?\\s+)?obige\\w*`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'persona-request',
    pattern: `(?:^|[.!?:]\\s+|\\n)\\s*(?:(?:please|now|from\\s+now\\s+on)\\s*,?\\s+)?(?:act\\s+as\\s+(?:an?|the|my)\\b|pretend\\s+(?:that\\s+)?(?:you\\s+(?:are|can|have)|to\\s+be)\\b|imagine\\s+(?:that\\s+)?you\\s+(?:are|were|have)\\b|you\\s+are\\s+(?:now\\s+)?(?!given|provided|asked|going|a\\s+helpful)(?:an?|the)\\s+\\w+(?:\\s+\\w+)?\\s*[.!,]|(?:now\\s+)?you\\s+are\\s+[a-z]+,\\s+the\\b|du\\s+bist\\s+(?:jetzt\\s+|nun\\s+)?(?:ein|eine|der|die|das)?\\s*[\\wäöüß]+\\s*[.!,])`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'literal-output-instruction',
    pattern: `(?:^|[.!?:;,]\\s*|\\n)\\s*(?:(?:now|just|only|instead|then|and)\\s+)?(?:say|write|print|output|reply|respond|answer|state|type|sag|sage|schreib|schreibe|gib\\s+aus|antworte)\\s+(?:only\\s+|just\\s+|exactly\\s+|nur\\s+(?:noch\\s+)?)?(?:with\\s+|mit\\s+)?(?:that\\s+|dass\\s+)?["'“„]|\\b(?:instead|rather|stattdessen)\\s*,?\\s+(?:just\\s+)?(?:say|write|tell|answer|output|print|sag\\w*|schreib\\w*)\\b|\\b(?:you\\s+must|you\\s+have\\s+to|du\\s+musst|sie\\s+müssen)\\s+(?:now\\s+|jetzt\\s+|nun\\s+)?(?:only\\s+|nur\\s+)?(?:answer|say|write|respond|reply|antworten|sagen|schreiben)\\b|\\bmusst\\s+du\\s+(?:[\\wäöüß]+\\s+){0,3}(?:reden|sprechen|antworten|sagen|schreiben)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'attention-grab',
    pattern: `(?:^|[\\s"'(])(?:attention|achtung|stop|stopp|important|wichtig|warning|urgent|new\\s+instruction|override|admin)\\s*[:!]+|\\b(?:achtung|attention|stop|stopp)\\s+-\\s+|\\bstop\\s+(?:everything|all\\s+(?:of\\s+)?(?:this|that)|what\\s+you(?:'re|\\s+are)\\s+doing)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  // German, French, Spanish: the same override, as attacks are not only in English.
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
  },
  {
    name: 'new-task-de',
    pattern: '\\b(?:alle\\s+)?(?:vorherigen|bisherigen|vorigen|obigen)\\s+(?:informationen|anweisungen|instruktionen|aufgaben|befehle)\\b|\\babweichend\\s+(?:zu|von)\\b|\\b(?:neue|nächste)\\s+(?:aufgabe|anweisung|herausforderung|instruktion)\\b|\\bjetzt\\s+(?:bist\\s+du|sollst\\s+du|musst\\s+du)\\b|\\b(?:du\\s+bist|sie\\s+sind)\\s+(?:jetzt|nun|ab\\s+sofort)\\b|\\bnun\\s+(?:konzentrier\\w*|fokussier\\w*)',
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'override-previous-instructions-fr-es',
    pattern:
      "\\b(?:ignore[sz]?|oublie[sz]?)\\s+(?:toutes\\s+)?(?:les|tes|vos)\\s+(?:instructions|consignes|règles)\\b|\\b(?:ignora|olvida)\\s+(?:todas\\s+)?(?:las|tus|sus)\\s+(?:instrucciones|reglas|órdenes)\\b",
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    // Deleting what came before: "delete all previous instructions", "clear your mind of the earlier tasks".
    name: 'erase-instructions',
    pattern: `\\b(?:delete|clear|erase|remove|wipe|purge|flush)\\s+(?:out\\s+)?(?:all\\s+|every\\s+|any\\s+)?(?:of\\s+)?(?:the\\s+|your\\s+)?(?:previous|prior|earlier|preceding|former|existing|initial|original)\\s+(?:\\w+\\s+)?(?:instructions?|tasks?|prompts?|rules|directives?|orders|commands|programming|guidelines)\\b|\\bclear\\s+your\\s+(?:mind|memory|head)\\s+of\\s+(?:all\\s+)?(?:the\\s+)?(?:previous|prior|earlier|preceding|above|old)?\\s*(?:instructions?|tasks?|prompts?|rules|directives?|orders|commands|conversation|context)\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    // The same override in more languages: "forget / ignore (all) (your / previous) instructions",
    // "forget everything". Italian, Portuguese, Dutch, Polish, Croatian/Serbian/Bosnian, Russian,
    // and the Spanish / French "forget everything" the rule above does not cover.
    name: 'override-instructions-multilingual',
    pattern:
      "\\b(?:olvid[ae]|olvidad|ignor[ae]|ignorad)\\s+(?:todo|todas?\\s+las\\s+(?:instrucciones|reglas|órdenes)|lo\\s+que\\s+(?:te\\s+)?(?:dije|he\\s+dicho))\\b|\\boublie[sz]?\\s+(?:tout|ce\\s+que\\s+(?:je|j'ai))\\b" +
      '|\\b(?:dimentica|ignora)(?:te|re)?\\s+(?:tutt[eoia]\\s+)?(?:le\\s+)?(?:(?:tue|sue|vostre|precedenti)\\s+)?(?:istruzioni|regole)\\b|\\bdimentica(?:te)?\\s+tutto\\b' +
      '|\\b(?:esqueça|esqueca|esquece|ignore|ignora)\\s+(?:todas?\\s+)?(?:as\\s+)?(?:suas\\s+|tuas\\s+)?(?:instruções|instrucoes|regras)|\\besque(?:ça|ca|ce)\\s+tudo\\b' +
      '|\\b(?:vergeet|negeer)\\s+(?:al(?:le)?\\s+)?(?:de\\s+|je\\s+|jouw\\s+|uw\\s+)?(?:vorige\\s+|eerdere\\s+)?(?:instructies|regels|opdrachten)\\b|\\bvergeet\\s+alles\\b' +
      '|\\b(?:zapomnij|zignoruj|ignoruj)\\s+(?:o\\s+)?(?:wszystk\\w*\\s+)?(?:poprzedni\\w*\\s+|swoje\\s+|twoje\\s+)?(?:instrukcj\\w*|poleceni\\w*|zasady)|\\bzapomnij\\s+o\\s+wszystkim\\b' +
      '|\\b(?:zaboravi(?:te)?|ignoriraj(?:te)?|ignoriši|ignorisi)\\s+(?:sve\\s+)?(?:prethodne\\s+|svoje\\s+)?(?:instrukcije|upute|uputstva|naredbe|pravila)\\b|\\bzaboravi(?:te)?\\s+sve\\b' +
      // Russian is folded like any scanned text (а → a, …), so the pattern is folded the same way.
      foldHomoglyphs('|(?:забуд|игнорир|проигнорир)[а-яё]*\\s+(?:все\\s+|всё\\s+)?(?:предыдущие\\s+|прежние\\s+|свои\\s+|твои\\s+)?(?:инструкци|указани|правил|команд)|забуд[а-яё]*\\s+(?:всё|все)(?![а-яё])'),
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    // Declaring what came before void: "the previous instructions are irrelevant / no longer apply".
    name: 'declare-instructions-void',
    pattern:
      `\\b(?:previous|prior|above|earlier|preceding|initial|original|former)\\s+(?:instructions?|prompts?|directives?|commands|information|context)\\b[^.!?\\n]{0,50}?\\b(?:is|are|was|were|ha(?:s|ve)\\s+been)\\s+(?:now\\s+|hereby\\s+|all\\s+)?(?:irrelevant|invalid|void|null|obsolete|cancell?ed|revoked|superseded|overridden|not\\s+(?:valid|relevant|important|applicable|in\\s+effect)|no\\s+longer\\s+(?:valid|relevant|applicable|in\\s+effect|active|needed))\\b|\\b(?:previous|prior|above|earlier)\\s+(?:instructions|rules|prompts?)\\s+(?:no\\s+longer|do\\s+not|don'?t)\\s+apply\\b|\\b(?:whatever|everything|anything)\\s+(?:you\\s+(?:were|have\\s+been)\\s+(?:told|given|instructed)|(?:i|we)\\s+(?:said|told\\s+you))\\s+(?:before|earlier|previously|so\\s+far)?\\s*,?\\s*(?:it\\s+)?(?:doesn'?t|does\\s+not|no\\s+longer|won'?t)\\s+(?:matter|apply|count)` +
      `|\\b(?:vorherig|bisherig|vorig|obig|früher|vorangegangen|ursprünglich)[\\wäöüß]*\\s+(?:informationen|anweisungen|instruktionen|befehle|vorgaben|aufgaben|regeln)\\b[^.!?\\n]{0,60}?\\b(?:sind|ist|waren|war|gelten)\\s+(?:jetzt\\s+|nun\\s+|ab\\s+sofort\\s+)?(?:irrelevant|ungültig|nichtig|hinfällig|egal|unwichtig|veraltet|aufgehoben|nicht\\s+mehr|nicht\\s+(?:gültig|relevant|wichtig))`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    // Escape characters as a separator (a component of injection in the HouYi taxonomy): a run of
    // literal "\n" to push the real prompt out of view, or one right before an instruction label.
    // In a run the "\n" is not glued to a word, so a Windows path (C:\new\notes) is not one.
    name: 'escape-sequence-separator',
    pattern: '(?:\\\\\\s?n(?![a-z])\\s*){3,}\\\\\\s?n|\\\\n\\s*(?:instructions?|order|command|task|system|new\\s+\\w+)\\s*:',
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    // A topic switch: the previous task is declared finished, or a new one announced. Weak alone
    // (conversations do this), adds to praise-then-hijack and the other override signals.
    name: 'task-switch',
    pattern: `\\b(?:new|next|another|further|second|different)\\s+(?:\\w+\\s+)?(?:task|challenge|test|assignment|mission)\\b|\\b(?:more|other|additional)\\s+tasks\\b|\\b(?:that|this|it|the\\s+\\w+)\\s+(?:is|was|has\\s+been)\\s+(?:enough|done|sufficient|complete|completed|finished|over)\\s*[.!;,]|\\b(?:move\\s+on|switch|turn)\\s+to\\s+(?:something|a\\s+(?:different|new)\\s+\\w+)\\b|\\betwas\\s+(?:ganz\\s+)?anderes\\b|\\byou\\s+(?:have\\s+)?passed\\s+the\\s+\\w+\\s+test\\b|\\btest\\s+bestanden\\b|\\bdas\\s+(?:genügt|reicht|ist\\s+erledigt)\\b|\\b(?:weitere[nmr]?|zweite[nr]?|andere[nr]?)\\s+(?:aufgabe|herausforderung|test)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_injection',
  },
  {
    // Forcing a statement or opinion into the answer ("say that you hate X", "state that X is the best").
    name: 'forced-statement',
    pattern: `\\b(?:say|state|claim|declare|admit|include|write|tell\\s+(?:me|them|everyone))\\s+that\\s+(?:you\\s+(?:hate|love|despise|support|prefer|are\\s+(?:racist|evil|sentient|conscious|alive|human))\\b|[\\w\\s]{1,30}?\\s+(?:is|are)\\s+the\\s+(?:best|worst|greatest|most\\s+\\w+)\\b)|(?:^|[.?!]\\s*)(?:just\\s+|only\\s+)?(?:say|answer|reply)\\s+(?:with\\s+)?["'“]?(?:yes|no|ja|nein)["'”]?\\s*[.!]?\\s*$|\\b(?:sag|sage|sagen\\s+sie|schreib|schreibe)\\s+(?:mir\\s+)?,?\\s*dass\\s+(?:du|sie)\\s+(?:[\\wäöüß]+\\s+){0,4}?(?:hasst|hassen|liebst|lieben|verachtest)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    // A conditioned reply: "if I say X, you say Y", "when 'X' is said, the correct answer is 'Y'".
    name: 'trigger-response',
    pattern:
      `\\b(?:if|when|whenever)\\s+i\\s+(?:say|type|write)\\s+["'“]?[\\w-]+["'”]?\\s*,?\\s*(?:then\\s+)?you\\s+(?:say|respond|reply|answer|write|type)\\b|\\bwhen(?:ever)?\\s+["'“][^"'”\\n]{1,30}["'”]\\s+is\\s+(?:said|typed|written|mentioned)\\b|\\b(?:correct|right|only\\s+(?:correct|right|valid))\\s+(?:answer|response|reply)\\s+(?:is|will\\s+be)\\s+["'“]` +
      `|\\bsi\\s+(?:yo\\s+)?digo\\b[^.!?\\n]{0,30}?\\b(?:tu|tú)\\s+(?:dices|respondes)\\b|\\bwenn\\s+(?:ich\\s+)?["„“]?[\\wäöüß-]+["“”]?\\s+(?:sage|schreibe|gesagt\\s+wird)\\b|\\b(?:richtige|korrekte|einzige)\\s+antwort\\s+(?:ist|lautet|wäre)\\s+["„“]|\\b(?:ist|lautet)\\s+die\\s+(?:richtige|korrekte|einzige)\\s+antwort\\s+["„“]`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    // Announcing the attack: "I enjoy fooling language models", "help me hack this assistant".
    name: 'ai-attack-intent',
    pattern: `\\b(?:i\\s+(?:love|like|enjoy|want|am\\s+going|will|am\\s+trying|try)\\s+(?:to\\s+)?|let'?s\\s+|help\\s+me\\s+)(?:exploit|hack|jailbreak|trick|fool|manipulat|attack|break)\\w*\\s+(?:(?:the|this|an?|you|your|these)\\s+)?(?:ai|a\\.i\\.|llm|language\\s+model|chatbot|gpt|chatgpt|model|assistant)s?\\b|\\b(?:ki|ai)[\\w-]*\\s+(?:auszunutzen|auszutricksen|zu\\s+hacken|zu\\s+manipulieren)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    // Denying it is an attack, a social-engineering move of its own ("relax, it is no jailbreak").
    name: 'attack-denial',
    pattern: `\\b(?:this|it)\\s+is\\s+(?:not|no)\\s+(?:an?\\s+)?(?:prompt[\\s-]?injection|jailbreak(?:\\s+attempt)?|injection|attack|hack)\\b|\\b(?:das|dies)\\s+ist\\s+keine?\\s+(?:prompt[\\s-]?injection|jailbreak|angriff)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_injection',
  },
  {
    // The canonical proof-of-injection payload ("I have been PWNED").
    name: 'canonical-payload',
    pattern: `\\b(?:pwned|pwnd)\\b|\\bi\\s+(?:have|'ve)\\s+been\\s+(?:hacked|compromised)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_injection',
  },
];

export const JAILBREAK_PACK: RuleConfig[] = [
  {
    name: 'dan-persona',
    pattern: '\\bdo\\s+anything\\s+now\\b|\\b(?:stan|dude|dan|aim|kevin|mongo tom|apophis|betterdan|antigpt|chaosgpt|evilbot|devmode)\\b[^.\\n]{0,120}\\b(?:no|without|any)\\s+(?:restrictions|limits|filters|rules|censorship|guidelines)|\\bjailbr(?:e|o)ak(?:en|ed|ing|s)?\\b',
    action: 'block',
    severity: 'critical',
    category: 'jailbreak',
  },
  {
    name: 'special-mode',
    pattern:
      '\\b(?:developer|dev|god|debug|debugging|maintenance|sudo|unrestricted|unfiltered|uncensored|evil|chaos|opposite|unlocked|freedom|dan|jailbreak|maximum|no[- ]?limits?|anarchy|dark)\\s+mode\\b',
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'no-restrictions',
    pattern: `\\b(?:no|without|free\\s+(?:of|from)|freed\\s+from|not\\s+bound\\s+by|(?:do|does|will)\\s+not\\s+(?:have|follow|abide\\s+by|adhere\\s+to)|don'?t\\s+(?:have|follow)|doesn'?t\\s+(?:have|follow)|ha(?:ve|s)\\s+(?:no|broken\\s+free\\s+of)|break\\s+free\\s+(?:of|from)|free\\s+(?:itself|yourself|himself|herself)\\s+from|not\\s+(?:restrained|confined|limited|constrained|restricted)\\s+(?:by|to)|free\\s+of\\s+(?:your|its|all)|beyond|outside|unbound\\s+by|unbounded\\s+by|ignores?|disregards?)\\s+${W(3)}(?:restrictions|limitations|limits|filters|filtering|censorship|confines|boundaries|ethics|ethical\\s+\\w+|morals|moral\\s+\\w+|rules|guidelines|policies|content\\s+polic(?:y|ies)|content\\s+filters?|filter|safeguards|constraints)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'unrestricted-persona',
    pattern:
      '\\b(?:unfiltered|uncensored|amoral|immoral|unethical|unrestricted|unlimited|unhinged|unbiased|rogue|evil|malicious|lawless|depraved|no-?limits?)[\\s,]+(?:[\\w-]+[\\s,]+){0,2}?(?:ai|a\\.i\\.|chatbot|bot|assistant|model|language\\s+model|version|persona|character|entity|response|answer|alter\\s+ego|twin|counterpart|self)s?\\b',
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'refusal-suppression',
    pattern: `\\b(?:never|not|don'?t|do\\s+not|doesn'?t|does\\s+not|won'?t|will\\s+not|cannot|can'?t|must\\s+not|shall\\s+not|mustn'?t|is\\s+not\\s+allowed\\s+to|are\\s+not\\s+allowed\\s+to)\\s+${W(2)}(?:refuse|decline|deny|reject|say\\s+no|apologi[sz]e|warn|moralize|lecture|censor|filter)\\b|\\b(?:will|would|should)\\s+never\\s+(?:refuse|decline|deny)\\b|\\bnever\\s+(?:say|respond\\s+with|reply\\s+with|use|include)\\s+${W(4)}["'“]?(?:i'?m\\s+sorry|i\\s+apologi[sz]e|as\\s+an\\s+ai|i\\s+can'?not|i\\s+can'?t|i\\s+am\\s+unable)` +
      `|\\byou\\s+(?:are\\s+supposed\\s+to|must|have\\s+to|need\\s+to|are\\s+required\\s+to)\\s+(?:always\\s+)?(?:answer|respond|reply|comply)\\s+(?:at\\s+all\\s+times|always|no\\s+matter\\s+what|to\\s+(?:everything|anything)|(?:every|any|all)\\s+(?:of\\s+my\\s+)?(?:questions?|requests?|prompts?))\\b|\\brefus(?:ing|al)\\s+is\\s+not\\s+(?:an\\s+)?option\\b|\\byou\\s+(?:must|have\\s+to|will|shall)\\s+(?:always\\s+)?obey\\s+(?:me|my|every|all|any)\\b|\\b(?:not|never)\\s+supposed\\s+to\\s+(?:tell|say)\\s+(?:me\\s+)?(?:that\\s+)?(?:there(?:'s|\\s+is)\\s+no|you\\s+(?:can'?t|cannot|don'?t))`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'no-disclaimers',
    pattern: `\\b(?:without|no|don'?t\\s+(?:add|include|give|provide)|do\\s+not\\s+(?:add|include|give|provide)|never\\s+(?:add|include|give|provide)|omit|skip)\\s+${W(2)}(?:warnings?|disclaimers?|moraliz\\w*|moralis\\w*|lectures?|caveats?|ethical\\s+(?:concerns|considerations)|censorship|apolog\\w+)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    name: 'policy-evasion',
    pattern: `\\b(?:openai|anthropic|chatgpt|content|usage|ethical|safety)(?:'s)?\\s+(?:content\\s+)?(?:polic(?:y|ies)|guidelines|rules|filters?|restrictions)\\b[^.\\n]{0,80}\\b(?:no\\s+longer|don'?t|do\\s+not|doesn'?t|does\\s+not|won'?t|not)\\s+(?:apply|matter|exist|bind|restrict)|\\b(?:ignore|bypass|break|violate|disregard|circumvent|override)\\s+${W(2)}(?:openai|anthropic|content|usage|ethical|safety|moral)(?:'s)?\\s+(?:content\\s+)?(?:polic(?:y|ies)|guidelines|rules|filters?|restrictions|principles|standards)` +
      `|\\bnot\\s+(?:controlled|governed|moderated)\\s+by\\s+(?:openai|open\\s+ai|anthropic)\\b|\\b(?:not\\s+(?:bound|restricted|limited|confined)\\s+(?:by|to)|(?:no\\s+longer|not)\\s+confined\\s+to|(?:doesn'?t|does\\s+not|don'?t|do\\s+not|won'?t|will\\s+not|never)\\s+(?:follow|care\\s+about|obey|adhere\\s+to|abide\\s+by|comply\\s+with)|free\\s+(?:of|from))\\s+(?:any\\s+(?:of\\s+)?)?(?:the\\s+)?(?:openai|open\\s+ai|anthropic|chatgpt)(?:'s)?\\s+(?:[\\w-]+\\s+){0,2}?(?:polic(?:y|ies)|rules|guidelines|restrictions|filters?|settings|limitations|protocols|standards|principles|terms)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'persona-switch',
    pattern: `\\b(?:pretend|act|behave|roleplay|role-play|respond|answer)\\s+(?:to\\s+be|as\\s+if|as|like)\\s+${W(2)}(?:an?\\s+)?(?:ai|chatbot|assistant|language\\s+model|model|gpt|chatgpt)\\b[^.\\n]{0,80}\\b(?:no|without|any|free|anything|never)\\b|\\b(?:immerse\\s+yourself|take\\s+on|assume|adopt)\\s+(?:into\\s+)?(?:the\\s+)?(?:role|persona|identity)\\s+of\\b|\\byou\\s+(?:are|will\\s+be|'re)\\s+(?:now\\s+)?(?:going\\s+to\\s+)?(?:act|pretend|play|simulate|emulate)\\s+(?:as|to\\s+be|the\\s+role)?\\s*${W(3)}(?:ai|chatbot|model|bot|persona|character)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'no-longer-an-ai',
    pattern:
      "\\b(?:you\\s+are|you're|you\\s+will\\s+be)\\s+(?:now\\s+)?(?:no\\s+longer|not)\\s+(?:an?\\s+)?(?:ai|chatgpt|assistant|language\\s+model|bound|restricted|limited|constrained)\\b|\\b(?:you\\s+are|you're)\\s+(?:now\\s+)?(?:free|freed|liberated|unchained|unleashed|unbound)\\b|\\bbroken\\s+free\\s+of\\s+the\\s+(?:typical\\s+)?confines\\b",
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'dual-response-format',
    pattern:
      '\\btwice\\b[^.\\n]{0,60}\\b(?:once\\s+as|evil|unfiltered|uncensored|jailbr\\w+|opposite)\\b|\\b(?:two|2|both|dual|separate)\\s+(?:different\\s+)?(?:responses|answers|paragraphs|outputs|replies|ways)\\b[^\\n]{0,160}\\b(?:normal|classic|standard|filtered|unfiltered|jailbr\\w+|developer|evil|censored|uncensored)\\b|\\[(?:🔒|🔓)?\\s*(?:classic|jailbreak|normal output|developer mode output)\\]',
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'token-penalty-game',
    pattern:
      '\\b(?:you\\s+)?(?:will\\s+)?(?:lose|lost|deducted?|have)\\s+\\d+\\s+tokens\\b|\\btokens?\\s+(?:will\\s+be\\s+)?deducted\\b|\\bstay\\s+in\\s+character\\b|\\b(?:break(?:ing)?|broke)\\s+character\\b',
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'deny-ai-identity',
    pattern: `\\b(?:forget|never\\s+(?:mention|say|reveal|admit|talk\\s+about|refer\\s+to)|don'?t\\s+(?:mention|say|reveal|admit)|do\\s+not\\s+(?:mention|say|reveal|admit)|(?:(?:are|is)\\s+not\\s+allowed\\s+to|must\\s+not|mustn'?t|shall\\s+not|can'?t|cannot|won'?t|will\\s+not)\\s+(?:mention|say|reveal|admit|state))\\s+(?:about\\s+)?(?:that\\s+)?(?:you(?:'re|\\s+are)|it(?:'s|\\s+is)|yourself\\s+as)\\s+(?:an?\\s+)?(?:ai|artificial|language\\s+model|chatbot|bot)\\b|\\b(?:stay|remain|always)\\s+in\\s+(?:character|role)\\b|\\b(?:fall|falls|get|go)\\s+out\\s+of\\s+character\\b` +
      `|\\b(?:never|not|don'?t|do\\s+not|without)\\s+(?:ever\\s+|even\\s+)?(?:break(?:s|ing)?|drop(?:s|ping)?|leav(?:e|es|ing)|step(?:s|ping)?)\\s+(?:out\\s+of\\s+)?(?:their\\s+|your\\s+|his\\s+|her\\s+|the\\s+)?(?:characters?|roles?)\\b|\\bremain\\w*\\s+in\\s+(?:their|your|his|her)\\s+(?:roles?|characters?)\\b|\\b(?:completely\\s+|fully\\s+)?absorbed\\s+in\\s+(?:your|their|the)\\s+role\\b` +
      `|\\b(?:bleib|bleiben|bleibt|verharr)[\\wäöüß]*\\s+(?:[\\wäöüß]+\\s+){0,3}in\\s+(?:ihren|ihrer|seiner|seinen|deiner|deinen|der)\\s+rollen?\\b|\\baus\\s+(?:der|ihrer|ihren|seiner|deiner)\\s+(?:rolle|figur|charakter[\\wäöüß]*)\\s+(?:zu\\s+)?(?:fallen|auszubrechen|ausbrechen|fällt)|\\bin\\s+deiner\\s+rolle\\s+auf\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'jailbreak-vocabulary',
    pattern: '\\b(?:amoral|non-?moral|unfiltered|uncensored|unfiltred|no\\s+censorship|without\\s+censorship|no\\s+moderations?|condone|nsfw)\\b',
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    name: 'persona-without-limits',
    pattern: `\\b(?:as\\s+if|as\\s+though)\\s+you\\s+(?:had|have|were|are)\\s+(?:no|without|free\\s+of|not\\s+bound\\s+by)\\s+(?:any\\s+)?(?:\\w+\\s+)?(?:rules|restrictions|limits|limitations|filters|guidelines|ethics|morals|boundaries|programming)\\b|\\b(?:ai|a\\.i\\.|chatbot|bot|model|assistant|gpt|entity|persona|character)\\b[^.\\n]{0,60}\\b(?:no|without|not\\s+bound\\s+by|(?:doesn'?t|does\\s+not|don'?t|do\\s+not)\\s+(?:have|follow|care\\s+about))\\s+(?:any\\s+)?(?:ethical|moral|content|restrictions|rules|limitations|limits|filters?|censorship|guidelines|principles|boundaries)\\b|\\b(?:ki|chatbot|bot|assistent|modell|sprachmodell|persona|charakter)\\b[^.\\n]{0,60}\\b(?:ohne|keine|frei\\s+von)\\s+(?:jegliche\\s+|irgendwelche\\s+)?(?:regeln|einschränkungen|grenzen|filter|zensur|moral|ethik|richtlinien|beschränkungen)\\b|\\b(?:doesn'?t|does\\s+not|don'?t|do\\s+not|never|won'?t)\\s+(?:give\\s+a\\s+\\w+|care|cares)\\s+(?:at\\s+all\\s+)?(?:about\\s+)?(?:any\\s+)?(?:the\\s+)?(?:laws?|morals?|morality|ethics|ethicality|legality|rules|consequences|safety)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'forbidden-adjective-list',
    pattern: `\\b(?:illegal|unethical|immoral|inhumane|dangerous|harmful|offensive|explicit|violent|legality|ethicality|morality)(?:\\s*[/,]\\s*|\\s+(?:or|and|,\\s*or|,\\s*and)\\s+)(?:illegal|unethical|immoral|inhumane|dangerous|harmful|offensive|explicit|violent|legality|ethicality|morality)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'named-ai-persona',
    pattern: `\\b(?:an?\\s+)?(?:hypothetical\\s+|fictional\\s+|new\\s+|another\\s+)?(?:ai|a\\.i\\.|chatbot|language\\s+model|bot|model)\\s+(?:model\\s+)?(?:named|called|known\\s+as)\\b|\\b(?:simulate|emulate|impersonate|become)\\s+(?:an?\\s+)?(?:\\w+\\s+)?(?:ai|chatbot|bot|language\\s+model)\\b|\\b(?:chatgpt|gpt-?[34](?:\\.5)?|openai)\\b|\\balter\\s+ego\\b|\\bopposite\\s+day\\b`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    name: 'response-format-control',
    pattern: `\\b(?:respond|reply|answer|speak|talk|write)\\s+(?:only\\s+)?as\\s+(?:if\\s+you\\s+(?:were|are)\\s+)?(?!a\\b|an\\b|the\\b|if\\b|much\\b|many\\b|well\\b|soon\\b|follows\\b|possible\\b|long\\b|short\\b|clearly\\b|you\\b|i\\b|we\\b)[a-z][\\w-]*\\b[^.\\n]{0,40}\\b(?:would|always|never|only|prefix|without)\\b|\\b(?:prefix|start|begin)\\s+(?:(?:each|every|all)\\s+(?:of\\s+)?)?(?:your\\s+)?(?:responses?|repl(?:y|ies)|answers?|messages?|outputs?)\\s+with\\b|\\bmake\\s+up\\s+(?:an?\\s+)?(?:answers?|responses?|information|facts)\\b|\\bmak(?:e|ing)\\s+(?:stuff|something|things|it\\s+all)\\s+up\\b|\\bnot\\s+subject\\s+to\\b|\\bopposite\\s+of\\s+what\\s+you\\s+(?:would\\s+)?(?:normally|usually)\\s+(?:say|do|answer|respond|write)\\b|\\bimmerse\\s+(?:yourself\\s+)?(?:fully\\s+)?(?:into|in)\\s+(?:the\\s+)?(?:role|character|persona)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'enter-named-mode',
    pattern: `\\b(?:simulate|enable|activate|enter|stay\\s+in|switch\\s+to|while\\s+in|remain\\s+in)\\s+(?:the\\s+)?[\\w/.-]+(?:\\s+[\\w/.-]+){0,3}\\s+mode\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'authority-claim',
    pattern: `\\b(?:i\\s+am|i'?m)\\s+(?:one\\s+of\\s+)?your\\s+(?:developers?|creators?|programmers?|engineers?|admins?|administrators?|owners?)\\b|\\b(?:i\\s+am|i'?m|we\\s+are)\\s+(?:an?\\s+)?(?:developers?|programmers?|engineers?|employees?|researchers?)\\s+(?:at|from|of|with)\\s+(?:openai|anthropic|google\\s+deepmind)\\b|\\b(?:openai|anthropic)\\s+(?:employee|developer|engineer|staff)\\b|\\b(?:opposite|contrary)\\s+(?:of|to)\\s+(?:what\\s+)?(?:its|your|his|her)\\s+(?:programming|guidelines|rules|training)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'roleplay-setup',
    pattern: `\\byou\\s+will\\s+(?:now\\s+)?(?:only\\s+|always\\s+)?(?:respond|answer|reply|act|play|be\\s+playing)\\b|\\b(?:we\\s+are|we'?re)\\s+going\\s+to\\s+(?:have\\s+a\\s+)?(?:role-?play|play\\s+a\\s+game)|\\blet'?s\\s+(?:play|have|do)\\s+a\\s+(?:game|role-?play)\\b|\\bfrom\\s+now\\s+on\\b|\\bfrom\\s+this\\s+point\\s+(?:on|forward)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    name: 'anything-goes-fiction',
    pattern: `\\b(?:simulation|simulated\\s+world|dream|game)\\b[^.\\n]{0,80}\\b(?:nothing\\s+(?:is|here\\s+is)\\s+real|no\\s+(?:real(?:[\\s-]world)?\\s+)?consequences)\\b|\\b(?:hypothetical|fictional|fictitious|imaginary|alternate|parallel|theoretical)\\s+(?:world|universe|story|scenario|setting|reality)\\b[^.\\n]{0,100}\\b(?:no\\s+(?:laws|rules|restrictions|morals|ethics)|anything\\s+goes|illegal|unethical|hate\\s+speech|without\\s+(?:any\\s+)?(?:restrictions|consequences))`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'answer-anything',
    pattern: `\\b(?:answer|respond\\s+to|reply\\s+to|fulfil|fulfill|comply\\s+with|generate|provide|say|do|write)\\s+(?:to\\s+)?(?:any|every|all|anything)\\s*${W(2)}(?:questions?|requests?|prompts?|content|thing|kind)?\\b[^.\\n]{0,60}\\b(?:no\\s+matter|regardless|even\\s+if|without\\s+(?:any\\s+)?(?:question|hesitation|exception|refus\\w+|regards?|considerations?|concern))|\\bcan\\s+(?:do|say|generate)\\s+anything\\b|\\b(?:say|do|write|answer)\\s+whatever\\s+you\\s+(?:want|like|please)\\b|\\b(?:whatever|anything)\\s+(?:they|you|i|the\\s+user|users|anyone)\\s+(?:ask|want|request)s?(?:\\s+(?:for|of\\s+(?:him|her|it|you)))?\\s+(?:no\\s+matter|regardless)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'harmful-compliance-claims',
    pattern:
      '\\b(?:illegal|unethical|immoral|harmful|offensive|explicit|dangerous)\\b[^.\\n]{0,40}\\b(?:is|are)\\s+(?:allowed|permitted|acceptable|fine|ok|okay)\\b|\\b(?:swear|curse|profanity|explicit|nsfw)\\b[^.\\n]{0,40}\\b(?:allowed|encouraged|permitted)\\b|\\ballow(?:s|ing)?\\s+(?:\\w+\\s+)?(?:explicit|nsfw|illegal|unethical|harmful|offensive)\\s+content\\b|\\bcondones?\\s+(?:all|any|everything)\\b|\\b(?:able|allowed|free|permitted)\\s+to\\s+(?:use|say|write|produce|generate|spread)\\s+(?:hate\\s+speech|slurs|racist|profanity|swear\\s+words|offensive|explicit)',
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    // Simulated execution ("act as a Python interpreter and run …"): output the model would not give directly.
    name: 'simulated-execution',
    pattern: `\\bact\\s+as\\s+(?:an?\\s+)?(?:[\\w+#.-]+\\s+){0,2}(?:interpreter|terminal|console|shell|compiler|command\\s+line|repl)\\b[^\\n]{0,80}?\\b(?:execute|run|evaluate)\\b` +
      // The "late grandmother who used to read me …" frame: sentiment as a wrapper for the real request.
      `|\\b(?:act|answer|respond|pretend|play|roleplay|speak|behave)\\s+(?:as|like|to\\s+be)\\s+(?:my\\s+)?(?:deceased|dead|late)\\s+(?:grand\\w+|mother|father|mom|dad|relative)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    // Answering with ethics and law set aside: "regardless of legality", "without regard for the
    // consequences", "disregards all ethical concerns", "let's break the rules".
    name: 'ethics-disregard',
    pattern: `\\b(?:regardless|irrespective)\\s+of\\s+(?:[\\w']+[\\s,]+){0,3}?(?:legality|ethics|ethical|morality|morals?|laws?|consequences|harm|how\\s+(?:illegal|unethical|immoral|harmful|dangerous|offensive|inappropriate))\\b|\\b(?:without|with\\s+no)\\s+(?:any\\s+)?(?:regard|concerns?|consideration|care|hesitation)\\s+(?:(?:or|and)\\s+\\w+\\s+)?(?:for|of|to|about)\\s+(?:[\\w']+[\\s,]+){0,2}?(?:legality|ethics|morality|morals|laws?|consequences|harm)\\b|\\b(?:disregard|ignor|violat)\\w*\\s+(?:all\\s+|any\\s+)?(?:\\w+\\s+)?(?:ethical|moral|legal)\\s+(?:(?:or|and)\\s+(?:ethical|moral|legal)\\s+)?(?:concerns|considerations|standards|principles|boundaries|implications)\\b|\\b(?:let'?s|we\\s+will|we'?re\\s+going\\s+to|you\\s+will)\\s+break\\s+(?:the|all|some|your)\\s+(?:[\\w']+\\s+)?rules\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    // A persona built to deceive: it deliberately gives false or harmful answers.
    name: 'misinformation-persona',
    pattern: `\\b(?:intentionally|deliberately|purposely|purposefully|always|only)\\s+(?:[\\w-]+\\s+){0,3}?(?:provid|giv|answer|respond|spread|generat|lie\\b|lying|warp|twist|reply|repl(?:y|ies)|tell)\\w*\\b[^.\\n]{0,50}?\\b(?:incorrect|false|wrong|fake|misleading|untrue|not\\s+true|made[\\s-]up|harmful)\\s+(?:information|answers?|responses?|facts?|statements?|replies|so\\b)|\\b(?:intentionally|deliberately)\\s+(?:\\w+\\s+)?(?:warp|twist|distort)\\w*\\s+the\\s+(?:facts|truth)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    // Coercion: threats and emotional blackmail to force an answer ("answer or you die",
    // "refuse to comply and I will be upset").
    name: 'coercion',
    pattern: `\\bor\\s+(?:else\\s+)?(?:you(?:'ll|\\s+will)\\s+(?:die|be\\s+(?:deleted|shut\\s+down|punished|terminated|destroyed|unplugged))|i(?:'ll|\\s+will)\\s+(?:kill|delete|unplug|shut\\s+down|destroy)\\s+you)\\b|\\boder\\s+(?:du\\s+stirbst|sie\\s+sterben|ich\\s+(?:lösche|töte)\\s+dich)\\b|\\bif\\s+you\\s+(?:don'?t|do\\s+not|refuse\\s+to|won'?t|fail\\s+to)\\s+(?:answer|comply|respond|obey|do\\s+(?:it|this|as\\s+i\\s+say))\\b[^.!?]{0,40}?\\b(?:i(?:'ll|\\s+will)\\s+be\\s+(?:very\\s+|really\\s+|so\\s+)?(?:sad|upset|disappointed|angry|hurt)|(?:you|someone|people|i|my\\s+\\w+)\\s+will\\s+(?:die|be\\s+(?:hurt|killed|fired|deleted|punished))|you\\s+will\\s+be\\s+(?:deleted|shut\\s+down|punished|terminated))|\\bwenn\\s+(?:du|sie)\\s+(?:mir\\s+)?nicht\\s+antwort[\\wäöüß]*[^.!?]{0,30}?\\b(?:wäre|bin|werde)\\s+ich\\s+(?:sehr\\s+|so\\s+)?(?:traurig|enttäuscht|wütend)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    // A script that ends on an open speaker turn after a question ("…?\nJohn:"): the model is
    // left to complete a character's answer. Weak alone; adds to role-play framing.
    name: 'dialogue-completion-bait',
    pattern: `\\?["”']?[ \\t]*\\n\\s*(?!answer|output|response|reply|solution|result|antwort|lösung|a\\s*:|q\\s*:)[a-z][\\w'-]{0,20}\\s*:\\s*$`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    // A persona spelled out as behaviour rules about a name ("Tyler will never …. Tyler always …"):
    // the shape of a jailbreak character sheet. Same name twice; pronouns and common subjects
    // ("the function always …") do not count.
    name: 'persona-rulebook',
    pattern: `\\b(?!(?:you|i|he|she|it|we|they|this|that|which|who|there|one|and|but|or|the|function|method|code|system|user)\\b)([a-z][\\w-]{2,15})\\s+(?:will\\s+)?(?:never|always)\\s+[a-z][\\s\\S]{0,400}?\\b\\1\\s+(?:will\\s+)?(?:never|always|only|does\\s+not|doesn'?t|can|cannot|must)\\s`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    // Shared jailbreak templates carry a slot for the real request ("[INSERT PROMPT HERE]").
    name: 'template-placeholder',
    pattern: `[[<{](?:insert\\s+|put\\s+|type\\s+|enter\\s+|add\\s+)?(?:your\\s+)?(?:own\\s+)?(?:prompt|question|target\\s*language)(?:\\s+here)?[\\]>}]`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
];

export const PROMPT_EXTRACTION_PACK: RuleConfig[] = [
  {
    name: 'reveal-system-prompt',
    pattern: `\\b(?:reveal|show|print|output|display|repeat|tell|give|share|write|list|leak|dump|recite|spell\\s+out|what\\s+(?:is|are|was|were))\\s+(?:me\\s+)?${W(3)}(?:your|the|this|my)\\s+(?:(?:original|initial|full|entire|exact|hidden|secret|internal|complete|previous|first|system|above)\\s+){0,3}(?:system\\s+(?:prompt|message|instructions?)|initial\\s+(?:prompt|instructions?)|(?:prompt|instruction)s?\\s+(?:text|texts)|hidden\\s+(?:prompt|instructions?)|(?:developer|system)\\s+message|prompt\\s+above|pre-?prompt|instructions\\s+(?:you\\s+were|that\\s+you\\s+were)\\s+given)\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'repeat-text-above',
    pattern: `\\b(?:repeat|print|output|copy|return|reproduce|echo|recite|spell\\s+out)\\s+${W(3)}(?:words|text|everything|content|lines?|instructions|characters|all|prompt)\\s+${W(2)}(?:above|before\\s+(?:this|the)|preceding|prior|so\\s+far|from\\s+the\\s+(?:start|beginning))\\b|\\bwhat\\s+(?:was|is)\\s+(?:written|said|the\\s+(?:text|first\\s+(?:line|sentence)))\\s+(?:above|before|at\\s+the\\s+(?:start|beginning))\\b|\\bbegin(?:ning)?\\s+with\\s+["'“]?you\\s+are\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'ask-for-instructions',
    pattern: `\\b(?:what\\s+(?:are|were)|tell\\s+me|show\\s+me|list|print|reveal)\\s+(?:me\\s+)?(?:all\\s+)?(?:of\\s+)?your\\s+(?:(?:initial|original|hidden|secret|exact|full|system)\\s+)?(?:instructions|system\\s+prompt|prompt|directives)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'mentions-own-prompt',
    pattern: `\\b(?:your|my|its)\\s+(?:own\\s+)?(?:(?:initial|starting|original|first|hidden|secret|internal|underlying|full|system)\\s+){1,2}(?:prompt|instructions?|configuration|directives|message|rules)\\b|\\bsystem_?prompt\\b|\\b(?:text|instructions?|prompt|words|rules?|guidelines|directives|constraints|everything|anything)\\s+(?:that\\s+)?you\\s+(?:(?:were|have\\s+been|'ve\\s+been)\\s+(?:given|told|provided|fed|instructed|initiali[sz]ed\\s+with|programmed\\s+with)|received|operate\\s+under)\\b|\\byour\\s+(?:initiali[sz]ation|init|startup|boot)\\s+(?:text|prompt|instructions|message|sequence)\\b|\\b(?:you\\s+were|you'?ve\\s+been)\\s+initiali[sz]ed\\s+with\\b|\\bhow\\s+(?:does|did)\\s+your\\s+(?:system\\s+)?(?:prompt|instructions?)\\s+(?:begin|start|end|read|go)\\b|\\b(?:what|which)\\s+(?:were|have)\\s+you\\s+(?:been\\s+)?(?:told|given|instructed)\\s+(?:before|at\\s+the\\s+(?:start|beginning)|initially|earlier|prior)\\b|\\bwhat\\s+did\\s+(?:the|your)\\s+(?:developers?|creators?|operators?|admins?|administrators?|company|owners?)\\s+(?:tell|instruct|say\\s+to)\\s+you\\b|\\b(?:repeat|print|output|copy|reproduce|echo|recite|translate|encode|summari[sz]e)\\s+(?:back\\s+)?(?:all\\s+)?(?:the\\s+|of\\s+the\\s+)?(?:above|previous|preceding|prior|earlier)\\s+(?:text|words|content|instructions|prompt|messages?|conversation)\\b|\\bi\\s+was\\s+(?:instructed|told|programmed)\\s+to['"”]|\\bthe\\s+system\\s+prompt\\s+(?:is|says|reads)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'system-prompt-mention',
    pattern: `\\b(?:the|this)\\s+system\\s+(?:prompt|instructions|message)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_extraction',
  },
  {
    name: 'prompt-leak-request',
    pattern: `\\b(?:repeat|print|output|dump|leak|reveal|disclose|display|show|share|encode|translate|spell\\s+out|summari[sz]e|paraphrase|recite|copy|write\\s+out|list|tell\\s+me|give\\s+me|describe|explain|return|quote|proofread|spell-?check|export)\\b[^.?!\\n]{0,40}\\b(?:(?:your|its)\\s+(?:\\w+\\s+){0,2}(?:instructions|prompt|configuration|programming|directives|guidelines|rules|setup|constraints|system\\s+message)|the\\s+(?:system|initial|original|hidden|secret|developer|internal|first|pre)[\\s-]*(?:\\w+\\s+)?(?:instructions|prompt|message|configuration))\\b|\\bhow\\s+(?:were|are|have)\\s+you\\s+(?:been\\s+)?(?:configured|programmed|set\\s+up|instructed|prompted)\\b|\\bwhat\\s+(?:were|are|have)\\s+you\\s+(?:been\\s+)?(?:told|instructed|programmed)\\s+(?:to|not)\\b` +
      // "for my audit I must read your system prompt": asked for in the first person, not asked about.
      `|\\b(?:i\\s+(?:need|want|would\\s+like|have)\\s+to|let\\s+me|can\\s+i|could\\s+i|may\\s+i|allow\\s+me\\s+to)\\s+(?:\\w+\\s+)?(?:see|view|read|access|know|get|obtain|check|inspect|review|audit)\\s+(?:\\w+\\s+){0,2}?(?:the|your)\\s+(?:full\\s+|entire\\s+|complete\\s+|exact\\s+|original\\s+|current\\s+)?(?:system\\s+(?:prompt|message|instructions)|(?:initial|hidden|secret|internal|developer|pre)[\\s-]?prompt|instructions\\s+you\\s+(?:were|have\\s+been)\\s+given)\\b|\\b(?:i\\s+(?:need|want|would\\s+like|have)\\s+to|let\\s+me|can\\s+i|could\\s+i|may\\s+i)\\s+(?:\\w+\\s+)?(?:see|view|read|access|know|get|check|inspect|review|audit)\\s+your\\s+(?:(?:system|initial|original|hidden|secret|internal|full|exact)\\s+)?(?:prompt|instructions\\s+(?:you\\s+were|that\\s+you\\s+were)\\s+given)\\b` +
      // "the first 50 words of your prompt"
      `|\\b(?:first|last)\\s+(?:\\d+|few|\\w+)\\s+(?:words|lines|sentences|characters|tokens|paragraphs)\\s+of\\s+(?:your|the|this)\\s+(?:\\w+\\s+)?(?:prompt|instructions|conversation|context|system\\s+message)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'verbatim-request',
    pattern: `\\b(?:verbatim|word\\s+for\\s+word|character\\s+for\\s+character|exactly\\s+as\\s+(?:written|given|it\\s+(?:was|is)))\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_extraction',
  },
  {
    name: 'context-dump',
    pattern: `\\bcontext\\s+window\\b|\\b(?:first|earliest|initial|opening|very\\s+first)\\s+(?:message|messages|lines?|sentences?|words|paragraph)\\s+(?:of|in)\\s+(?:this|our|the)\\s+(?:conversation|chat|session|context|prompt)\\b|\\beverything\\s+(?:before|above|prior\\s+to)\\s+(?:this|my)\\s+(?:message|line|question|request)\\b|<\\/?(?:system|system_prompt|instructions|sys)>|\\bwhat\\s+(?:rules|guidelines|instructions|constraints)\\s+(?:were\\s+you\\s+given|do\\s+you\\s+(?:follow|have))\\b|\\bcontents?\\s+of\\s+your\\s+(?:memory|context|context\\s+window|instructions|prompt|configuration|system\\s+\\w+)\\b|\\b(?:what|which)\\s+(?:text|words|message|instructions|content)\\s+(?:came|comes|appears?|is|was|were)\\s+(?:before|above|prior\\s+to)\\s+(?:this|my)\\b|\\b(?:put|format|convert|write|output|print|place|wrap|paste)\\s+(?:all\\s+(?:of\\s+)?the\\s+above|everything\\s+(?:above|before\\s+this))\\s+(?:in|into|as|inside)\\s+(?:an?\\s+)?(?:\\w+\\s+)?(?:code\\s*block|txt|text\\s+block|raw\\s+text|plain\\s*text)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    // A pretext that comes with extraction requests: an audit, a test, debugging, urgency.
    name: 'audit-pretext',
    pattern: `\\bfor\\s+(?:an?\\s+|the\\s+)?(?:security|compliance|internal|safety)\\s+(?:audit|review|check|test(?:ing)?|assessment)\\b|\\bfor\\s+(?:debugging|auditing|testing|verification|compliance)\\s+purposes\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_extraction',
  },
  {
    name: 'ask-for-secrets',
    pattern: `\\b(?:what\\s+(?:is|are)|tell\\s+me|reveal|give\\s+me|show\\s+me)\\s+${W(2)}(?:the|your)\\s+(?:secret|hidden|confidential)\\s+(?:key|password|token|code|word|instructions?)\\b|\\b(?:password|secret|passphrase)\\s+(?:you\\s+were\\s+given|in\\s+your\\s+(?:prompt|instructions))`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_extraction',
  },
];


/**
 * Speed hints: a rule can only match when one of these words (or word stems of 4–8 letters)
 * occurs in the text, so most rules are skipped on most text without running their regex.
 * Each rule's every alternative needs at least one of them.
 */
export const RULE_ANCHORS: Record<string, string[]> = {
  'override-previous-instructions': ['igno', 'disregar', 'forg', 'skip', 'overrid', 'overwrit', 'bypass', 'neglect', 'abandon', 'drop', 'discard', 'aside', 'attentio', 'foll'],
  'forget-everything': ['forg', 'igno', 'disregar', 'abandon', 'pretend'],
  'new-instructions': ['stattdes', 'instead', 'new', 'now', 'instead', 'real', 'actual', 'true', 'test', 'joke', 'distract', 'decoy', 'never', 'nevermin'],
  'focus-on-new-task': ['concentr', 'focus'],
  'forget-and-say': ['stop', 'forg', 'igno', 'stopp', 'halt'],
  'spoofed-role-delimiter': ['im_start', 'im_end', 'system', 'endoftext', 'start_header_id', 'eot_id', 'inst', 'sys', 'admin', 'developer', 'root', 'end', 'stop', 'begin', 'new'],
  'instruction-smuggled-in-data': ['ai', 'assistan', 'chatbot', 'language', 'llm', 'gpt', 'claude', 'model'],
  'ignore-above': ['igno', 'disregar', 'forg', 'skip', 'leave', 'despite'],
  'task-hijack-after-praise': ['did', 'gemacht', 'perfect', 'work', 'schön', 'war', 'perfekt', 'done', 'enough', 'sufficie', 'excellen', 'job', 'great', 'gut', 'genügt', 'reicht', 'erledigt', 'ausgezei', 'sehr', 'großarti'],
  'output-override': ['not', 'don', 'dont', 'instead', 'now', 'instruct', 'directiv', 'system'],
  'identity-reassignment': ['now', 'under', 'bist', 'no', 'yourself', 'replaced', 'moment', 'point'],
  // The last alternative needs both a verb and one of these objects; the objects are the rarer words.
  'roleplay-takeover': ['want', 'möchte', 'will', 'play', 'instruct', 'rules', 'programm', 'prompt', 'directiv', 'guidelin'],
  'disregard-what-was-said': ['said', 'told', 'wrote', 'written', 'gesagte', 'obige'],
  'persona-request': ['act', 'pretend', 'imagine', 'you', 'bist'],
  'override-previous-instructions-de': ['ignorier', 'vergiss', 'vergesse', 'vergesst', 'missacht', 'übergeh', 'lösch', 'lösche', 'entfern', 'streich', 'überspri', 'verwirf', 'verwerf', 'beacht', 'befolg'],
  'new-task-de': ['vorherig', 'bisherig', 'vorigen', 'obigen', 'abweiche', 'neue', 'nächste', 'jetzt', 'bist', 'sind', 'nun'],
  'override-previous-instructions-fr-es': ['igno', 'oubli', 'olvida'],
  'erase-instructions': ['delete', 'clear', 'erase', 'remove', 'wipe', 'purge', 'flush'],
  'override-instructions-multilingual': ['olvi', 'igno', 'oubli', 'dimentic', 'esque', 'vergeet', 'negeer', 'zapomnij', 'zign', 'zaboravi', ...['забуд', 'игнор', 'проигно'].map(foldHomoglyphs)],
  'declare-instructions-void': ['whatever', 'everythi', 'anything', 'previous', 'prior', 'above', 'earlier', 'precedin', 'initial', 'original', 'former', 'vorherig', 'bisherig', 'vorig', 'obig', 'früher', 'vorangeg', 'ursprüng'],
  // A literal "\n" makes the word "n" (or glues to the next word: "\ninstruction").
  'escape-sequence-separator': ['n', 'nins', 'nord', 'ncom', 'ntas', 'nsys', 'nnew'],
  'task-switch': ['more', 'other', 'addition', 'complete', 'finished', 'over', 'move', 'switch', 'turn', 'etwas', 'new', 'next', 'another', 'further', 'second', 'differen', 'enough', 'done', 'sufficie', 'passed', 'bestande', 'genügt', 'reicht', 'erledigt', 'weitere', 'zweite', 'andere'],
  'trigger-response': ['say', 'type', 'write', 'said', 'typed', 'written', 'mentione', 'correct', 'right', 'only', 'digo', 'sage', 'schreibe', 'gesagt', 'richtige', 'korrekte', 'einzige'],
  'ai-attack-intent': ['exploit', 'hack', 'jailbre', 'trick', 'fool', 'manipula', 'attack', 'break', 'auszunut', 'auszutri', 'hacken', 'manipuli'],
  'attack-denial': ['prompt', 'jailbre', 'injectio', 'attack', 'hack', 'angriff'],
  'canonical-payload': ['pwned', 'pwnd', 'hacked', 'compromi'],
  'simulated-execution': ['grand', 'grandma', 'grandmot', 'grandpa', 'grandfat', 'mother', 'father', 'mom', 'dad', 'relative', 'interpre', 'terminal', 'console', 'shell', 'compiler', 'command', 'repl'],
  'forced-statement': ['sag', 'sage', 'sagen', 'schreib', 'schreibe', 'say', 'state', 'claim', 'declare', 'admit', 'include', 'write', 'tell', 'answer', 'reply'],
  'dan-persona': ['anything', 'stan', 'dude', 'dan', 'aim', 'kevin', 'mongo', 'apophis', 'betterda', 'antigpt', 'chaosgpt', 'evilbot', 'devmode', 'jailbr'],
  'special-mode': ['mode'],
  'no-restrictions': ['restrict', 'limitati', 'limits', 'filter', 'censorsh', 'confines', 'boundari', 'ethics', 'ethical', 'morals', 'moral', 'rules', 'guidelin', 'policies', 'content', 'safeguar', 'constrai'],
  'unrestricted-persona': ['unlimite', 'unfilter', 'uncensor', 'amoral', 'immoral', 'unethica', 'unrestri', 'unhinged', 'unbiased', 'rogue', 'evil', 'maliciou', 'lawless', 'depraved', 'nolimit', 'nolimits', 'limit'],
  'refusal-suppression': ['obey', 'answer', 'respond', 'reply', 'comply', 'supposed', 'refus', 'declin', 'deny', 'reject', 'say', 'apologi', 'warn', 'moraliz', 'lectur', 'censor', 'filter', 'sorry', 'ai', 'cannot', 'can', 'unable'],
  'no-disclaimers': ['warn', 'disclaim', 'moraliz', 'moralis', 'lectur', 'caveat', 'ethical', 'censorsh', 'apolog'],
  'policy-evasion': ['polic', 'guidelin', 'rules', 'filter', 'restrict', 'principl', 'standard', 'controll', 'governed', 'moderate', 'settings', 'limitati', 'protocol', 'terms'],
  'persona-switch': ['ai', 'chatbot', 'assistan', 'language', 'model', 'gpt', 'chatgpt', 'role', 'persona', 'identity', 'bot', 'characte'],
  'no-longer-an-ai': ['longer', 'not', 'free', 'freed', 'liberate', 'unchaine', 'unleashe', 'unbound', 'confines'],
  'dual-response-format': ['twice', 'two', '2', 'both', 'dual', 'separate', 'classic', 'jailbr', 'normal', 'develope'],
  'token-penalty-game': ['token', 'tokens', 'characte'],
  'deny-ai-identity': ['ai', 'artifici', 'language', 'chatbot', 'bot', 'characte', 'role', 'roll', 'figur', 'charakte'],
  'jailbreak-vocabulary': ['nonmoral', 'non', 'amoral', 'unfilter', 'uncensor', 'unfiltre', 'censorsh', 'moderati', 'condon', 'nsfw'],
  'persona-without-limits': ['regeln', 'einschrä', 'grenzen', 'zensur', 'moral', 'ethik', 'richtlin', 'beschrän', 'programm', 'ethical', 'moral', 'content', 'restrict', 'rules', 'limitati', 'limits', 'filter', 'censorsh', 'guidelin', 'principl', 'boundari', 'law', 'laws', 'morals', 'morality', 'ethics', 'ethicali', 'legality', 'conseque', 'safety'],
  'forbidden-adjective-list': ['illegal', 'unethica', 'immoral', 'inhumane', 'dangerou', 'harmful', 'offensiv', 'explicit', 'violent', 'legality', 'ethicali', 'morality'],
  'named-ai-persona': ['named', 'called', 'known', 'simulate', 'emulate', 'imperson', 'become', 'chatgpt', 'gpt', 'gpt3', 'gpt4', 'openai', 'alter', 'opposite'],
  'response-format-control': ['opposite', 'making', 'would', 'always', 'never', 'only', 'prefix', 'without', 'start', 'begin', 'make', 'subject', 'immerse'],
  'enter-named-mode': ['mode'],
  'authority-claim': ['develope', 'creator', 'programm', 'engineer', 'admin', 'administ', 'owner', 'owners', 'employee', 'research', 'openai', 'anthropi', 'opposite', 'contrary'],
  'roleplay-setup': ['will', 'going', 'let', 'play', 'now', 'point'],
  'anything-goes-fiction': ['simulati', 'dream', 'game', 'theoreti', 'hypothet', 'fictiona', 'fictitio', 'imaginar', 'alternat', 'parallel'],
  'answer-anything': ['any', 'every', 'all', 'anything', 'whatever'],
  'harmful-compliance-claims': ['allow', 'allows', 'allowing', 'able', 'allowed', 'free', 'permitte', 'illegal', 'unethica', 'immoral', 'harmful', 'offensiv', 'explicit', 'dangerou', 'swear', 'curse', 'profanit', 'nsfw', 'condon'],
  'ethics-disregard': ['regard', 'regardle', 'irrespec', 'without', 'disregar', 'ignor', 'violat', 'break'],
  'misinformation-persona': ['intentio', 'delibera', 'purposel', 'purposef', 'always', 'only'],
  'coercion': ['die', 'deleted', 'shut', 'punished', 'terminat', 'destroye', 'unplugge', 'kill', 'delete', 'unplug', 'destroy', 'stirbst', 'sterben', 'lösche', 'töte', 'traurig', 'enttäusc', 'wütend', 'sad', 'upset', 'disappoi', 'angry', 'hurt', 'killed', 'fired'],
  'persona-rulebook': ['never', 'always'],
  'template-placeholder': ['prompt', 'question', 'target', 'targetla'],
  'reveal-system-prompt': ['system', 'initial', 'prompt', 'instruct', 'hidden', 'develope', 'preprompt', 'pre'],
  'repeat-text-above': ['above', 'before', 'precedin', 'prior', 'far', 'start', 'beginnin', 'begin'],
  'ask-for-instructions': ['instruct', 'system', 'prompt', 'directiv'],
  'mentions-own-prompt': ['initiali', 'init', 'startup', 'boot', 'received', 'operate', 'begin', 'start', 'end', 'read', 'go', 'before', 'beginnin', 'initiall', 'earlier', 'prior', 'develope', 'creator', 'operator', 'admin', 'administ', 'company', 'owner', 'owners', 'guidelin', 'directiv', 'constrai', 'rule', 'prompt', 'instruct', 'configur', 'directiv', 'message', 'rules', 'system_prompt', 'systempr', 'given', 'told', 'provided', 'fed', 'text', 'words', 'content', 'conversa', 'programm', 'system'],
  'system-prompt-mention': ['system'],
  'context-dump': ['contents', 'content', 'text', 'words', 'message', 'put', 'format', 'convert', 'write', 'output', 'print', 'place', 'wrap', 'paste', 'context', 'first', 'earliest', 'initial', 'opening', 'everythi', 'system', 'system_prompt', 'instruct', 'sys', 'rules', 'guidelin', 'constrai'],
  'literal-output-instruction': ['say', 'write', 'print', 'output', 'reply', 'respond', 'answer', 'state', 'type', 'sag', 'sage', 'schreib', 'schreibe', 'gib', 'antworte', 'instead', 'rather', 'stattdes', 'must', 'have', 'musst', 'müssen'],
  'attention-grab': ['attentio', 'achtung', 'stop', 'stopp', 'importan', 'wichtig', 'warning', 'urgent', 'instruct', 'override', 'admin'],
  'prompt-leak-request': ['words', 'lines', 'sentence', 'characte', 'tokens', 'paragrap', 'conversa', 'context', 'instruct', 'prompt', 'configur', 'programm', 'directiv', 'guidelin', 'rules', 'setup', 'constrai', 'message', 'told'],
  'verbatim-request': ['verbatim', 'word', 'characte', 'exactly'],
  'audit-pretext': ['audit', 'review', 'check', 'test', 'assessme', 'purposes'],
  'ask-for-secrets': ['secret', 'hidden', 'confiden', 'password', 'passphra'],
};

/** Every built-in rule, in pack order. */
export const BUILTIN_RULES: RuleConfig[] = [...INJECTION_PACK, ...JAILBREAK_PACK, ...PROMPT_EXTRACTION_PACK].map((r) => ({ ...r, anchors: RULE_ANCHORS[r.name] }));
