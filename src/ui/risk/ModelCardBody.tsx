import type { ReactNode } from 'react';
import type { ModelCard } from '../../risk/card.ts';
import type { RangeRule } from '../../risk/models/definition.ts';

/** Every ONC HTI-1 source attribute of a model's card.json, as a definition list (the model card dialog's body). */
export default function ModelCardBody({ card }: { card: ModelCard }) {
  return (
    <dl className="model-card">
      <Item term="Version">{card.version} (released {card.releaseDate})</Item>
      <Item term="Developer">{card.developer}</Item>
      <Item term="Funding">{card.fundingSource}</Item>
      <Item term="What it estimates">{card.description}</Item>
      <Item term="Output">{card.output}</Item>
      <Item term="Intended use">{card.intendedUse}</Item>
      <Item term="Intended users">{card.intendedUsers}</Item>
      <Item term="Out-of-scope uses"><List items={card.outOfScopeUses} /></Item>
      <Item term="Population"><List items={card.population} /></Item>
      <Item term="Development data">{card.developmentData}</Item>
      <Item term="Validation and performance">
        <List items={card.validationPerformance.map((v) => `${v.figure} (${v.source})`)} />
      </Item>
      <Item term="Fairness">{card.fairness}</Item>
      <Item term="Updates and monitoring">{card.updateAndMonitoring}</Item>
      <Item term="Citations"><List items={card.citations} /></Item>
      <Item term="Coefficients from">{card.coefficientSource.citation} ({card.coefficientSource.source})</Item>
      <Item term="Inputs">
        <table className="model-card-table">
          <thead>
            <tr><th scope="col">Input</th><th scope="col">Required</th><th scope="col">Unit</th><th scope="col">Description</th><th scope="col">From FHIR</th></tr>
          </thead>
          <tbody>
            {card.inputs.map((i) => (
              <tr key={i.name}>
                <th scope="row">{i.name}</th>
                <td>{i.required ? 'yes' : 'no'}</td>
                <td>{i.unit ?? '—'}</td>
                <td>{i.description}</td>
                <td>{i.fhir}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Item>
      <Item term="Valid ranges"><List items={card.validRanges.map(rangeText)} /></Item>
      <Item term="Risks returned">{card.risks.join(', ')}</Item>
      <Item term="Explanation">
        {card.explanation.method} Scale: {card.explanation.scale}. Reference: {card.explanation.reference}
      </Item>
      <Item term="Artifact">
        {card.artifact.format}; {card.artifact.features.length} features, outputs {card.artifact.outputs.join(', ')}; SHA-256 model.json{' '}
        <code>{card.artifact.sha256['model.json']}</code>, weights.bin <code>{card.artifact.sha256['weights.bin']}</code>
      </Item>
    </dl>
  );
}

function rangeText(r: RangeRule): string {
  const upper = r.max === undefined ? '' : ` to ${r.maxExclusive ? '< ' : ''}${r.max}`;
  return `${r.input}: ${r.min}${upper} (${r.source})`;
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function List({ items }: { items: readonly string[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}
