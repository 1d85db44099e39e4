import { strict as assert } from 'node:assert';
import { planSandwich, providerFileText, type SandwichRequest } from '../../../src/snippets/sandwich';
import { analyse } from '../../../src/analysis/analyse';
import { EMPTY_PROJECT } from '../../../src/project/types';
import { applyEdits } from '../../../src/analysis/edits';
import { parseSource } from '../../../src/analysis/parse';

const next = { kind: 'next' } as const;
const vite = { kind: 'react', sdk: '@clerk/react' } as const;

function run(text: string, over: Partial<SandwichRequest> = {}): string {
  const req: SandwichRequest = {
    text,
    fileName: 'Providers.tsx',
    language: 'ts',
    flavour: next,
    selectionStart: text.length,
    selectionEnd: text.length,
    indentUnit: '  ',
    ...over,
  };
  const plan = planSandwich(req);
  assert.ok(plan.ok, `expected a plan, got ${JSON.stringify(plan)}`);
  return applyEdits(text, plan.edits);
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function assertParses(text: string, fileName = 'x.tsx'): void {
  const ast = parseSource(fileName, text) as { errors?: unknown[] } | undefined;
  assert.ok(ast && !ast.errors?.length, `does not parse:\n${text}`);
}

describe('planSandwich', () => {
  it('writes a whole "use client" provider component into an empty file', () => {
    const out = run('');
    assert.equal(
      out,
      [
        '"use client";',
        '',
        'import type { ReactNode } from "react";',
        'import { ClerkProvider, useAuth } from "@clerk/nextjs";',
        'import { ConvexReactClient } from "convex/react";',
        'import { ConvexProviderWithClerk } from "convex/react-clerk";',
        '',
        'const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);',
        '',
        'export default function ConvexClientProvider({ children }: { children: ReactNode }) {',
        '  return (',
        '    <ClerkProvider>',
        '      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>',
        '        {children}',
        '      </ConvexProviderWithClerk>',
        '    </ClerkProvider>',
        '  );',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('merges into existing imports instead of duplicating them', () => {
    const text = '"use client";\n\nimport { useAuth } from "@clerk/nextjs";\nimport { useState } from "react";\n';
    const out = run(text);
    assert.equal(count(out, 'from "@clerk/nextjs"'), 1);
    assert.match(out, /import \{ useAuth, ClerkProvider \} from "@clerk\/nextjs";/);
    assert.match(out, /import \{ useState, type ReactNode \} from "react";/);
    assert.equal(count(out, '"use client"'), 1);
    assert.equal(count(out, 'new ConvexReactClient'), 1);
    assertParses(out);
  });

  it("keeps the file's quote style and leaves an existing convex client alone", () => {
    const text = "import { ConvexReactClient } from 'convex/react';\n\nconst convex = new ConvexReactClient('x');\n";
    const out = run(text);
    assert.match(out, /import \{ ConvexProviderWithClerk \} from 'convex\/react-clerk';/);
    assert.equal(count(out, 'new ConvexReactClient'), 1);
    assertParses(out);
  });

  it('wraps the selection as the children, one level per provider deeper', () => {
    const text = [
      '"use client";',
      'export function Providers() {',
      '  return (',
      '    <main>',
      '      <App />',
      '    </main>',
      '  );',
      '}',
      '',
    ].join('\n');
    const start = text.indexOf('<main>');
    const end = text.indexOf('</main>') + '</main>'.length;
    const out = run(text, { selectionStart: start, selectionEnd: end });
    assert.ok(
      out.includes(
        [
          '    <ClerkProvider>',
          '      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>',
          '        <main>',
          '          <App />',
          '        </main>',
          '      </ConvexProviderWithClerk>',
          '    </ClerkProvider>',
        ].join('\n'),
      ),
      out,
    );
    assertParses(out);
  });

  it('inserts bare JSX at a cursor inside a function', () => {
    const text = 'export function P({ children }) {\n  return (\n    <>\n    \n    </>\n  );\n}\n';
    const at = text.indexOf('    \n    </>') + 4;
    const out = run(text, { language: 'js', fileName: 'P.jsx', selectionStart: at, selectionEnd: at });
    assert.ok(out.includes('    <ClerkProvider>\n      <ConvexProviderWithClerk'), out);
    assert.ok(!out.includes('export default function ConvexClientProvider'));
    assert.match(
      out,
      /new ConvexReactClient\(process\.env\.NEXT_PUBLIC_CONVEX_URL\);/,
      'no TypeScript "!" in a JS file',
    );
    assertParses(out, 'x.jsx');
  });

  it('uses the React SDK, VITE_ names and the publishable key for a Vite app, without "use client"', () => {
    const out = run('import { StrictMode } from "react";\n', { flavour: vite, fileName: 'main.tsx' });
    assert.ok(!out.includes('use client'));
    assert.match(out, /from "@clerk\/react";/);
    assert.match(out, /import\.meta\.env\.VITE_CONVEX_URL as string/);
    assert.match(out, /<ClerkProvider publishableKey=\{import\.meta\.env\.VITE_CLERK_PUBLISHABLE_KEY\}>/);
    assert.match(out, /import \{ StrictMode, type ReactNode \} from "react";/);
    assertParses(out);
  });

  it('reports a name the file already imports from another SDK instead of importing it twice', () => {
    const text = '"use client";\nimport { useAuth } from "@clerk/clerk-react";\n';
    const req: SandwichRequest = {
      text,
      fileName: 'P.tsx',
      language: 'ts',
      flavour: next,
      selectionStart: text.length,
      selectionEnd: text.length,
      indentUnit: '  ',
    };
    const plan = planSandwich(req);
    assert.ok(plan.ok);
    assert.deepEqual(plan.conflicts, [{ name: 'useAuth', wanted: '@clerk/nextjs', existing: '@clerk/clerk-react' }]);
    assert.equal(count(applyEdits(text, plan.edits), 'useAuth }'), 1);
  });

  it('refuses a Next.js server layout, which a "use client" line would break', () => {
    const text =
      'export const metadata = { title: "x" };\nexport default function RootLayout({ children }) { return children; }\n';
    const plan = planSandwich({
      text,
      fileName: 'app/layout.tsx',
      language: 'ts',
      flavour: next,
      selectionStart: 0,
      selectionEnd: 0,
      indentUnit: '  ',
    });
    assert.deepEqual(plan, { ok: false, reason: 'server-file' });
  });

  it('refuses a file with a syntax error and changes nothing', () => {
    const plan = planSandwich({
      text: 'export function (',
      fileName: 'x.tsx',
      language: 'ts',
      flavour: next,
      selectionStart: 0,
      selectionEnd: 0,
      indentUnit: '  ',
    });
    assert.deepEqual(plan, { ok: false, reason: 'unparsable' });
  });

  it('keeps CRLF line endings', () => {
    const out = run('import { useState } from "react";\r\n', { flavour: vite });
    assert.ok(!/[^\r]\n/.test(out), JSON.stringify(out));
  });

  it('names the component without "default" when the file already has a default export', () => {
    const text = 'export default function App() { return null; }\n';
    const out = run(text, { flavour: vite });
    assert.match(out, /\nexport function ConvexClientProvider\(/);
    assertParses(out);
  });
});

describe('providerFileText', () => {
  const context = (framework: 'next' | 'vite', sdk: string) => ({
    project: { ...EMPTY_PROJECT, packages: { framework, clerkSdks: [sdk] } },
  });

  it('gives a provider file the analyzer accepts as a correct sandwich, in every flavour and language', () => {
    const cases = [
      { flavour: next, framework: 'next', sdk: '@clerk/nextjs' },
      { flavour: vite, framework: 'vite', sdk: '@clerk/react' },
      { flavour: { kind: 'react', sdk: '@clerk/clerk-react' }, framework: 'vite', sdk: '@clerk/clerk-react' },
    ] as const;
    for (const c of cases) {
      for (const language of ['ts', 'js'] as const) {
        const text = providerFileText(c.flavour, language);
        const result = analyse(`components/ConvexClientProvider.${language}x`, text, context(c.framework, c.sdk));
        assert.deepEqual(
          result.findings.map((f) => f.code),
          [],
          `${c.sdk} ${language}:\n${text}`,
        );
        assert.equal(result.facts.sandwichCorrect, true, `${c.sdk} ${language}`);
      }
    }
  });
});

describe('planSandwich selections and names', () => {
  it('wraps whole selected lines at their own indentation, keeping the line break after them', () => {
    const text = 'export function P() {\n  return (\n    <App />\n  );\n}\n';
    const start = text.indexOf('    <App />');
    const end = start + '    <App />\n'.length;
    const out = run(text, { selectionStart: start, selectionEnd: end, flavour: vite });
    assert.ok(
      out.includes(
        '  return (\n    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>\n      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>\n        <App />\n      </ConvexProviderWithClerk>\n    </ClerkProvider>\n  );',
      ),
      out,
    );
  });

  it('does not declare a second ConvexClientProvider', () => {
    const text = 'export function ConvexClientProvider() { return null; }\n';
    const out = run(text, { flavour: vite });
    assert.match(out, /export default function ClerkConvexProvider\(/);
  });
});
