import { strict as assert } from 'node:assert';
import { detectFlavour } from '../../../src/snippets/flavour';

const pkg = (deps: Record<string, string>, field = 'dependencies'): string => JSON.stringify({ [field]: deps });

describe('detectFlavour', () => {
  it('reads Next.js from @clerk/nextjs, even beside other Clerk packages', () => {
    assert.deepEqual(detectFlavour(pkg({ '@clerk/nextjs': '^7', '@clerk/clerk-react': '^5' })), { kind: 'next' });
  });
  it('tells the Core 3 React SDK from the older one', () => {
    assert.deepEqual(detectFlavour(pkg({ '@clerk/react': '^6', vite: '^7' })), { kind: 'react', sdk: '@clerk/react' });
    assert.deepEqual(detectFlavour(pkg({ '@clerk/clerk-react': '^5' }, 'devDependencies')), {
      kind: 'react',
      sdk: '@clerk/clerk-react',
    });
  });
  it('takes Next.js from `next` when no Clerk SDK is installed yet', () => {
    assert.deepEqual(detectFlavour(pkg({ next: '^16', convex: '^1' })), { kind: 'next' });
  });
  it('cannot tell for a Vite app without a Clerk SDK, a bare project, or broken JSON', () => {
    assert.equal(detectFlavour(pkg({ vite: '^7', convex: '^1' })), undefined);
    assert.equal(detectFlavour('{}'), undefined);
    assert.equal(detectFlavour('{ "dependencies": '), undefined);
    assert.equal(detectFlavour(''), undefined);
  });
});
