// A WorkspaceIO over a map of paths to texts, in one workspace folder, analysed by the real analyzer: for tests
// of the model that need no interleavings. `answer` may answer a file first (a busy machine, a text unchanged).
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import { analyse } from '../../../src/analysis/analyse';
import { dependsOnOtherFiles } from '../../../src/analysis/prefilter';
import { textFingerprint } from '../../../src/worker/protocol';
import type { DiskAnalysis, WorkspaceFile, WorkspaceIO } from '../../../src/workspace/types';

export const FOLDER = 'file:///w';
export const fileAt = (path: string): WorkspaceFile => ({ key: `${FOLDER}|#|${path}`, path, folder: FOLDER });

export function diskIO(
  disk: ReadonlyMap<string, string>,
  answer: (file: WorkspaceFile, text: string, unless: string | undefined) => DiskAnalysis | undefined = () => undefined,
): WorkspaceIO {
  return {
    async *scan() {
      yield [...disk.keys()].map(fileAt);
    },
    analyse: (f, inputs, unless): Promise<DiskAnalysis> => {
      const text = disk.get(f.path);
      if (text === undefined) return Promise.resolve({ kind: 'absent' });
      return Promise.resolve(
        answer(f, text, unless) ?? {
          kind: 'analysed',
          analysis: analyse(f.path, text, { ...inputs }),
          fingerprint: textFingerprint(text),
          crossFile: dependsOnOtherFiles(text),
        },
      );
    },
    isDirty: () => false,
    isOpen: () => false,
    join: withIdentityFunctions,
  };
}
