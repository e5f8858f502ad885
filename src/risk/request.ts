import { parseInputs } from './inputs.ts';
import { MODEL_IDS, type ModelId, type ScoreRequest } from './types.ts';

/** Parses one score-contract line, `{"model": ..., "inputs": {...}, "explain"?: bool}`, from untrusted JSON text. */
export function parseRequestLine(line: string): { ok: true; request: ScoreRequest } | { ok: false; error: string } {
  if (line.trim() === '') return { ok: false, error: 'empty line' };
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'a line must be a JSON object' };
  const { model, inputs, explain, ...rest } = raw as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) return { ok: false, error: `unknown field "${extra[0]}"` };
  if (!MODEL_IDS.includes(model as ModelId)) return { ok: false, error: `"model" must be one of ${MODEL_IDS.join(', ')}` };
  if (explain !== undefined && typeof explain !== 'boolean') return { ok: false, error: '"explain" must be true or false' };
  const parsed = parseInputs(inputs);
  if (!parsed.ok) return parsed;
  return { ok: true, request: { model: model as ModelId, inputs: parsed.inputs, explain: explain === true } };
}
