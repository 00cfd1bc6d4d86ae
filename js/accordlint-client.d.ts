// Types for accordlint-client.js; the report types come from the package's generated .d.ts.
import type { CheckOptions, PackText, PackValidation, Report, RequirementInfo } from './accordlint.js';

export interface ClientOptions {
  /** Profile id; default "baseline". */
  profile?: string;
  overlays?: PackText[];
  /** Where worker.js is; default: beside accordlint-client.js. */
  workerUrl?: string | URL;
  /** The .wasm as wasm-bindgen's init takes it; default: accordlint_bg.wasm beside the worker. */
  wasm?: string | URL | BufferSource | WebAssembly.Module;
}

export interface ClientInfo {
  version: string;
  profile: string;
  requirements: RequirementInfo[];
}

export declare class AccordlintClient {
  private constructor(worker: Worker);
  static create(options?: ClientOptions): Promise<AccordlintClient>;
  /** Set by create() and setProfile(). */
  info: ClientInfo;
  setProfile(profile: string, overlays?: PackText[]): Promise<ClientInfo>;
  check(text: string, options?: CheckOptions): Promise<Report>;
  checkJson(text: string, options?: CheckOptions): Promise<string>;
  update(text: string, options?: CheckOptions): Promise<Report>;
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
