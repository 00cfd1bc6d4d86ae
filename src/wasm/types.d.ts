/* Hand-written types for the values that cross the boundary as plain objects. They mirror
   src/report/mod.rs (the JSON report, schema "accordlint-report/1") and the options that
   src/wasm/options.rs accepts; tests/js/embed.ts compiles against them. Keys are snake_case,
   exactly as in the CLI's JSON. */

/** An overlay (or profile) pack: its file name, for error messages, and its TOML text. */
export interface PackText {
  name: string;
  text: string;
}

/** Which categories of cooperation to check for: detected from the text (`"auto"`, the
    default), none, or the ones listed ("threat-intel", "incident-response",
    "joint-investigation"). */
export type CategorySelection = "auto" | "none" | string[];

/** A rendering to return as a string beside the report object, under `rendered`. */
export type ReportFormat = "json" | "markdown" | "text";

export interface CheckOptions {
  categories?: CategorySelection;
  formats?: ReportFormat[];
}

export type Verdict = "pass" | "review" | "fail";
export type Status = "met" | "weak" | "missing" | "violated" | "not_applicable";
export type Level = "must" | "should";
export type CheckKind = "require" | "forbid" | "limit" | "when" | "category" | "trigger";
export type Modality =
  | "obligation" | "prohibition" | "declarative" | "permission" | "hedged" | "aspiration";

export interface ToolInfo {
  name: string;
  version: string;
}

export interface PackRef {
  id: string;
  version: string;
}

export interface ProfileInfo {
  id: string;
  version: string;
  overlays: PackRef[];
}

/** A phrase that made a category detected, and where. */
export interface CategoryEvidence {
  phrase: string;
  clause: string;
  /** UTF-8 byte offsets into the input. */
  start: number;
  end: number;
  /** UTF-16 code-unit offsets into the input: indices into the JS string. */
  start_utf16: number;
  end_utf16: number;
}

export interface CategoryFinding {
  id: string;
  /** "detected" when found in the text, "selected" when the user chose it. */
  source: "detected" | "selected";
  detected_by: CategoryEvidence[];
}

export interface Summary {
  met: number;
  weak: number;
  missing: number;
  violated: number;
  not_applicable: number;
}

/** A sentence that decides a status. */
export interface Evidence {
  /** The clause reference, e.g. "Art. 8(1)". */
  clause: string;
  start: number;
  end: number;
  start_utf16: number;
  end_utf16: number;
  /** The sentence as written. */
  text: string;
  /** What this sentence does to the requirement. */
  effect: Status;
  /** For a Word document only: where the sentence stands in it. */
  location?: WordLocation;
}

/** A place in a Word document: paragraph index (body order, then footnotes and endnotes)
    and a character range in the paragraph's visible text. */
export interface WordLocation {
  paragraph: number;
  start_char: number;
  end_char: number;
}

/** One step of the reasoning: which check fired on which sentence, with what modality. */
export interface TraceStep {
  check: CheckKind;
  clause: string | null;
  matched: string[];
  modality: Modality | null;
  outcome: Status;
  note: string;
}

export interface RequirementResult {
  id: string;
  title: string;
  /** As applied to this document: a trigger can raise "should" to "must". */
  level: Level;
  principle: string;
  status: Status;
  evidence: Evidence[];
  message: string;
  suggestion: string;
  sources: string[];
  rationale: string;
  trace: TraceStep[];
}

/** An invisible character removed for matching (it could hide words from a reviewer). */
export interface HiddenCharacterInfo {
  code_point: string;
  name: string;
  clause: string | null;
  start: number;
  end: number;
  start_utf16: number;
  end_utf16: number;
}

export interface DocumentInfo {
  title: string | null;
  clauses: number;
  sentences: number;
  words: number;
  hidden_characters: HiddenCharacterInfo[];
  /** Word documents: text a reader does not see; it never meets or violates anything. */
  hidden_text: HiddenTextInfo[];
  /** Word documents: the tracked changes, with the statuses each one changes. */
  revisions: RevisionInfo[];
}

export interface HiddenTextInfo {
  kind: "vanish" | "white_text" | "tiny_text" | "comment" | "field_code";
  text: string;
  clause: string | null;
  paragraph: number;
}

/** A requirement whose status a tracked change changes: `before` with it rejected. */
export interface StatusChange {
  requirement: string;
  before: Status;
  after: Status;
}

export interface RevisionInfo {
  kind: "insertion" | "deletion";
  author: string | null;
  date: string | null;
  text: string;
  clause: string | null;
  paragraph: number;
  changes: StatusChange[];
}

/** Renderings asked for with `formats`. */
export interface Renderings {
  json?: string;
  markdown?: string;
  text?: string;
}

/** The report: the CLI's JSON report as an object, plus `rendered` when formats were asked. */
export interface Report {
  schema: "accordlint-report/1";
  tool: ToolInfo;
  profile: ProfileInfo;
  categories: CategoryFinding[];
  verdict: Verdict;
  summary: Summary;
  requirements: RequirementResult[];
  document: DocumentInfo;
  rendered?: Renderings;
}

/** A requirement of the compiled profile, as `rules()` lists it. */
export interface RequirementInfo {
  id: string;
  title: string;
  level: Level;
  principle: string;
  applies_to: string[];
  trigger: string | null;
  sources: string[];
}

/** A problem in a pack, as `validatePack` reports it. */
export interface PackProblem {
  line: number;
  column: number;
  message: string;
  /** The requirement the problem is about, when there is one. */
  requirement: string | null;
}

/** What a valid pack holds. */
export interface PackSummary {
  id: string;
  version: string;
  requirements: number;
  tests: number;
}

export interface PackValidation {
  ok: boolean;
  errors: PackProblem[];
  /** Present when `ok`. */
  summary?: PackSummary;
}
