// Compiled (not run) by types.test.mjs with `tsc --noEmit`: uses every export of the package
// and of the worker client, so that a missing or loosened type fails the build.
import init, {
  Checker,
  Session,
  decodeInput,
  validatePack,
  version,
  type CheckOptions,
  type Evidence,
  type PackText,
  type PackValidation,
  type Report,
  type RequirementInfo,
  type Status,
  type Verdict,
} from '../../pkg/accordlint.js';
import { AccordlintClient } from '../../pkg/accordlint-client.js';

export async function embed(text: string, overlayToml: string, bytes: Uint8Array): Promise<Verdict> {
  await init();
  const overlays: PackText[] = [{ name: 'overlay.toml', text: overlayToml }];
  const options: CheckOptions = { categories: ['threat-intel'], formats: ['json', 'markdown', 'text'] };

  const checker = new Checker('baseline', overlays);
  const report: Report = checker.check(text, options);
  const json: string = checker.checkJson(text, { categories: 'auto' });
  const rendered: string | undefined = report.rendered?.markdown;
  const first: Evidence | undefined = report.requirements[0]?.evidence[0];
  const offset: number | undefined = first?.start_utf16;
  const status: Status = report.requirements[0].status;
  const detectedBy: string[] = report.categories.flatMap((category) => category.detected_by.map((found) => found.phrase));
  const hidden: string | null = report.document.hidden_characters[0]?.clause ?? null;
  const rules: RequirementInfo[] = checker.rules();
  const profiles: string[] = Checker.profiles();
  const versions: string[] = [Checker.version(), version()];

  // @ts-expect-error: misspelt keys are not part of the report
  report.verdit;
  // @ts-expect-error: statuses are a closed set
  const wrong: Status = 'passed';
  // @ts-expect-error: categories take "auto", "none" or a list
  checker.check(text, { categories: 'all' });

  const session = new Session(checker);
  const live: Report = session.update(text, options);
  const validation: PackValidation = validatePack(overlayToml, 'overlay.toml');
  const line: number | undefined = validation.errors[0]?.line;
  const decoded: string = decodeInput(bytes, 'draft.txt');
  session.free();
  checker.free();

  const client = await AccordlintClient.create({ profile: 'baseline', overlays });
  const fromWorker: Report = await client.check(decoded, options);
  const incremental: Report = await client.update(decoded);
  const workerJson: string = await client.checkJson(decoded);
  const workerRules: RequirementInfo[] = await client.rules();
  const workerValidation: PackValidation = await client.validatePack(overlayToml);
  const workerText: string = await client.decode(bytes, 'draft.txt');
  await client.setProfile('baseline');
  client.terminate();

  void [json, rendered, offset, status, detectedBy, hidden, rules, profiles, versions, wrong, live,
    line, incremental, workerJson, workerRules, workerValidation, workerText];
  return fromWorker.verdict;
}
