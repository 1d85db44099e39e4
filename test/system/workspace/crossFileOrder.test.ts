// The long run of test/unit/workspace/crossFileOrder.ts: cross-file findings end where the fixed point of the final
// files does, over many random scan orders, analyses finishing out of order and edits landing among them.
import fc from 'fast-check';
import { scanOrderProperty } from '../../unit/workspace/crossFileOrder';

describe('workspace model: cross-file findings over many scan orders (system)', function () {
  this.timeout(600_000);

  it('600 random scan orders with late analyses and edits end at the fixed point of the final files', async () => {
    await fc.assert(scanOrderProperty, { numRuns: 600 });
  });
});
