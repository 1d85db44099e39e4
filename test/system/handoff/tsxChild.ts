import path from 'node:path';
import { REPO } from '../../unit/handoff/projects';

/** The runner's child from its TypeScript source under tsx (unit tests; the extension runs the bundled one). */
export function childUnderTsx(): { entry: string; execArgv: string[] } {
  return {
    entry: path.join(REPO, 'src', 'handoff', 'run', 'child.ts'),
    execArgv: ['--require', require.resolve('tsx/cjs')],
  };
}
