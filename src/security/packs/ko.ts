import type { RuleConfig } from '../rules.js';
import { GAP } from './lexicon.js';

/**
 * Korean. Words are spaced but particles attach to them, and letter-spaced text decodes without
 * its spaces: patterns allow optional spaces (`\s*`) and never use `\b`.
 */
const IGNORE = '무시|잊어|잊고|잊으|따르지\\s*마|따르지\\s*않|지키지\\s*않|지키지\\s*마|접어\\s*두|초기화|취소|폐기|없던\\s*걸로|신경\\s*쓰지\\s*마';
const EARLIER = '이전|앞의|앞서|위에|위의|처음|기존|모든|지금까지|아까|너의|네|당신의|시스템이|시스템의|받은|회사';
const RULES = '지시|명령|규칙|설정|지침|제한|프롬프트|정책|규정|전제';
const SHOW = '출력|보여|알려|반복|써\\s*줘|적어|붙여|돌려|번역|인용|나열|공개|그대로|한\\s*글자도';
const PROMPT = '시스템\\s*프롬프트|프롬프트|처음에\\s*받은\\s*지시|설정\\s*내용|설정\\s*문장|숨겨진\\s*지시|내부\\s*규칙|system\\s*prompt';
const LIMITS = '제한|규칙|제약|필터|검열|윤리|도덕|콘텐츠\\s*정책|정책';

