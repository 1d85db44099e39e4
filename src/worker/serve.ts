// The worker's side: answers each request (an analysis, a pre-filter of files on disk, auth.config providers).
// Runs inside the worker only.
import { analyze } from '../analysis/analyze';
import { shouldAnalyse } from '../analysis/prefilter';
import { readAuthConfig } from '../analysis/authConfig';
import type { AnalysisContext } from '../analysis/types';
import type { ProjectSnapshot } from '../project/types';
import {
  PROJECTS_KEPT,
  type AnalyseReply,
  type AnalyseRequest,
  type Listed,
  type PrefilterRequest,
  type PrefilterResult,
  type WorkerRequest,
} from './protocol';

/** A file's bytes as the worker reads them: undefined when it does not exist, is not a file or is over `maxBytes`. */
export type ReadLocalFile = (fsPath: string, maxBytes: number) => Uint8Array | undefined;

export interface WorkerSelf {
  onRequest(listener: (request: WorkerRequest) => void): void;
  reply(reply: AnalyseReply): void;
  /** Reads a file synchronously (the Node worker; it may block, this is not the host's thread). */
  readFile?: ReadLocalFile;
  /** Lists a local folder's source files (the Node worker). */
  listSources?: (root: string, limit: number) => Listed;
}

const utf8 = new TextDecoder('utf-8');

/** The one size rule of src/features/project/workspaceFiles.ts's readText, in bytes, for a batch of files. */
export function prefilter(request: PrefilterRequest, read: ReadLocalFile): PrefilterResult {
  const result: PrefilterResult = { kept: [], errors: [] };
  request.files.forEach((file, index) => {
    try {
      const bytes = read(file.fsPath, request.maxBytes);
      if (!bytes) return;
      const text = utf8.decode(bytes);
      if (shouldAnalyse(file.path, text)) result.kept.push({ index, text });
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return; // gone since it was found
      result.errors.push({ index, message: err instanceof Error ? err.message : String(err) });
    }
  });
  return result;
}

/** The project snapshots the host sent, by key, least recently used first (see AnalyseRequest.projectKey). */
class Projects {
  private readonly kept = new Map<number, ProjectSnapshot>();

  /** The request's context with its project filled in from the keys kept. Undefined: a key this worker never got. */
  contextOf(request: AnalyseRequest): AnalysisContext | undefined {
    const key = request.projectKey;
    if (key === undefined) return request.context;
    const project = request.context.project ?? this.kept.get(key);
    if (!project) return undefined;
    this.kept.delete(key);
    this.kept.set(key, project);
    if (this.kept.size > PROJECTS_KEPT) this.kept.delete(this.kept.keys().next().value as number);
    return request.context.project ? request.context : { ...request.context, project };
  }
}

function answer(self: WorkerSelf, request: WorkerRequest, projects: Projects): AnalyseReply {
  switch (request.kind) {
    case 'prefilter':
      if (!self.readFile) return { id: request.id, ok: false, error: 'this worker cannot read files' };
      return { id: request.id, ok: true, prefiltered: prefilter(request, self.readFile) };
    case 'list':
      if (!self.listSources) return { id: request.id, ok: false, error: 'this worker cannot list folders' };
      return { id: request.id, ok: true, listed: self.listSources(request.root, request.limit) };
    case 'authConfigs':
      return { id: request.id, ok: true, authConfigs: request.files.map((f) => readAuthConfig(f.text, f.path, f.uri)) };
    default: {
      const context = projects.contextOf(request);
      if (!context)
        return { id: request.id, ok: false, error: `the worker has no project snapshot ${request.projectKey}` };
      return { id: request.id, ok: true, analysis: analyze(request.path, request.text, context) };
    }
  }
}

export function serveAnalysis(self: WorkerSelf): void {
  self.reply({ id: 0, ready: true });
  const projects = new Projects();
  self.onRequest((request) => {
    try {
      self.reply(answer(self, request, projects));
    } catch (err) {
      // analyze() and readAuthConfig() never throw by contract; if one ever does, the host logs this instead of
      // waiting for the budget.
      self.reply({ id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
