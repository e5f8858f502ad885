/**
 * Flesch–Kincaid grade (Kincaid et al. 1975): words, sentences and syllables of each text counted by hand (syllables
 * as a dictionary splits them), then the formula worked by hand: 0.39 × words/sentences + 11.8 × syllables/words − 15.59.
 */
import { describe, expect, it } from 'vitest';
import { countText, fleschKincaidGrade, gradeOfCounts, syllables } from '../../src/plan/readability.ts';

describe('syllables', () => {
  it.each([
    ['the', 1], ['blood', 1], ['stopped', 1], ['started', 2], ['lowered', 2], ['takes', 1], ['boxes', 2], ['changes', 2],
    ['take', 1], ['little', 2], ['people', 2], ['free', 1], ['agreed', 2], ['medicine', 3], ['cholesterol', 4],
    ['pressure', 2], ['daily', 2], ['kidneys', 2], ['yellow', 2], ['your', 1], ['recommended', 4], ['therapy', 3],
  ])('%s has %i', (word, n) => expect(syllables(word)).toBe(n));
});

describe('counting a text', () => {
  it('numerals count as read aloud, "%" as "percent", and a decimal point does not end a sentence', () => {
    // about(2) twelve(1) in(1) one-hun-dred(3) peo-ple(2) = 9 syllables, 5 words.
    expect(countText('About 12 in 100 people.')).toEqual({ words: 5, sentences: 1, syllables: 9 });
    // the(1) goal(1) is(1) be-low(2) sev-en-point-five(4) = 9.
    expect(countText('The goal is below 7.5.')).toEqual({ words: 5, sentences: 1, syllables: 9 });
    // two-thou-sand-twen-ty-six = 6; five(1) per-cent(2) = 3.
    expect(countText('2026')).toEqual({ words: 1, sentences: 1, syllables: 6 });
    expect(countText('5 %')).toEqual({ words: 1, sentences: 1, syllables: 3 });
  });

  it('line breaks end sentences, colons and semicolons do not; inner hyphens and apostrophes join a word', () => {
    // your(1) goals(1) / stop(1) smok-ing(2).
    expect(countText('Your goals\nStop smoking')).toEqual({ words: 4, sentences: 2, syllables: 5 });
    expect(countText("Why: it helps; don't stop.")).toEqual({ words: 5, sentences: 1, syllables: 5 });
    expect(countText('A low-dose pill').words).toBe(3);
  });
});

describe('Flesch–Kincaid grade', () => {
  it('"The cat sat on the mat.": 6 words, 1 sentence, 6 syllables → 2.34 + 11.8 − 15.59 = −1.45', () => {
    expect(fleschKincaidGrade('The cat sat on the mat.')).toBeCloseTo(-1.45, 10);
  });

  it('a plain two-sentence text: 12 words, 2 sentences, 14 syllables → 2.34 + 13.7667 − 15.59 = 0.5167', () => {
    // Your(1) blood(1) pres-sure(2) is(1) high(1). A(1) dai-ly(2) pill(1) can(1) bring(1) it(1) down(1).
    const text = 'Your blood pressure is high. A daily pill can bring it down.';
    expect(countText(text)).toEqual({ words: 12, sentences: 2, syllables: 14 });
    expect(fleschKincaidGrade(text)).toBeCloseTo(0.5167, 4);
  });

  it('a physician sentence: 9 words, 1 sentence, 18 syllables → 3.51 + 23.6 − 15.59 = 11.52', () => {
    // Sta-tin(2) ther-a-py(3) is(1) rec-om-mend-ed(4) for(1) pa-tients(2) with(1) kid-ney(2) dis-ease(2).
    const text = 'Statin therapy is recommended for patients with kidney disease.';
    expect(countText(text)).toEqual({ words: 9, sentences: 1, syllables: 18 });
    expect(fleschKincaidGrade(text)).toBeCloseTo(11.52, 10);
  });

  it('the formula on counts, and no grade for a text without words', () => {
    // 100 words, 5 sentences, 150 syllables: 0.39 × 20 + 11.8 × 1.5 − 15.59 = 7.8 + 17.7 − 15.59 = 9.91.
    expect(gradeOfCounts({ words: 100, sentences: 5, syllables: 150 })).toBeCloseTo(9.91, 10);
    expect(() => fleschKincaidGrade(' . \n ')).toThrow();
  });
});
