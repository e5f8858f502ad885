/**
 * Flesch–Kincaid grade level of plain-language text, to keep the patient handout at about a 6th-grade reading level.
 *
 *   grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
 *
 * Kincaid JP, Fishburne RP, Rogers RL, Chissom BS. Derivation of new readability formulas (Automated Readability Index,
 * Fog Count and Flesch Reading Ease Formula) for Navy enlisted personnel. Research Branch Report 8-75, Naval Technical
 * Training Command, Millington TN, 1975.
 *
 * How text is counted (the formula leaves this to the counter; these rules are ours):
 * - Sentences end at ".", "!" or "?" followed by a space or the end, and at a line break, so a heading or a list item
 *   is a sentence of its own. Colons and semicolons do not end one: Flesch would count their parts as sentences, but
 *   a label such as "Why:" is no sentence, and counting fewer, longer sentences errs towards a higher grade. Text with no ending mark is one sentence. "Dr." ends a sentence too (a known
 *   over-count, which lowers the grade slightly).
 * - Words are runs of letters (with inner apostrophes or hyphens, so "don't" and "low-dose" are one word each) or
 *   numerals. A numeral is counted as it is read aloud: "12" is "twelve" (1 syllable), "100" is "one hundred" (3),
 *   "7.5" is "seven point five" (4), and "%" reads "percent" (2 syllables, not a word of its own).
 * - Syllables of a word (`syllables`) are its vowel groups (a, e, i, o, u, and y after the first letter), after
 *   dropping a silent ending: "-ed" unless after t or d ("stopped" 1, "started" 2), "-es" unless after s, x, z, c, g,
 *   ch or sh ("takes" 1, "boxes" 2), and a final "e" unless "-le" after a consonant or "-ee" ("take" 1, "little" 2,
 *   "free" 1). Words of up to three letters and every word count at least 1. This is an approximation: it is off by one
 *   on some words ("idea" counts 2, "diabetes" 3).
 */

export interface TextCounts {
  words: number;
  sentences: number;
  syllables: number;
}

/** Flesch–Kincaid grade of a text; throws on text with no words (a grade of nothing has no meaning). */
export function fleschKincaidGrade(text: string): number {
  return gradeOfCounts(countText(text));
}

/** The formula on counts (Kincaid et al. 1975, eq. for grade level). */
export function gradeOfCounts({ words, sentences, syllables }: TextCounts): number {
  if (words === 0 || sentences === 0) throw new Error('Flesch–Kincaid grade of a text without words');
  return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
}

export function countText(text: string): TextCounts {
  const sentences = splitSentences(text);
  let words = 0;
  let syllableCount = 0;
  for (const sentence of sentences) {
    for (const token of sentence.match(TOKEN) ?? []) {
      if (token === '%') {
        syllableCount += PERCENT_SYLLABLES;
        continue;
      }
      words += 1;
      syllableCount += /^\d/.test(token) ? numeralSyllables(token) : syllables(token);
    }
  }
  return { words, sentences: sentences.length, syllables: syllableCount };
}

/** Letters with inner apostrophes/hyphens, numerals with decimals and thousands commas, or a percent sign. */
const TOKEN = /[A-Za-zÀ-ÿ]+(?:['’-][A-Za-zÀ-ÿ]+)*|\d+(?:[.,]\d+)*|%/g;
const PERCENT_SYLLABLES = 2;

function splitSentences(text: string): string[] {
  return text
    .split(/[.!?]+(?=\s|$)|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-zÀ-ÿ0-9]/.test(s));
}

/** Syllables of one word by the vowel-group rule described above. */
export function syllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-zà-ÿ]/g, '');
  if (w.length <= 3) return 1;
  if (/ed$/.test(w)) {
    if (!/[td]ed$/.test(w)) w = w.slice(0, -2);
  } else if (/es$/.test(w)) {
    if (!/(?:[sxzcg]|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  } else if (/e$/.test(w) && !/[^aeiouy]le$/.test(w) && !/ee$/.test(w)) {
    w = w.slice(0, -1);
  }
  const groups = w.replace(/^y/, '').match(/[aeiouyà-ÿ]+/g);
  return Math.max(1, groups?.length ?? 0);
}

/** Syllables of a numeral read aloud in English ("2026" → "two thousand twenty-six" → 6). */
function numeralSyllables(numeral: string): number {
  const [whole = '', fraction] = numeral.replace(/,/g, '').split('.');
  const wholeSyllables = integerSyllables(Number(whole));
  // "point" then each digit: "7.5" → "seven point five".
  const fractionSyllables = fraction ? 1 + [...fraction].reduce((n, d) => n + (UNITS[Number(d)] ?? 0), 0) : 0;
  return wholeSyllables + fractionSyllables;
}

// Syllables of zero…nineteen and of twenty, thirty, … ninety, counted by hand.
const UNITS = [2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 3, 1, 2, 2, 2, 2, 3, 2, 2];
const TENS = [0, 0, 2, 2, 2, 2, 2, 3, 2, 2];
const HUNDRED = 2;
const THOUSAND = 2;
const MILLION = 2;

function integerSyllables(n: number): number {
  if (!Number.isFinite(n) || n >= 1e9) return 1;
  if (n < 20) return UNITS[n] ?? 1;
  if (n < 100) return (TENS[Math.floor(n / 10)] ?? 0) + (n % 10 === 0 ? 0 : (UNITS[n % 10] ?? 0));
  const scales: [number, number][] = [[1e6, MILLION], [1e3, THOUSAND], [100, HUNDRED]];
  for (const [scale, syllablesOfScale] of scales) {
    if (n >= scale) {
      const rest = n % scale;
      return integerSyllables(Math.floor(n / scale)) + syllablesOfScale + (rest === 0 ? 0 : integerSyllables(rest));
    }
  }
  return 1;
}
