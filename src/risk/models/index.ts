import type { ModelId } from '../types.ts';
import type { ModelDefinition } from './definition.ts';
import { kfre4, kfre8 } from './kfre.ts';
import { pce } from './pce.ts';
import { prevent } from './prevent.ts';

// Each definition is generic in its own profile type. The engine only passes a definition's own
// prepared profiles back to it, so the registry erases the profile type.
export const MODELS: Record<ModelId, ModelDefinition<any>> = { pce, prevent, kfre4, kfre8 };
