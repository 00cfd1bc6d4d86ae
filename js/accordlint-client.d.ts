// Types for accordlint-client.js; the report types come from the package's generated .d.ts.
import type { CheckOptions, PackText, PackValidation, Report, RequirementInfo, RequirementResult } from './accordlint.js';

export interface ClientOptions {
  /** Profile id; default "baseline". */
  profile?: string;
  overlays?: PackText[];
  /** Where worker.js is; default: beside accordlint-client.js. */
  workerUrl?: string | URL;
  /** A worker already started on worker.js (instead of starting one from `workerUrl`). */
  worker?: Worker;
  /**
   * The .wasm as wasm-bindgen's init takes it, or a Promise of it (e.g. from
   * WebAssembly.compileStreaming); default: accordlint_bg.wasm beside the worker.
   */
  wasm?: WasmSource | Promise<WasmSource | undefined>;
}

export type WasmSource = string | URL | BufferSource | WebAssembly.Module;

/** updateChanges(): the report, and the requirements kept from the previous one. */
export interface LiveReport {
  report: Report;
  /**
   * Requirement id -> the previous updateChanges() report's requirement object, for each
   * requirement unchanged but for its evidence offsets; when those did not move either,
   * `report` holds that very object.
   */
  kept: Map<string, RequirementResult>;
}

export interface ClientInfo {
  version: string;
  profile: string;
  requirements: RequirementInfo[];
}

export declare class AccordlintClient {
  private constructor(worker: Worker);
  static create(options?: ClientOptions): Promise<AccordlintClient>;
  /** Starts the worker and returns at once; requests made before `ready` are answered after it. */
  static start(options?: ClientOptions): AccordlintClient;
  /** Resolves once the profile is compiled (start(); create() has awaited it). */
  ready: Promise<ClientInfo>;
  /** Set by create() and setProfile(). */
  info: ClientInfo;
  setProfile(profile: string, overlays?: PackText[]): Promise<ClientInfo>;
  check(text: string, options?: CheckOptions): Promise<Report>;
  checkJson(text: string, options?: CheckOptions): Promise<string>;
  update(text: string, options?: CheckOptions): Promise<Report>;
  /** update(), with the worker sending only the requirements that changed since the previous call. */
  updateChanges(text: string, options?: CheckOptions): Promise<LiveReport>;
  validatePack(toml: string, name?: string): Promise<PackValidation>;
  rules(): Promise<RequirementInfo[]>;
  decode(bytes: ArrayBuffer | Uint8Array, name: string): Promise<string>;
  /** Loads the Word build (word/ beside the worker) on the first Word call. */
  checkDocx(bytes: ArrayBuffer | Uint8Array, options?: CheckOptions): Promise<Report>;
  /** The report and the annotated copy of the .docx (one Word comment per finding). */
  annotateDocx(bytes: ArrayBuffer | Uint8Array, options?: CheckOptions): Promise<{ report: Report; bytes: Uint8Array }>;
  decodeDocx(bytes: ArrayBuffer | Uint8Array): Promise<string>;
  terminate(): void;
}
