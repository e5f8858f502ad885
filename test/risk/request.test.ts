import { describe, expect, it } from 'vitest';
import { parseRequestLine } from '../../src/risk/request.ts';

describe('score-contract line parsing', () => {
  it('accepts a well-formed line; null means unknown and is dropped', () => {
    const r = parseRequestLine('{"model":"prevent","inputs":{"age":50,"uacr":null,"onStatin":false},"explain":true}');
    expect(r).toEqual({ ok: true, request: { model: 'prevent', inputs: { age: 50, onStatin: false }, explain: true } });
  });
  it.each([
    ['', 'empty line'],
    ['[1]', 'a line must be a JSON object'],
    ['{"model":"pce","inputs":{},"extra":1}', 'unknown field "extra"'],
    ['{"model":"pce"}', '"inputs" must be an object'],
    ['{"model":"pce","inputs":{"age":"55"}}', '"age" must be a finite number (a)'],
    ['{"model":"pce","inputs":{"race":"asian"}}', '"race" must be one of white, black, other'],
    ['{"model":"pce","inputs":{},"explain":"yes"}', '"explain" must be true or false'],
  ])('%s → %s', (line, error) => {
    expect(parseRequestLine(line)).toEqual({ ok: false, error });
  });
});
