/**
 * The browser example's page script: runs the shared flow on the document in the text area
 * with the chosen AES-GCM backend and shows each step.
 */
import type { EnvelopeBackend } from 'mamlkit/envelope';
import { loadWorkflow, runTour, type TourStep } from '../shared/tour.ts';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, id: string): HTMLElementTagNameMap[K] {
  const found = document.querySelector<HTMLElementTagNameMap[K]>(`${tag}#${id}`);
  if (found === null) throw new Error(`<${tag} id="${id}"> is missing from the page`);
  return found;
}

const source = element('textarea', 'source');
const backend = element('select', 'backend');
const button = element('button', 'run');
const status = element('span', 'status');
const body = element('tbody', 'steps');

function row(step: TourStep): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const [text, className] of [
    [step.ok ? 'ok' : 'FAIL', step.ok ? 'ok' : 'fail'],
    [step.step, ''],
    [step.detail, ''],
  ] as const) {
    const td = document.createElement('td');
    td.textContent = text;
    td.className = className;
    tr.append(td);
  }
  return tr;
}

function show(state: string, text: string): void {
  status.dataset.state = state;
  status.textContent = text;
}

button.addEventListener('click', () => {
  const chosen = backend.value as EnvelopeBackend;
  show('running', 'running…');
  body.replaceChildren();
  const started = performance.now();
  runTour(source.value, chosen)
    .then((steps) => {
      body.replaceChildren(...steps.map(row));
      const passed = steps.every((s) => s.ok);
      show(
        passed ? 'done' : 'failed',
        `${passed ? 'done' : 'failed'} in ${Math.round(performance.now() - started)} ms`,
      );
    })
    .catch((error: unknown) => {
      show('error', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    });
});

source.value = await loadWorkflow();
// crypto.subtle exists only in secure contexts (https:, localhost, 127.0.0.1); elsewhere choose the pure-JS backend.
show('ready', `crypto.subtle ${isSecureContext ? 'available' : 'missing: choose the pure-JS backend'}`);
