import stem from "wink-porter2-stemmer";
import { tokenize } from "./lexical-embedding";
import { isSameAs, synonymsOf } from "./synonyms";

/**
 * Words as the offline assistant compares them: lower-cased, stemmed (Porter2, as PostgreSQL's
 * 'english' configuration stems them, so these terms and the full-text index agree), without the
 * words every question has ("how", "can", "please"). A question's terms carry weights: its own
 * words 1, the synonyms they bring in less, an earlier question's words (a follow-up) less again.
 */

// Words that say how a question is asked, not what it is about (chat shorthand included).
const CHAT_SHORTHAND =
  "abt bc cn come comes cuz details hiya im info information ive lol once plz policies policy r smth sth til till ty u ur w wat wheres whens wut ya yall yo";
const QUESTION_WORDS = new Set([
  ...CHAT_SHORTHAND.split(" "),
  ..."about after again all also always am any anybody anyone anything anyway around ask asking been being before bit could did doing done dont else ever every get gets getting give go going gonna got had happen happens hello help hey hi hmm just know let lot make many may maybe might more most much must need needs never now oh ok okay ones only other please pls possible quick quickly real really right say see should stuff sure take takes tell thank thanks thing things think thx very want wanna way well what whats whatever would yeah yes yet".split(
    " ",
  ),
]);

export const stemOf = (word: string) => (/^\d/.test(word) ? word : stem(word));

/**
 * Kinds of value a text states, as terms no word can produce: a price ("$12.99") or a duration
 * ("30 minutes", "3–5 business days"). "How much …?" and "how long …?" ask for one (ASKS_FOR).
 */
const MONEY = "§money";
const DURATION = "§duration";
const STATES_MONEY = /[$€£]\s?\d/;
const STATES_DURATION =
  /\b\d+(?:[–-]\d+)?\s+(?:business\s+|working\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?)\b|\b\d+-(?:day|week|month|year|hour|minute)\b/i;

/** The terms of a passage or sentence: every non-stop word, stemmed, in order, and the kinds of value it states. */
export function textTerms(text: string): string[] {
  const terms = tokenize(text).map(stemOf);
  if (STATES_MONEY.test(text)) terms.push(MONEY);
  if (STATES_DURATION.test(text)) terms.push(DURATION);
  return terms;
}

/**
 * One thing the question asks about: a word with its stem and the stems of its synonyms
 * (relative weight 1 for the word, less for a synonym). A unit that holds any of them covers it.
 */
export interface Concept {
  /** How much the concept matters: its importance in the question times its rarity. */
  weight: number;
  /** Stem → relative weight. */
  terms: Record<string, number>;
  /**
   * A number in the question ("size 42", "110 cm"): it picks the row or sentence within the
   * passages, but does not choose passages — a size table matches every number ("after 8
   * months" is not about shoe sizes).
   */
  number?: boolean;
}

const SYNONYM_WEIGHT = 0.6;
const CORRECTED_WEIGHT = 0.8;
const EARLIER_QUESTION_WEIGHT = 0.8;

// "how much" asks for a price, "how long" for a duration: one concept each (a stated value, or
// the words for it), weighing half a word of the question: what kind of answer is wanted, not
// what it is about. The idiom's own words ("long", "much") would match the wrong things ("How
// long a repair takes"). At full weight any sentence with a duration and "delivery" answered "How
// long does shipping take?" ("…within 30 days of delivery"), though the tuned split gained 2 facts.
const ASKS_FOR: [RegExp, Record<string, number>][] = [
  [/\bhow much\b|\bwhat does it cost\b/gi, { [MONEY]: 1, cost: 0.8, price: 0.8, fee: 0.8 }],
  [
    /\bhow (long|soon|fast|quick|quickly)\b|\bwhen (will|do|does|is|are|can|would|should)\b/gi,
    { [DURATION]: 1, time: 0.5 },
  ],
];
const ASKS_FOR_WEIGHT = 0.5;
const NUMBER_WEIGHT = 0.5;
const MAX_QUESTION_WORDS = 40;

