import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FolderEvents } from '../../src/features/project/folderEvents';
import { ProjectService } from '../../src/features/project/projectService';
import { readAuthConfig } from '../../src/analysis/authConfig';
import { resolveProviders } from '../../src/project/resolveProviders';
import { activateExtension, sampleUri, waitFor } from './helpers';

describe('project service in a real VS Code (sample project)', () => {
  let service: ProjectService;
  const folders = new FolderEvents({ error: () => undefined, warn: () => undefined, info: () => undefined });

  before(async () => {
    await activateExtension();
    // The extension reads auth.config providers in its analysis worker; this service of the test's own reads them here.
    service = new ProjectService(
      { error: () => undefined, warn: () => undefined, info: () => undefined },
      async (files) => files.map((f) => readAuthConfig(f.text, f.path, f.uri)),
      folders,
    );
  });

  after(() => {
    service.dispose();
    folders.dispose();
  });

  it('finds convex/auth.config.ts, the .env.local entries, the publishable key host and the framework', async () => {
    const snapshot = await service.getSnapshot();
    assert.deepEqual(
      snapshot.authConfigs.map((c) => c.path),
      ['convex/auth.config.ts'],
    );
    assert.equal(snapshot.authConfigs[0]?.uri, sampleUri('convex/auth.config.ts').toString());
    assert.deepEqual(snapshot.authConfigs[0]?.providers[0]?.keys, ['domain', 'applicationId']);
    const env = Object.fromEntries(snapshot.env.map((e) => [e.name, e.file]));
    assert.deepEqual(env, {
      NEXT_PUBLIC_CONVEX_URL: '.env.local',
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: '.env.local',
      CLERK_SECRET_KEY: '.env.local',
    });
    assert.equal(snapshot.publishableKeyInfo?.host, 'exotic-crab-75.clerk.accounts.dev');
    assert.equal(snapshot.packages.framework, 'next');
    assert.deepEqual(snapshot.packages.clerkSdks, ['@clerk/nextjs']);
    assert.equal(snapshot.convexLayout?.functionsDir, 'convex');
  });

  it('answers for a file inside the folder the same as for the folder', async () => {
    const byFile = await service.getSnapshot(sampleUri('app/layout.tsx'));
    assert.equal(byFile.folderUri, vscode.workspace.workspaceFolders?.[0]?.uri.toString());
    assert.equal(byFile.authConfigs.length, 1);
  });

  it('gives the empty project for a URI outside every workspace folder', async () => {
    const outside = await service.getSnapshot(vscode.Uri.parse('untitled:Untitled-1'));
    assert.deepEqual(outside.authConfigs, []);
    assert.deepEqual(outside.env, []);
  });

  it('announces a changed env file and then reads it, resolving the auth.config env var from it', async () => {
    const file = sampleUri('.env.development.local');
    const authConfig = sampleUri('convex/auth.config.ts');
    const original = await vscode.workspace.fs.readFile(authConfig);
    await service.getSnapshot();
    try {
      const changed = new Promise<void>((resolve) => {
        const sub = service.onDidChange(() => {
          sub.dispose();
          resolve();
        });
      });
      await vscode.workspace.fs.writeFile(
        file,
        new TextEncoder().encode('CLERK_JWT_ISSUER_DOMAIN=https://exotic-crab-75.clerk.accounts.dev\n'),
      );
      await vscode.workspace.fs.writeFile(
        authConfig,
        new TextEncoder().encode(
          'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n',
        ),
      );
      await changed;
      const providers = await waitFor('the new env file in the snapshot', async () => {
        const resolved = resolveProviders(await service.getSnapshot());
        return resolved[0]?.envVar?.file === '.env.development.local' ? resolved : undefined;
      });
      assert.deepEqual(providers, [
        {
          applicationID: 'convex',
          domain: 'https://exotic-crab-75.clerk.accounts.dev',
          envVar: { name: 'CLERK_JWT_ISSUER_DOMAIN', file: '.env.development.local' },
        },
      ]);
    } finally {
      await vscode.workspace.fs.delete(file);
      await vscode.workspace.fs.writeFile(authConfig, original);
    }
    await waitFor('the env file to be gone from the snapshot', async () =>
      (await service.getSnapshot()).env.some((e) => e.file === '.env.development.local') ? undefined : true,
    );
  });
});
