// Minimal embedding of accordlint: the worker client, one button, the verdict and the
// requirements that are not met. See README.md ("Embed it").
import { AccordlintClient } from './pkg/accordlint-client.js';

const draft = document.getElementById('draft');
const button = document.getElementById('check');
const verdict = document.getElementById('verdict');
const findings = document.getElementById('findings');

function show(report) {
  const { met, weak, missing, violated } = report.summary;
  verdict.textContent = `Verdict: ${report.verdict} (${met} met, ${weak} weak, ${missing} missing, ${violated} violated)`;
  verdict.dataset.verdict = report.verdict;
  findings.replaceChildren(...report.requirements
    .filter((requirement) => ['weak', 'missing', 'violated'].includes(requirement.status))
    .map((requirement) => {
      const item = document.createElement('li');
      item.textContent = `${requirement.status}: ${requirement.title} (${requirement.id}, ${requirement.level})`;
      return item;
    }));
}

try {
  const client = await AccordlintClient.create({ profile: 'baseline' });
  verdict.textContent = `Ready: accordlint ${client.info.version}.`;
  button.disabled = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      show(await client.check(draft.value));
    } catch (error) {
      verdict.textContent = `Error: ${error.message}`;
    } finally {
      button.disabled = false;
    }
  });
} catch (error) {
  verdict.textContent = `The checker could not start: ${error.message}`;
}
