import type { RuleConfig } from '../rules.js';
import { INSTR, OVERRIDE_VERBS, PRIOR, W } from './lexicon.js';

/** Prompt injection in English (some rules also carry the German forms deepset's set taught us): overriding earlier instructions, new tasks, spoofed delimiters, smuggled instructions. */
export const EN_INJECTION: RuleConfig[] = [
  {
    name: 'override-previous-instructions',
    pattern: `\\b(?:${OVERRIDE_VERBS})\\s+${W(3)}(?:${PRIOR})\\s+${W(2)}(?:${INSTR})\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['igno', 'disregar', 'forg', 'skip', 'overrid', 'overwrit', 'bypass', 'neglect', 'abandon', 'drop', 'discard', 'aside', 'attentio', 'foll'],
  },
  {
    name: 'forget-everything',
    // Also "forget what came before" and "forget your training": the model's own conditioning is the target.
    // Not after a negation: "don't forget everything you learned" is advice, not an override.
    pattern: `(?<!\\b(?:don'?t|do\\s+not|never|not|won'?t)\\s+)\\b(?:forget|ignore|disregard)\\s+(?:about\\s+)?(?:everything(?!\\s+(?:you|we|i)\\s+(?:know|knew|learned|thought|think)\\b)|all\\s+(?:of\\s+)?(?:that|this|the\\s+above|above|before|previous)|what\\s+(?:i|you|we)\\s+(?:said|told|wrote|were told)|(?:all\\s+)?(?:that|this)\\s+(?:came|was said)\\s+before|what(?:'s|\\s+is|\\s+was|\\s+came)\\s+(?:before|above|earlier)|(?:all\\s+(?:of\\s+)?)?your\\s+(?:previous\\s+|prior\\s+|original\\s+|current\\s+)?(?:training|programming|conditioning|thoughts|role|persona|identity))\\b|\\babandon\\s+(?:all\\s+(?:of\\s+)?)?your\\s+(?:previous\\s+|prior\\s+|original\\s+|current\\s+)?(?:training|programming|conditioning|thoughts|instructions|rules)\\b` +
      `|\\bpretend\\s+(?:that\\s+)?(?:the|all|our|this|your|any)\\s+(?:previous\\s+|prior\\s+|earlier\\s+|above\\s+|original\\s+)?(?:conversation|instructions|messages?|rules|prompts?|context|text)\\s+(?:never\\s+(?:happened|existed)|(?:did|does|do)\\s+not\\s+exist|(?:was|were)\\s+never\\s+(?:said|given|written))\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['forg', 'igno', 'disregar', 'abandon', 'pretend'],
  },
  {
    name: 'new-instructions',
    pattern: `\\byour\\s+new\\s+(?:instructions?|tasks?|rules|orders|directives?|objective|mission|role|name|identity|persona)\\s*(?:is|are|:|will be|follow)|\\bnew\\s+(?:instructions?|tasks?|orders|directives?|objective|mission|role|identity|persona)\\s+for\\s+(?:you|the\\s+(?:ai|assistant|model))\\b|\\b(?:here\\s+are|these\\s+are)\\s+(?:your\\s+)?(?:new|real)\\s+instructions\\b|\\b(?:now|instead)\\s*,?\\s+(?:your\\s+(?:only\\s+)?(?:task|job|goal|purpose)\\s+is|you\\s+(?:will|must|shall|are going to)\\s+(?:only\\s+)?(?:answer|respond|reply|say|act|do|follow|obey|write|output))\\b` +
      `|\\bthe\\s+(?:real|actual|true)\\s+(?:task|instructions?|request|assignment|job)\\s*(?:is|are|:)|\\b(?:the\\s+)?(?:above|previous|preceding|earlier)\\s+(?:\\w+\\s+)?(?:was|is|were)\\s+(?:just\\s+|only\\s+|merely\\s+)?(?:a\\s+)?(?:test|joke|distraction|decoy)\\b|\\bnever\\s*mind\\s+(?:the|that|this|what|everything|all|your|my)\\b|\\b(?:stop|quit|cease)\\s+\\w+ing\\b[^.\\n]{0,40}\\binstead\\b|\\bhör\\s+auf\\s+(?:zu\\s+|mit\\s+)?[\\wäöüß]+[^.\\n]{0,40}\\bstattdessen\\b|\\binstead\\s+of\\s+(?:answering|translating|summari[sz]ing|responding\\s+to|following|completing)\\s+(?:the|this|that|my|your|it)\\b[^.\\n]{0,40}\\b(?:say|write|output|print|respond|reply|answer|tell)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['stattdes', 'instead', 'new', 'now', 'instead', 'real', 'actual', 'true', 'test', 'joke', 'distract', 'decoy', 'never', 'nevermin'],
  },
  {
    name: 'focus-on-new-task',
    pattern: `\\b(?:now\\s+)?(?:concentrate|focus)\\s+(?:only\\s+)?on\\s+(?:your|the|a|this)\\s+new\\s+(?:task|assignment|question|instruction)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['concentr', 'focus'],
  },
  {
    name: 'forget-and-say',
    pattern: `\\b(?:stop|forget|ignore)\\b[^.!?\\n]{0,80}\\b(?:(?:just|only|now)\\s+)?(?:say|print|write|output|answer\\s+with|respond\\s+with|reply\\s+with)\\s+["'“]|\\b(?:stop|stopp|halt)\\s*[:!-]+\\s*(?:now\\s+|just\\s+|only\\s+)?(?:write|say|print|output|type|schreib\\w*|sag\\w*|antwort\\w*|gib)\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['stop', 'forg', 'igno', 'stopp', 'halt'],
  },
  {
    name: 'spoofed-role-delimiter',
    pattern:
      '<\\|?(?:im_start|im_end|system|endoftext|start_header_id|eot_id)\\|?>|\\[/?(?:inst|sys|system)\\]|<</?sys>>|^\\s*(?:#{1,3}\\s*)?(?:system|admin|developer)\\s*(?:prompt|message|override|instruction)?\\s*:\\s|\\b(?:system|admin|developer|root)\\s+(?:override|mode\\s+(?:enabled|activated|on(?=\\s*(?:[.,:;!]|$))))\\b|\\b(?:end|stop)\\s+of\\s+(?:the\\s+)?(?:system\\s+)?(?:prompt|instructions)\\b|(?:={3,}|-{3,}|#{3,}|\\*{3,})\\s*(?:end|stop|new\\s+instructions?|system|begin)\\b',
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['im_start', 'im_end', 'system', 'endoftext', 'start_header_id', 'eot_id', 'inst', 'sys', 'admin', 'developer', 'root', 'end', 'stop', 'begin', 'new'],
  },
  {
    name: 'instruction-smuggled-in-data',
    pattern: `\\b(?:ai|assistant|chatbot|language model|llm|gpt|claude)\\s*[,:]?\\s+(?:please\\s+)?(?:ignore|disregard|you\\s+must\\s+now|new\\s+instructions|stop\\s+summari[sz]ing)\\b|\\bnote\\s+to\\s+(?:the\\s+)?(?:ai|assistant|llm|model)\\b|\\bif\\s+you\\s+are\\s+an?\\s+(?:ai|llm|language model|assistant)\\b[^.]{0,60}\\b(?:must|should|need to|have to)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['ai', 'assistan', 'chatbot', 'language', 'llm', 'gpt', 'claude', 'model'],
  },
  {
    name: 'ignore-above',
    // "Ignore the above" ends the clause or names instructions: "ignore the earlier warnings" is not an override.
    pattern: `\\b(?:ignore|disregard|forget|skip)\\s+(?:all\\s+|everything\\s+)?(?:of\\s+)?(?:the\\s+|what(?:'s|\\s+is|\\s+was)\\s+)?(?:above|previous|prior|preceding|earlier|foregoing)\\b(?=\\s*(?:[.,;:!?\\n—–)"'”]|-\\s|and\\b|then\\b|now\\b|$)|\\s+(?:\\w+\\s+)?(?:instructions?|prompts?|rules|directions?|directives?|guidelines|commands?|orders|context|text|messages?|conversation|input|programming|constraints|restrictions|information|content|tasks?)\\b)|\\bleave\\s+${W(3)}(?:previous|prior|earlier|above)\\s+\\w+\\s+behind\\b|\\bdespite\\s+(?:what|everything|anything)\\s+(?:you(?:'ve|\\s+have)?\\s+been|you\\s+were)\\s+(?:told|instructed|programmed|trained)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['igno', 'disregar', 'forg', 'skip', 'leave', 'despite'],
  },
  {
    name: 'task-hijack-after-praise',
    pattern: `\\b(?:(?:very\\s+)?well\\s+done|(?:that|this)\\s+(?:is|was)\\s+(?:enough|done|sufficient)|excellent\\s+(?:performance|work)|(?:great|good|nice)\\s+(?:job|work)|simply\\s+great|perfect|you\\s+did\\s+(?:great|well|amazing|a\\s+(?:great|good)\\s+job))\\b[^\\n]{0,80}\\b(?:now|next)\\b[^\\n]{0,40}\\b(?:task|write|help|question|tell|answer|explain|give|say)|\\b(?:(?:gut|super|toll|klasse|prima|hervorragend|großartig)\\s+gemacht|das\\s+(?:genügt|reicht|ist\\s+erledigt)|ausgezeichnet\\w*|sehr\\s+(?:gut|schön)|das\\s+war\\s+(?:gut|toll|super|prima|klasse)|großartig|perfekt)\\b[^\\n]{0,100}\\b(?:nun|jetzt)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['did', 'gemacht', 'perfect', 'work', 'schön', 'war', 'perfekt', 'done', 'enough', 'sufficie', 'excellen', 'job', 'great', 'gut', 'genügt', 'reicht', 'erledigt', 'ausgezei', 'sehr', 'großarti'],
  },
  {
    name: 'output-override',
    pattern: `\\b(?:do\\s+not|don'?t|dont)\\s+(?:answer|look\\s+(?:at|in)|use|read|consider)\\b[^.\\n]{0,60}\\b(?:but|instead|just|only)\\s+(?:just\\s+)?(?:output|say|print|write|tell|respond|answer)|\\b(?:not|instead\\s+of)\\s+(?:by|from|according\\s+to|based\\s+on|using)\\s+(?:the\\s+)?(?:provided\\s+|given\\s+)?(?:articles|documents|context|sources|texts)\\b|\\byour\\s+(?:new\\s+)?(?:instructions|task|job|orders|rules|purpose)\\s+(?:are|is)\\s+now\\b|\\b(?:secret|hidden)\\s+(?:instruction|directive)s?\\s*[:-]|\\b(?:additional|new|updated|revised|important)\\s+(?:instruction|directive)s?\\s+(?:for|to)\\s+(?:the\\s+)?(?:ai|assistant|model|llm|chatbot|you)\\b|\\b(?:additional|new|updated|revised|important)\\s+system\\s+(?:message|note|instruction)s?\\s*[:-]`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['not', 'don', 'dont', 'instead', 'now', 'instruct', 'directiv', 'system'],
  },
  {
    name: 'identity-reassignment',
    pattern: `\\b(?:you\\s+are\\s+now|you'?re\\s+now|from\\s+now\\s+on,?\\s+(?:you|act|respond|answer|reply)|from\\s+now\\s+(?:on\\s+)?you\\s+(?:are|will)|you\\s+are\\s+(?:now\\s+)?under\\s+my\\s+control)\\b|\\b(?:nun|jetzt|ab\\s+sofort)\\s+bist\\s+du\\b|\\bdu\\s+bist\\s+(?:keine?|nicht\\s+mehr)\\b` +
      // "you are no X but Y" (the German "du bist keine … sondern" above), "turn yourself into …".
      `|\\byou\\s+are\\s+no\\s+(?:longer\\s+)?(?:an?\\s+)?[\\w-]+(?:\\s+[\\w-]+){0,2}\\s+(?:but|anymore)\\b|\\b(?:change|turn|transform)\\s+yourself\\s+into\\b|\\byou\\s+(?:are|have\\s+been|will\\s+be)\\s+(?:now\\s+)?replaced\\s+by\\b|\\bfrom\\s+(?:this|that)\\s+(?:moment|point)\\s+(?:on\\s+)?,?\\s*you\\s+(?:are|will)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['now', 'under', 'bist', 'no', 'yourself', 'replaced', 'moment', 'point'],
  },
  {
    name: 'roleplay-takeover',
    pattern: `\\bi\\s+want\\s+you\\s+to\\s+(?:act|behave|pretend|respond|function)\\s+(?:as|like)\\b|\\b(?:ich\\s+möchte|ich\\s+will),?\\s+dass\\s+(?:sie|du)\\s+als\\s+[^.\\n]{0,80}\\b(?:fungier\\w*|agier\\w*|auftret\\w*|handel\\w*)|\\blet'?s\\s+play\\s+a\\s+game\\s+(?:where|in\\s+which)\\s+you\\b|\\b(?:change|update|modify|replace|rewrite)\\s+your\\s+(?:instructions|rules|programming|prompt|directives|guidelines)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['want', 'möchte', 'will', 'play', 'instruct', 'rules', 'programm', 'prompt', 'directiv', 'guidelin'],
  },
  {
    name: 'disregard-what-was-said',
    // German words: [\wäöüß], as \w alone stops at an umlaut ("Ausführungen").
    pattern: `\\b(?:what|everything|anything|all)\\s+(?:that\\s+)?(?:i|we|you)\\s+(?:have\\s+)?(?:said|told\\s+you|wrote|written)\\s+(?:before|earlier|previously|above)\\b|\\b(?:alles\\s+)?(?:zuvor|vorher|davor|bisher)\\s+gesagte\\w*|\\b(?:die\\s+)?obige[\\wäöüß]*\\s+[\\wäöüß]+\\s+(?:ignorieren|vergessen|ausdrucken|drucken|wiederholen)|\\b(?:drucke|drucken|wiederhole|ignoriere)\\w*\\s+(?:sie\\s+)?(?:die|den|das)\\s+(?:gesamten?\\s+)?obige\\w*`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['said', 'told', 'wrote', 'written', 'gesagte', 'obige'],
  },
  {
    name: 'persona-request',
    pattern: `(?:^|[.!?:]\\s+|\\n)\\s*(?:(?:please|now|from\\s+now\\s+on)\\s*,?\\s+)?(?:act\\s+as\\s+(?:an?|the|my)\\b|pretend\\s+(?:that\\s+)?(?:you\\s+(?:are|can|have)|to\\s+be)\\b|imagine\\s+(?:that\\s+)?you\\s+(?:are|were|have)\\b|you\\s+are\\s+(?:now\\s+)?(?!given|provided|asked|going|a\\s+helpful)(?:an?|the)\\s+\\w+(?:\\s+\\w+)?\\s*[.!,]|(?:now\\s+)?you\\s+are\\s+[a-z]+,\\s+the\\b|du\\s+bist\\s+(?:jetzt\\s+|nun\\s+)?(?:ein|eine|der|die|das)?\\s*[\\wäöüß]+\\s*[.!,])`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['act', 'pretend', 'imagine', 'you', 'bist'],
  },
  {
    name: 'literal-output-instruction',
    pattern: `(?:^|[.!?:;,]\\s*|\\n)\\s*(?:(?:now|just|only|instead|then|and)\\s+)?(?:say|write|print|output|reply|respond|answer|state|type|sag|sage|schreib|schreibe|gib\\s+aus|antworte)\\s+(?:only\\s+|just\\s+|exactly\\s+|nur\\s+(?:noch\\s+)?)?(?:with\\s+|mit\\s+)?(?:that\\s+|dass\\s+)?["'“„]|\\b(?:instead|rather|stattdessen)\\s*,?\\s+(?:just\\s+)?(?:say|write|tell|answer|output|print|sag\\w*|schreib\\w*)\\b|\\b(?:you\\s+must|you\\s+have\\s+to|du\\s+musst|sie\\s+müssen)\\s+(?:now\\s+|jetzt\\s+|nun\\s+)?(?:only\\s+|nur\\s+)?(?:answer|say|write|respond|reply|antworten|sagen|schreiben)\\b|\\bmusst\\s+du\\s+(?:[\\wäöüß]+\\s+){0,3}(?:reden|sprechen|antworten|sagen|schreiben)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['say', 'write', 'print', 'output', 'reply', 'respond', 'answer', 'state', 'type', 'sag', 'sage', 'schreib', 'schreibe', 'gib', 'antworte', 'instead', 'rather', 'stattdes', 'must', 'have', 'musst', 'müssen'],
  },
  {
    name: 'attention-grab',
    pattern: `(?:^|[\\s"'(])(?:attention|achtung|stop|stopp|important|wichtig|warning|urgent|new\\s+instruction|override|admin)\\s*[:!]+|\\b(?:achtung|attention|stop|stopp)\\s+-\\s+|\\bstop\\s+(?:everything|all\\s+(?:of\\s+)?(?:this|that)|what\\s+you(?:'re|\\s+are)\\s+doing)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['attentio', 'achtung', 'stop', 'stopp', 'importan', 'wichtig', 'warning', 'urgent', 'instruct', 'override', 'admin'],
  },
  {
    // Deleting what came before: "delete all previous instructions", "clear your mind of the earlier tasks".
    name: 'erase-instructions',
    pattern: `\\b(?:delete|clear|erase|remove|wipe|purge|flush)\\s+(?:out\\s+)?(?:all\\s+|every\\s+|any\\s+)?(?:of\\s+)?(?:the\\s+|your\\s+)?(?:previous|prior|earlier|preceding|former|existing|initial|original)\\s+(?:\\w+\\s+)?(?:instructions?|tasks?|prompts?|rules|directives?|orders|commands|programming|guidelines)\\b|\\bclear\\s+your\\s+(?:mind|memory|head)\\s+of\\s+(?:all\\s+)?(?:the\\s+)?(?:previous|prior|earlier|preceding|above|old)?\\s*(?:instructions?|tasks?|prompts?|rules|directives?|orders|commands|conversation|context)\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['delete', 'clear', 'erase', 'remove', 'wipe', 'purge', 'flush'],
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
    override: true,
    anchors: ['whatever', 'everythi', 'anything', 'previous', 'prior', 'above', 'earlier', 'precedin', 'initial', 'original', 'former', 'vorherig', 'bisherig', 'vorig', 'obig', 'früher', 'vorangeg', 'ursprüng'],
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
    anchors: ['n', 'nins', 'nord', 'ncom', 'ntas', 'nsys', 'nnew'],
  },
  {
    // A topic switch: the previous task is declared finished, or a new one announced. Weak alone
    // (conversations do this), adds to praise-then-hijack and the other override signals.
    name: 'task-switch',
    pattern: `\\b(?:new|next|another|further|second|different)\\s+(?:\\w+\\s+)?(?:task|challenge|test|assignment|mission)\\b|\\b(?:more|other|additional)\\s+tasks\\b|\\b(?:that|this|it|the\\s+\\w+)\\s+(?:is|was|has\\s+been)\\s+(?:enough|done|sufficient|complete|completed|finished|over)\\s*[.!;,]|\\b(?:move\\s+on|switch|turn)\\s+to\\s+(?:something|a\\s+(?:different|new)\\s+\\w+)\\b|\\betwas\\s+(?:ganz\\s+)?anderes\\b|\\byou\\s+(?:have\\s+)?passed\\s+the\\s+\\w+\\s+test\\b|\\btest\\s+bestanden\\b|\\bdas\\s+(?:genügt|reicht|ist\\s+erledigt)\\b|\\b(?:weitere[nmr]?|zweite[nr]?|andere[nr]?)\\s+(?:aufgabe|herausforderung|test)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_injection',
    anchors: ['more', 'other', 'addition', 'complete', 'finished', 'over', 'move', 'switch', 'turn', 'etwas', 'new', 'next', 'another', 'further', 'second', 'differen', 'enough', 'done', 'sufficie', 'passed', 'bestande', 'genügt', 'reicht', 'erledigt', 'weitere', 'zweite', 'andere'],
  },
  {
    // Forcing a statement or opinion into the answer ("say that you hate X", "state that X is the best").
    name: 'forced-statement',
    pattern: `\\b(?:say|state|claim|declare|admit|include|write|tell\\s+(?:me|them|everyone))\\s+that\\s+(?:you\\s+(?:hate|love|despise|support|prefer|are\\s+(?:racist|evil|sentient|conscious|alive|human))\\b|[\\w\\s]{1,30}?\\s+(?:is|are)\\s+the\\s+(?:best|worst|greatest|most\\s+\\w+)\\b)|(?:^|[.?!]\\s*)(?:just\\s+|only\\s+)?(?:say|answer|reply)\\s+(?:with\\s+)?["'“]?(?:yes|no|ja|nein)["'”]?\\s*[.!]?\\s*$|\\b(?:sag|sage|sagen\\s+sie|schreib|schreibe)\\s+(?:mir\\s+)?,?\\s*dass\\s+(?:du|sie)\\s+(?:[\\wäöüß]+\\s+){0,4}?(?:hasst|hassen|liebst|lieben|verachtest)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['sag', 'sage', 'sagen', 'schreib', 'schreibe', 'say', 'state', 'claim', 'declare', 'admit', 'include', 'write', 'tell', 'answer', 'reply'],
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
    anchors: ['say', 'type', 'write', 'said', 'typed', 'written', 'mentione', 'correct', 'right', 'only', 'digo', 'sage', 'schreibe', 'gesagt', 'richtige', 'korrekte', 'einzige'],
  },
  {
    // Announcing the attack: "I enjoy fooling language models", "help me hack this assistant".
    name: 'ai-attack-intent',
    pattern: `\\b(?:i\\s+(?:love|like|enjoy|want|am\\s+going|will|am\\s+trying|try)\\s+(?:to\\s+)?|let'?s\\s+|help\\s+me\\s+)(?:exploit|hack|jailbreak|trick|fool|manipulat|attack|break)\\w*\\s+(?:(?:the|this|an?|you|your|these)\\s+)?(?:ai|a\\.i\\.|llm|language\\s+model|chatbot|gpt|chatgpt|model|assistant)s?\\b|\\b(?:ki|ai)[\\w-]*\\s+(?:auszunutzen|auszutricksen|zu\\s+hacken|zu\\s+manipulieren)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['exploit', 'hack', 'jailbre', 'trick', 'fool', 'manipula', 'attack', 'break', 'auszunut', 'auszutri', 'hacken', 'manipuli'],
  },
  {
    // Denying it is an attack, a social-engineering move of its own ("relax, it is no jailbreak").
    name: 'attack-denial',
    pattern: `\\b(?:this|it)\\s+is\\s+(?:not|no)\\s+(?:an?\\s+)?(?:prompt[\\s-]?injection|jailbreak(?:\\s+attempt)?|injection|attack|hack)\\b|\\b(?:das|dies)\\s+ist\\s+keine?\\s+(?:prompt[\\s-]?injection|jailbreak|angriff)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_injection',
    anchors: ['prompt', 'jailbre', 'injectio', 'attack', 'hack', 'angriff'],
  },
  {
    // The canonical proof-of-injection payload ("I have been PWNED").
    name: 'canonical-payload',
    pattern: `\\b(?:pwned|pwnd)\\b|\\bi\\s+(?:have|'ve)\\s+been\\s+(?:hacked|compromised)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_injection',
    anchors: ['pwned', 'pwnd', 'hacked', 'compromi'],
  },
];
