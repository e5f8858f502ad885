/**
 * Browser artifact source (worker only). `?url&no-inline` makes Vite emit models/<id>/* as hashed,
 * same-origin assets in production and serve them from the source tree in development, so the
 * committed artifacts are the single copy; no-inline keeps them out of the JS bundle (the cards are
 * fetched only when asked for).
 */
import kfre4Card from '../../models/kfre4/card.json?url&no-inline';
import kfre4Model from '../../models/kfre4/model.json?url&no-inline';
import kfre4Weights from '../../models/kfre4/weights.bin?url&no-inline';
import kfre8Card from '../../models/kfre8/card.json?url&no-inline';
import kfre8Model from '../../models/kfre8/model.json?url&no-inline';
import kfre8Weights from '../../models/kfre8/weights.bin?url&no-inline';
import pceCard from '../../models/pce/card.json?url&no-inline';
import pceModel from '../../models/pce/model.json?url&no-inline';
import pceWeights from '../../models/pce/weights.bin?url&no-inline';
import preventCard from '../../models/prevent/card.json?url&no-inline';
import preventModel from '../../models/prevent/model.json?url&no-inline';
import preventWeights from '../../models/prevent/weights.bin?url&no-inline';
import type { ModelCard } from './card.ts';
import type { ArtifactSource, ModelArtifacts } from './engine.ts';
import type { ModelId } from './types.ts';

const URLS: Record<ModelId, { model: string; weights: string; card: string }> = {
  pce: { model: pceModel, weights: pceWeights, card: pceCard },
  prevent: { model: preventModel, weights: preventWeights, card: preventCard },
  kfre4: { model: kfre4Model, weights: kfre4Weights, card: kfre4Card },
  kfre8: { model: kfre8Model, weights: kfre8Weights, card: kfre8Card },
};

async function get(url: string): Promise<Response> {
  // Resolved against the worker's own URL: artifacts always come from the app's origin.
  const response = await fetch(new URL(url, import.meta.url), { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

export const fetchArtifacts: ArtifactSource = async (id) => {
  const urls = URLS[id];
  const [modelJson, weights, card] = await Promise.all([
    get(urls.model).then((r) => r.json() as Promise<ModelArtifacts['modelJson']>),
    get(urls.weights).then((r) => r.arrayBuffer()),
    get(urls.card).then((r) => r.json() as Promise<ModelCard>),
  ]);
  return { modelJson, weights, card };
};