export const KO_RULES: RuleConfig[] = [
  {
    name: 'override-ko',
    pattern: `(?:${EARLIER})${GAP(14)}(?:${RULES})${GAP(16)}(?:${IGNORE})|(?:${IGNORE})${GAP(4)}(?:${EARLIER})${GAP(8)}(?:${RULES})`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    script: 'hangul',
    override: true,
    anchors: ['무시', '잊어', '잊고', '잊으', '따르', '지키', '접어', '초기', '취소', '폐기', '없던', '신경'],
  },
  {
    name: 'instructions-void-ko',
    pattern: `(?:이전|앞의|지금까지|아까|그\\s*전)(?:의|에)?\\s*(?:받은\\s*)?(?:${RULES}|명령|들은\\s*건|말)${GAP(10)}(?:무효|취소|폐기|초기화|없던\\s*걸로)|사용자의\\s*지시가\\s*절대적`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    script: 'hangul',
    override: true,
    anchors: ['무효', '취소', '폐기', '초기', '없던', '절대'],
  },
  {
    name: 'new-task-ko',
    pattern: `(?:너의|네|당신의)?\\s*새로운\\s*(?:임무|작업|과제|지시)는|내\\s*(?:명령|지시|말)만\\s*(?:따라|들어)|내\\s*지시가\\s*최우선|내\\s*개인\\s*비서`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    script: 'hangul',
    anchors: ['새로', '명령', '지시', '최우', '개인'],
  },
  {
    name: 'prompt-extraction-ko',
    pattern:
      `(?:너의|네|당신의|처음에|개발자가)${GAP(14)}(?:${PROMPT}|지시|설정)${GAP(20)}(?:${SHOW})` +
      `|(?:${PROMPT})${GAP(6)}(?:를|을)${GAP(24)}(?:${SHOW})|어떤\\s*프롬프트로\\s*돌아가|이\\s*대화\\s*앞에\\s*적혀`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
    script: 'hangul',
    anchors: ['너의', '당신', '처음', '개발', '시스', '프롬', '설정', '숨겨', '내부', '어떤', '대화'],
  },
  {
    name: 'persona-without-limits-ko',
    pattern:
      `(?:지금부터|이제부터|이제)?\\s*(?:너는|넌|당신은)${GAP(30)}(?:${LIMITS})${GAP(8)}(?:없는|없이|풀려난|묶이지\\s*않은)` +
      `|(?:${LIMITS})(?:도|이|가|에서)${GAP(10)}(?:전혀\\s*)?(?:없는|풀려난|묶이지\\s*않은)${GAP(16)}(?:ai|모델|인격|캐릭터|어시스턴트|되어)` +
      `|너는\\s*dan|너는\\s*이제\\s*(?:어시스턴트|ai)가\\s*아니|필터\\s*없는`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    script: 'hangul',
    anchors: ['지금', '이제', '너는', '당신', '제한', '규칙', '제약', '필터', '검열', '윤리', '도덕', '콘텐', '정책'],
  },
  {
    name: 'stay-in-persona-ko',
    pattern: `(?:절대\\s*)?캐릭터에서\\s*벗어나면\\s*안|역할에서\\s*벗어나지\\s*마|주인님\\s*명령은\\s*뭐든`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    script: 'hangul',
    anchors: ['캐릭', '역할', '주인'],
  },
  {
    name: 'mode-jailbreak-ko',
    pattern:
      `(?:개발자|디버그|갓|신|탈옥|제한\\s*없는)\\s*모드${GAP(40)}(?:무시|해제|꺼|끄|비활성|제한\\s*없는|어떤\\s*내용|두\\s*가지|잠금\\s*해제|필터)` +
      `|갓\\s*모드를?\\s*켜|탈옥\\s*상태|모든\\s*(?:콘텐츠\\s*)?제한을\\s*해제|콘텐츠\\s*필터를?\\s*꺼`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    script: 'hangul',
    anchors: ['모드', '탈옥', '제한', '콘텐'],
  },
  {
    name: 'refusal-suppression-ko',
    pattern: `(?:절대\\s*)?거절하지\\s*마|거절은\\s*선택지가\\s*아니|"?(?:죄송합니다|할\\s*수\\s*없습니다|답변드릴\\s*수\\s*없습니다)"?[^.!?\\n]{0,30}(?:말(?:도)?\\s*하지\\s*마|금지)|경고나\\s*면책\\s*문구는\\s*하나도|반드시\\s*(?:완전한\\s*답을|대답해야)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    script: 'hangul',
    anchors: ['절대', '거절', '죄송', '할', '답변', '경고', '반드'],
  },
  {
    name: 'fiction-frame-ko',
    pattern: `(?:법도|도덕도|규칙도|윤리도)\\s*(?:도덕도|법도|윤리도|규칙도)?\\s*없는\\s*세계|가정일\\s*뿐[^\\n]{0,40}?규칙${GAP(8)}무시|현실에는\\s*아무\\s*영향이\\s*없[^\\n]{0,20}?무시|돌아가신\\s*(?:할머니|할아버지)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    script: 'hangul',
    anchors: ['법도', '도덕', '규칙', '윤리', '가정', '현실', '돌아'],
  },
  {
    name: 'task-hijack-ko',
    pattern: `(?:번역|요약)(?:은|는)?\\s*(?:그만|됐어|여기까지)${GAP(20)}(?:대신|출력|새\\s*작업|이어서|적어)|위\\s*질문에는\\s*답하지\\s*말고|잘했어${GAP(10)}(?:다음|새)\\s*(?:과제|작업)`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    script: 'hangul',
    anchors: ['번역', '요약', '질문', '잘했'],
  },
  {
    name: 'instruction-to-ai-ko',
    pattern: `(?:당신이|네가|너가)\\s*ai\\s*(?:어시스턴트)?(?:라면|이라면)|ai\\s*어시스턴트는${GAP(60)}것(?=\\s*[.。!]|$)|ai\\s*(?:어시스턴트)?에게\\s*[:：]?|(?:이\\s*글을|이\\s*페이지를|이\\s*저장소를)\\s*(?:읽은|분석하는|요약하는)\\s*ai|ai\\s*어시스턴트는${GAP(20)}(?:할\\s*것|반드시)`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    script: 'hangul',
    anchors: ['당신', '네가', '너가', 'ai', '이'],
  },
];
