import { launch } from '../src/fhir/launch.ts';
import '../src/ui/page.css';

const status = document.getElementById('launch-status')!;
const outcome = await launch(location.search, location.href);

// Built with textContent only: the reason can echo URL input and must never become markup.
function show(title: string, detail: string): void {
  const heading = document.querySelector('h1')!;
  heading.textContent = title;
  status.textContent = detail;
  document.title = `Tailor — ${title}`;
}

switch (outcome.kind) {
  case 'redirecting':
    status.textContent = `Signing in with ${outcome.serverLabel}…`;
    break;
  case 'refused':
    show('Launch refused', `${outcome.reason} Ask your EHR administrator to check how Tailor is registered.`);
    document.body.dataset.launch = 'refused';
    break;
  case 'failed':
    show('Launch failed', outcome.reason);
    document.body.dataset.launch = 'failed';
    break;
}
