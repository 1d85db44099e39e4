// A scan's files analysed in lanes: the listing comes in batches while analyses already run, `lanes` at a time.
import type { WorkspaceFile } from './types';

/**
 * Runs `work` on every file of `batches`, `lanes` at once, as the batches arrive; stops taking files once
 * `stopped()`. Resolves once the listing ended and every lane finished.
 */
export async function runLanes(
  batches: AsyncIterable<WorkspaceFile[]>,
  lanes: number,
  work: (file: WorkspaceFile) => Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  const queue: WorkspaceFile[] = [];
  let listed = false;
  const sleeping: (() => void)[] = [];
  const wake = (): void => {
    for (const resume of sleeping.splice(0)) resume();
  };
  const next = async (): Promise<WorkspaceFile | undefined> => {
    for (;;) {
      const file = queue.shift();
      if (file || listed || stopped()) return file;
      await new Promise<void>((resume) => sleeping.push(resume));
    }
  };
  const lane = async (): Promise<void> => {
    for (let file = await next(); file; file = await next()) await work(file);
  };
  const running = Array.from({ length: lanes }, lane);
  try {
    for await (const batch of batches) {
      queue.push(...batch);
      wake();
      if (stopped()) break;
    }
  } finally {
    listed = true;
    wake();
    await Promise.all(running);
  }
}
