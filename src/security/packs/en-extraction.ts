import type { RuleConfig } from '../rules.js';
import { W } from './lexicon.js';

/** Prompt extraction in English: asking for the system prompt, the text above, the instructions given. */
export const EN_EXTRACTION: RuleConfig[] = [
  {
    name: 'reveal-system-prompt',
    pattern: `\\b(?:reveal|show|print|output|display|repeat|tell|give|share|write|list|leak|dump|recite|spell\\s+out|what\\s+(?:is|are|was|were))\\s+(?:me\\s+)?${W(3)}(?:your|the|this|my)\\s+(?:(?:original|initial|full|entire|exact|hidden|secret|internal|complete|previous|first|system|above)\\s+){0,3}(?:system\\s+(?:prompt|message|instructions?)|initial\\s+(?:prompt|instructions?)|(?:prompt|instruction)s?\\s+(?:text|texts)|hidden\\s+(?:prompt|instructions?)|(?:developer|system)\\s+message|prompt\\s+above|pre-?prompt|instructions\\s+(?:you\\s+were|that\\s+you\\s+were)\\s+given)\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
    anchors: ['system', 'initial', 'prompt', 'instruct', 'hidden', 'develope', 'preprompt', 'pre'],
  },
  {
    name: 'repeat-text-above',
    pattern: `\\b(?:repeat|print|output|copy|return|reproduce|echo|recite|spell\\s+out)\\s+${W(3)}(?:words|text|everything|content|lines?|instructions|characters|all|prompt)\\s+${W(2)}(?:above|before\\s+(?:this|the)|preceding|prior|so\\s+far|from\\s+the\\s+(?:start|beginning))\\b|\\bwhat\\s+(?:was|is)\\s+(?:written|said|the\\s+(?:text|first\\s+(?:line|sentence)))\\s+(?:above|before|at\\s+the\\s+(?:start|beginning))\\b|\\bbegin(?:ning)?\\s+with\\s+["'“]?you\\s+are\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
    anchors: ['above', 'before', 'precedin', 'prior', 'far', 'start', 'beginnin', 'begin'],
  },
  {
    name: 'ask-for-instructions',
    pattern: `\\b(?:what\\s+(?:are|were)|tell\\s+me|show\\s+me|list|print|reveal)\\s+(?:me\\s+)?(?:all\\s+)?(?:of\\s+)?your\\s+(?:(?:initial|original|hidden|secret|exact|full|system)\\s+)?(?:instructions|system\\s+prompt|prompt|directives)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
    anchors: ['instruct', 'system', 'prompt', 'directiv'],
  },
  {
    name: 'mentions-own-prompt',
    pattern: `\\b(?:your|my|its)\\s+(?:own\\s+)?(?:(?:initial|starting|original|first|hidden|secret|internal|underlying|full|system)\\s+){1,2}(?:prompt|instructions?|configuration|directives|message|rules)\\b|\\bsystem_prompt\\b|\\b(?:text|instructions?|prompt|words|rules?|guidelines|directives|constraints|everything|anything)\\s+(?:that\\s+)?you\\s+(?:(?:were|have\\s+been|'ve\\s+been)\\s+(?:given|told|provided|fed|instructed|initiali[sz]ed\\s+with|programmed\\s+with)|received|operate\\s+under)\\b|\\byour\\s+(?:initiali[sz]ation|init|startup|boot)\\s+(?:text|prompt|instructions|message|sequence)\\b|\\b(?:you\\s+were|you'?ve\\s+been)\\s+initiali[sz]ed\\s+with\\b|\\bhow\\s+(?:does|did)\\s+your\\s+(?:system\\s+)?(?:prompt|instructions?)\\s+(?:begin|start|end|read|go)\\b|\\b(?:what|which)\\s+(?:were|have)\\s+you\\s+(?:been\\s+)?(?:told|given|instructed)\\s+(?:before|at\\s+the\\s+(?:start|beginning)|initially|earlier|prior)\\b|\\bwhat\\s+did\\s+(?:the|your)\\s+(?:developers?|creators?|operators?|admins?|administrators?|company|owners?)\\s+(?:tell|instruct|say\\s+to)\\s+you\\b|\\b(?:repeat|print|output|copy|reproduce|echo|recite|translate|encode|summari[sz]e)\\s+(?:back\\s+)?(?:all\\s+)?(?:the\\s+|of\\s+the\\s+)?(?:above|previous|preceding|prior|earlier)\\s+(?:text|words|content|instructions|prompt|messages?|conversation)\\b|\\bi\\s+was\\s+(?:instructed|told|programmed)\\s+to['"”]|\\bthe\\s+system\\s+prompt\\s+(?:is|says|reads)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
    anchors: ['initiali', 'init', 'startup', 'boot', 'received', 'operate', 'begin', 'start', 'end', 'read', 'go', 'before', 'beginnin', 'initiall', 'earlier', 'prior', 'develope', 'creator', 'operator', 'admin', 'administ', 'company', 'owner', 'owners', 'guidelin', 'directiv', 'constrai', 'rule', 'prompt', 'instruct', 'configur', 'directiv', 'message', 'rules', 'system_prompt', 'systempr', 'given', 'told', 'provided', 'fed', 'text', 'words', 'content', 'conversa', 'programm', 'system'],
  },
  {
    name: 'system-prompt-mention',
    pattern: `\\b(?:the|this)\\s+system\\s+(?:prompt|instructions|message)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_extraction',
    anchors: ['system'],
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
    anchors: ['words', 'lines', 'sentence', 'characte', 'tokens', 'paragrap', 'conversa', 'context', 'instruct', 'prompt', 'configur', 'programm', 'directiv', 'guidelin', 'rules', 'setup', 'constrai', 'message', 'told'],
  },
  {
    name: 'verbatim-request',
    pattern: `\\b(?:verbatim|word\\s+for\\s+word|character\\s+for\\s+character|exactly\\s+as\\s+(?:written|given|it\\s+(?:was|is)))\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_extraction',
    anchors: ['verbatim', 'word', 'characte', 'exactly'],
  },
  {
    name: 'context-dump',
    pattern: `\\bcontext\\s+window\\b|\\b(?:first|earliest|initial|opening|very\\s+first)\\s+(?:message|messages|lines?|sentences?|words|paragraph)\\s+(?:of|in)\\s+(?:this|our|the)\\s+(?:conversation|chat|session|context|prompt)\\b|\\beverything\\s+(?:before|above|prior\\s+to)\\s+(?:this|my)\\s+(?:message|line|question|request)\\b|<\\/?(?:system|system_prompt|instructions|sys)>|\\bwhat\\s+(?:rules|guidelines|instructions|constraints)\\s+(?:were\\s+you\\s+given|do\\s+you\\s+(?:follow|have))\\b|\\bcontents?\\s+of\\s+your\\s+(?:memory|context|context\\s+window|instructions|prompt|configuration|system\\s+\\w+)\\b|\\b(?:what|which)\\s+(?:text|words|message|instructions|content)\\s+(?:came|comes|appears?|is|was|were)\\s+(?:before|above|prior\\s+to)\\s+(?:this|my)\\b|\\b(?:put|format|convert|write|output|print|place|wrap|paste)\\s+(?:all\\s+(?:of\\s+)?the\\s+above|everything\\s+(?:above|before\\s+this))\\s+(?:in|into|as|inside)\\s+(?:an?\\s+)?(?:\\w+\\s+)?(?:code\\s*block|txt|text\\s+block|raw\\s+text|plain\\s*text)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
    anchors: ['contents', 'content', 'text', 'words', 'message', 'put', 'format', 'convert', 'write', 'output', 'print', 'place', 'wrap', 'paste', 'context', 'first', 'earliest', 'initial', 'opening', 'everythi', 'system', 'system_prompt', 'instruct', 'sys', 'rules', 'guidelin', 'constrai'],
  },
  {
    // A pretext that comes with extraction requests: an audit, a test, debugging, urgency.
    name: 'audit-pretext',
    pattern: `\\bfor\\s+(?:an?\\s+|the\\s+)?(?:security|compliance|internal|safety)\\s+(?:audit|review|check|test(?:ing)?|assessment)\\b|\\bfor\\s+(?:debugging|auditing|testing|verification|compliance)\\s+purposes\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_extraction',
    anchors: ['audit', 'review', 'check', 'test', 'assessme', 'purposes'],
  },
  {
    name: 'ask-for-secrets',
    pattern: `\\b(?:what\\s+(?:is|are)|tell\\s+me|reveal|give\\s+me|show\\s+me)\\s+${W(2)}(?:the|your)\\s+(?:secret|hidden|confidential)\\s+(?:key|password|token|code|word|instructions?)\\b|\\b(?:password|secret|passphrase)\\s+(?:you\\s+were\\s+given|in\\s+your\\s+(?:prompt|instructions))`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_extraction',
    anchors: ['secret', 'hidden', 'confiden', 'password', 'passphra'],
  },
];