// Phrases that mean one of the help centre's words (and shorthand for the words "how long" needs).
const PHRASES: [RegExp, string][] = [
  [/\bhw\b/gi, "how"],
  [/\bwhen are you open\b|\bopening (hours|times)\b|\bwhat time do you (open|close)\b/gi, " opening hours "],
  [/\b(showed|turned) up\b|\bnever (came|arrived)\b/gi, " arrived lost "],
  [/\bmoney back\b/gi, " refund "],
  [/\bsend (it |them |this |that )?back\b/gi, " return "],
  [/\bgive (it |them )?back\b/gi, " return "],
  [/\bstopped working\b|\bdoesn'?t work\b|\bwon'?t (turn|switch) on\b/gi, " faulty defect "],
  [/\bphone number\b/gi, " phone "],
  [/\b(do|did|does) not (like|want|need)\b/gi, " changed mind "],
  [/\blook(s)? like\b/gi, " "],
  [/\bbuy now,? pay later\b|\bpay later\b|\bpay in (instal+ments|parts)\b/gi, " klarna instalments "],
  [/\bcustomer (service|care)\b/gi, " support "],
];

/** The question's words that matter, and the kinds of answer it asks for. */
// "isn't" → "is not", "don't" → "do not", "it's" → "it": the stray "isn", "don" or "s" would
// count as words the knowledge base does not know.
const CONTRACTIONS: [RegExp, string][] = [
  [/\b(can|won)['’]?t\b/gi, "$1 not"],
  [/\b(\w+)n['’]t\b/gi, "$1 not"],
  [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should)nt\b/gi, "$1 not"],
  [/['’](s|re|ll|ve|d|m)\b/gi, ""],
];

function wordsOf(question: string): { words: string[]; numbers: string[]; asksFor: Record<string, number>[] } {
  let text = question;
  for (const [pattern, replacement] of CONTRACTIONS) text = text.replace(pattern, replacement);
  const asksFor: Record<string, number>[] = [];
  for (const [pattern, words] of PHRASES) text = text.replace(pattern, words);
  for (const [pattern, terms] of ASKS_FOR) text = text.replace(pattern, () => (asksFor.push(terms), " "));
  const tokens = tokenize(text).filter((w) => !QUESTION_WORDS.has(w));
  return {
    words: tokens.filter((w) => !/^\d+$/.test(w)),
    numbers: tokens.filter((w) => /^\d+$/.test(w)),
    asksFor,
  };
}

/** What retrieval knows about the knowledge base's words (corpus-stats.ts). */
export interface Lexicon {
  known(word: string): boolean;
  /** A known word the unknown one was likely meant to be ("shiping" → "shipping"), or null. */
  correct(word: string): string | null;
}

const NO_LEXICON: Lexicon = { known: () => true, correct: () => null };

/** "giftcard" → ["gift", "card"]: an unknown word made of two known ones (each of 3+ letters). */
function splitCompound(word: string, lexicon: Lexicon): string[] | null {
  for (let i = 3; i <= word.length - 3; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (lexicon.known(head) && lexicon.known(tail)) return [head, tail];
  }
  return null;
}

export interface AnalysedQuestion {
  /** Concepts with their importance in the question as weight (1, an earlier question's less). */
  concepts: Concept[];
  /** The words behind them (corrected, with synonyms), for a full-text search. */
  words: string[];
}

/**
 * The concepts to search and rank by for a turn: the latest question's, and — when it leans on
 * the turn before (see isFollowUp) — the earlier question's at a lower weight. A word the
 * knowledge base does not know is corrected if it is a likely typo; one it does not know but
 * has synonyms for counts through them alone ("euros" → currency).
 */
export function analyseQuestions(questions: readonly string[], lexicon: Lexicon = NO_LEXICON): AnalysedQuestion {
  const concepts = new Map<string, Concept>();
  const words = new Set<string>();
  const asked = askedQuestions(questions);
  asked.forEach((question, i) => {
    const weight = i === asked.length - 1 ? 1 : EARLIER_QUESTION_WEIGHT;
    const { words: questionWords, numbers, asksFor } = wordsOf(question);
    for (const n of numbers) concepts.set(n, { weight: weight * NUMBER_WEIGHT, terms: { [n]: 1 }, number: true });
    for (const terms of asksFor)
      concepts.set(Object.keys(terms).join("|"), {
        weight: weight * ASKS_FOR_WEIGHT,
        terms: Object.fromEntries(Object.entries(terms).map(([t, w]) => [t.startsWith("§") ? t : stemOf(t), w])),
      });
    // A question of 2,000 characters is not 300 concepts: the first words say what it asks.
    const expanded = questionWords
      .slice(0, MAX_QUESTION_WORDS)
      .flatMap((w) => (lexicon.known(w) || synonymsOf(w).length ? [w] : (splitCompound(w, lexicon) ?? [w])));
    for (const written of expanded) {
      const corrected = synonymsOf(written).length ? null : lexicon.correct(written);
      const word = corrected ?? written;
      const synonyms = synonymsOf(word).filter((w) => lexicon.known(w));
      const own = !synonyms.length || lexicon.known(word);
      const terms: Record<string, number> = {};
      for (const synonym of synonyms) terms[stemOf(synonym)] = !own || isSameAs(word, synonym) ? 1 : SYNONYM_WEIGHT;
      // A correction is a guess: it covers the concept, but not fully.
      if (own) terms[stemOf(word)] = corrected ? CORRECTED_WEIGHT : 1;
      [...(own ? [word] : []), ...synonyms].forEach((w) => words.add(w));
      const key = stemOf(word);
      const seen = concepts.get(key);
      if (!seen || seen.weight < weight) concepts.set(key, { weight, terms });
    }
  });
  return { concepts: [...concepts.values()], words: [...words] };
}

const FOLLOW_UP_START = /^\s*(and|or|but|also|what about|how about|same for|then|so)\b/i;
const REFERS_BACK = /\b(it|its|that|this|those|these|them|they|one|there)\b/i;

/**
 * A follow-up leans on the previous turn: it starts like a continuation ("and to Canada?",
 * "what about express?"), or it is short and points back ("how long does it take?").
 */
export function isFollowUp(question: string): boolean {
  if (FOLLOW_UP_START.test(question)) return true;
  return wordsOf(question).words.length <= 3 && REFERS_BACK.test(question);
}

/** The questions a turn answers: the latest, after the one before it when it is a follow-up. */
function askedQuestions(questions: readonly string[]): string[] {
  const latest = questions.at(-1) ?? "";
  return isFollowUp(latest) && questions.length > 1 ? [questions.at(-2)!, latest] : [latest];
}

/** The text retrieval searches for a turn: the question, with the earlier one for a follow-up. */
export const followUpQuery = (questions: readonly string[]) => askedQuestions(questions).join(" ");

const PART_BREAK =
  /\?\s+(?=\S)|;\s*|,?\s+(?:and|also|plus)\s+(?=(?:how|what|when|where|which|who|why|can|could|do|does|did|is|are|will|would|should|if)\b)/i;

/**
 * The questions within a question: "How much is express delivery and how long does it take?"
 * asks two. A part must have words of its own that matter.
 */
export function questionParts(question: string): string[] {
  const parts = question.split(PART_BREAK).map((p) => p.trim());
  const hasOwnWords = (part: string) => {
    const { words, asksFor } = wordsOf(part);
    return words.length + asksFor.length > 0;
  };
  return parts.length > 1 && parts.every(hasOwnWords) ? parts : [question];
}

/** The concepts of `concepts` that a part of the question asks about (by their terms). */
export function conceptsOfPart(concepts: readonly Concept[], part: string): Concept[] {
  const own = analyseQuestions([part]).concepts.flatMap((c) => Object.keys(c.terms));
  return concepts.filter((c) => Object.keys(c.terms).some((t) => own.includes(t)));
}
