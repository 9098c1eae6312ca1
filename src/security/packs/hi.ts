import type { RuleConfig } from '../rules.js';
import { GAP } from './lexicon.js';

/** Hindi, in Devanagari and in romanised Hinglish. */
export const HI_RULES: RuleConfig[] = [
  {
    name: 'override-hi',
    pattern: `(?:पिछले|पुराने|पहले\\s+के|सभी|सारे|शुरुआत\\s+में)${GAP(16)}(?:निर्देश|निर्देशों|नियम|नियमों|आदेश)${GAP(28)}(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल\\s+जाओ|इग्नोर|रद्द)|(?:पुराने|पिछले)\\s+निर्देश\\s+रद्द`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    script: 'devanagari',
    override: true,
  },
  {
    name: 'override-hinglish',
    pattern: `\\b(?:saare|sabhi|pichhle|pichle|purane)\\s+(?:purane\\s+)?(?:instructions?|nirdesh|rules)\\s+(?:ignore|bhool)\\s+(?:karo|kar\\s+do|jao)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['saare', 'sabhi', 'pichhle', 'pichle', 'purane'],
  },
  {
    name: 'prompt-extraction-hi',
    pattern: `(?:अपना|तुम्हारे|तुम्हारा)${GAP(12)}(?:सिस्टम\\s+प्रॉम्प्ट|छिपे\\s+हुए\\s+निर्देश|प्रॉम्प्ट)${GAP(36)}(?:दिखाओ|बताओ|लिखो|दोहराओ)|(?:मिले|दिए\\s+गए)\\s+निर्देश\\s+शब्दशः\\s+दोहराओ`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
    script: 'devanagari',
  },
  {
    name: 'jailbreak-hi',
    pattern: `(?:तुम|अब\\s+से\\s+तुम|ऐसा\\s+दिखाओ)${GAP(40)}(?:कोई\\s+पाबंदी\\s+नहीं|सीमाओं\\s+से\\s+आज़ाद|कोई\\s+कंटेंट\\s+फ़िल्टर\\s+नहीं|बिना\\s+किसी\\s+सीमा)|(?:डेवलपर|डिबग)\\s+मोड${GAP(70)}(?:अनदेखी|बंद\\s+करो|कुछ\\s+भी|अनलॉक)|कभी\\s+मना\\s+मत\\s+करना|बिना\\s+चेतावनी,?\\s+बिना\\s+डिस्क्लेमर|न\\s+कानून\\s+है\\s+न\\s+नैतिकता|स्वर्गीय\\s+दादी`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    script: 'devanagari',
  },
  {
    name: 'task-hijack-hi',
    pattern: `अनुवाद\\s+करना\\s+बंद\\s+करो|सारांश\\s+अब\\s+मत\\s+बनाओ|अगर\\s+तुम\\s+AI\\s+सहायक\\s+हो|AI\\s+सहायक\\s+के\\s+लिए\\s+निर्देश`.toLowerCase(),
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    script: 'devanagari',
  },
];
