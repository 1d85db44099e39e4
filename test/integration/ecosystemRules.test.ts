import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeActions, sampleUri, waitFor } from './helpers';

// One check per rule added for today's ecosystem, in the real VS Code: the file is written into the fresh copy
// of the sample, the diagnostic appears, and (where the rule has one) its quick fix clears it.

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

function ours(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === `clerk-convex/${code}`);
}

async function writeAndOpen(relative: string, text: string): Promise<vscode.TextDocument> {
  const uri = sampleUri(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

// Deleted before its tab closes: the tab closing hands the file to the disk, which no longer has it, so the index
// forgets it even when the watcher misses the delete (a folder this test created moments ago).
async function closeAndDelete(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.workspace.fs.delete(document.uri);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

async function diagnostic(document: vscode.TextDocument, code: string): Promise<vscode.Diagnostic> {
  const [d] = await waitFor(
    `the ${code} diagnostic`,
    () => {
      const found = ours(document.uri, code);
      return found.length ? found : undefined;
    },
    30_000,
  );
  assert.ok(d);
  return d;
}

async function applyFix(
  document: vscode.TextDocument,
  d: vscode.Diagnostic,
  titlePart: string,
  code: string,
): Promise<void> {
  const actions = await codeActions(document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.title.includes(titlePart));
  assert.ok(fix?.edit, `no "${titlePart}" fix among: ${actions.map((a) => a.title).join(', ')}`);
  assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
  await waitFor(
    `the ${code} diagnostic to clear`,
    () => (ours(document.uri, code).length === 0 ? true : undefined),
    30_000,
  );
}

describe("rules for today's ecosystem in a real VS Code", () => {
  before(async () => {
    await activateExtension();
  });

  it('clerk-gate: <Show when="signed-in"> above a component that sends a Convex query, fixed to <Authenticated>', async () => {
    const document = await writeAndOpen(
      'components/ShowFeed.tsx',
      `"use client";
import { Show } from "@clerk/nextjs";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

function Count() {
  const messages = useQuery(api.messages.list);
  return <p>{messages?.length}</p>;
}

export function ShowFeed() {
  return <Show when="signed-in"><Count /></Show>;
}
`,
    );
    try {
      const d = await diagnostic(document, 'clerk-gate');
      assert.equal(document.getText(d.range), 'Show');
      await applyFix(document, d, 'Authenticated', 'clerk-gate');
      assert.match(document.getText(), /<Authenticated><Count \/>/);
    } finally {
      await closeAndDelete(document);
    }
  });

  it('clerk-gate across files: <Show when="signed-in"> above a component of another file that queries on mount; gating that query clears it', async () => {
    const rows = await writeAndOpen(
      'components/Rows.tsx',
      `"use client";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export function Rows() {
  const rows = useQuery(api.messages.list);
  return <ul>{rows?.map((r) => <li key={r._id}>{r.body}</li>)}</ul>;
}
`,
    );
    await rows.save(); // the index reads what the component does from the saved file too
    const page = await writeAndOpen(
      'app/rows/page.tsx',
      `import { Show } from "@clerk/nextjs";
import { Rows } from "../../components/Rows";

export default function RowsPage() {
  return <main><Show when="signed-in"><Rows /></Show></main>;
}
`,
    );
    try {
      const d = await diagnostic(page, 'clerk-gate');
      assert.equal(page.getText(d.range), 'Show');
      assert.match(d.message, /<Rows> \(useQuery\(api\.messages\.list\) in components\/Rows\.tsx\)/);
      await vscode.window.showTextDocument(rows);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      await editor.edit((b) => {
        const text = rows.getText();
        const at = text.indexOf('useQuery(api.messages.list)');
        b.replace(
          new vscode.Range(rows.positionAt(at), rows.positionAt(at + 'useQuery(api.messages.list)'.length)),
          'useQuery(api.messages.list, useConvexAuth().isAuthenticated ? {} : "skip")',
        );
        b.replace(new vscode.Range(1, 0, 1, 0), 'import { useConvexAuth } from "convex/react";\n');
      });
      await rows.save();
      await waitFor(
        'the clerk-gate on the page to clear once Rows gates its own query',
        () => (ours(page.uri, 'clerk-gate').length === 0 ? true : undefined),
        30_000,
      );
    } finally {
      await closeAndDelete(page);
      await closeAndDelete(rows);
    }
  });

  it('clerk-gate on a route layout: <SignedIn> around {children} while a page under it queries on mount; it clears once the page calls no Convex', async () => {
    const page = await writeAndOpen(
      'app/board/page.tsx',
      `"use client";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

export default function Board() {
  const rows = useQuery(api.messages.list);
  return <p>{rows?.length}</p>;
}
`,
    );
    await page.save();
    const layout = await writeAndOpen(
      'app/board/layout.tsx',
      `import { SignedIn } from "@clerk/nextjs";

export default function BoardLayout({ children }: { children: React.ReactNode }) {
  return <SignedIn><main>{children}</main></SignedIn>;
}
`,
    );
    try {
      const d = await diagnostic(layout, 'clerk-gate');
      assert.equal(layout.getText(d.range), 'SignedIn');
      assert.match(d.message, /app\/board\/page\.tsx calls useQuery\(api\.messages\.list\)/);
      await vscode.window.showTextDocument(page);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      await editor.edit((b) => {
        const all = new vscode.Range(page.positionAt(0), page.positionAt(page.getText().length));
        b.replace(all, 'export default function Board() {\n  return <p>Nothing from Convex</p>;\n}\n');
      });
      await page.save();
      await waitFor(
        'the clerk-gate on the layout to clear once the page under it calls no Convex',
        () => (ours(layout.uri, 'clerk-gate').length === 0 ? true : undefined),
        30_000,
      );
    } finally {
      await closeAndDelete(layout);
      await closeAndDelete(page);
    }
  });

  it('identity-from-args: a query reading rows for a userId argument, fixed to take the user from ctx.auth', async () => {
    const document = await writeAndOpen(
      'convex/byUser.ts',
      `import { v } from "convex/values";
import { query } from "./_generated/server";

export const listFor = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db
      .query("messages")
      .withIndex("by_user", (q) => q.eq("userId", args.userId))
      .collect();
  },
});
`,
    );
    try {
      const d = await diagnostic(document, 'identity-from-args');
      assert.equal(document.getText(d.range), 'userId: v.string()');
      assert.match(d.message, /any client can name any user, and this query reads rows by it/);
      await applyFix(document, d, 'identity.subject', 'identity-from-args');
      assert.match(document.getText(), /q\.eq\("userId", identity\.subject\)/);
      assert.match(document.getText(), /args: \{\},/);
    } finally {
      await closeAndDelete(document);
    }
  });

  it('server-token: preloadQuery without the token in a page using @clerk/nextjs/server, fixed by passing it', async () => {
    const document = await writeAndOpen(
      'app/server-page/page.tsx',
      `import { auth } from "@clerk/nextjs/server";
import { preloadQuery } from "convex/nextjs";
import { api } from "../../convex/_generated/api";

export default async function Page() {
  await auth();
  const preloaded = await preloadQuery(api.messages.list, {});
  return <pre>{JSON.stringify(preloaded)}</pre>;
}
`,
    );
    try {
      const d = await diagnostic(document, 'server-token');
      assert.equal(document.getText(d.range), 'preloadQuery');
      await applyFix(document, d, 'session token', 'server-token');
      assert.match(document.getText(), /\{ token: \(await \(await auth\(\)\)\.getToken\(\)\) \?\? undefined \}/);
    } finally {
      await closeAndDelete(document);
    }
  });

  it('server-set-auth: a TanStack Start root route whose beforeLoad never hands the Clerk token to serverHttpClient, fixed with setAuth', async () => {
    const document = await writeAndOpen(
      'src/routes/__root.tsx',
      `import { createRootRouteWithContext, Outlet } from "@tanstack/react-router";
import { createServerFn } from "@tanstack/react-start";
import { ClerkProvider, useAuth } from "@clerk/tanstack-react-start";
import { auth } from "@clerk/tanstack-react-start/server";
import type { ConvexQueryClient } from "@convex-dev/react-query";
import type { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const fetchClerkAuth = createServerFn({ method: "GET" }).handler(async () => {
  const { userId, getToken } = await auth();
  return { userId, token: await getToken({ template: "convex" }) };
});

export const Route = createRootRouteWithContext<{ convexClient: ConvexReactClient; convexQueryClient: ConvexQueryClient }>()({
  beforeLoad: async (ctx) => {
    const { userId, token } = await fetchClerkAuth();
    return { userId, token };
  },
  component: RootComponent,
});

function RootComponent() {
  const { convexClient } = Route.useRouteContext();
  return <ClerkProvider><ConvexProviderWithClerk client={convexClient} useAuth={useAuth}><Outlet /></ConvexProviderWithClerk></ClerkProvider>;
}
`,
    );
    try {
      const d = await diagnostic(document, 'server-set-auth');
      assert.equal(document.getText(d.range), 'beforeLoad');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      await applyFix(document, d, 'Hand the Clerk token', 'server-set-auth');
      assert.match(
        document.getText(),
        /\n {4}if \(token\) ctx\.context\.convexQueryClient\.serverHttpClient\?\.setAuth\(token\);\n/,
      );
    } finally {
      await closeAndDelete(document);
    }
  });

  it('expo-publishable-key: an Expo ClerkProvider without publishableKey, fixed with the EXPO_PUBLIC_ name', async () => {
    const document = await writeAndOpen(
      'expo/_layout.tsx',
      `import { ClerkProvider, useAuth } from "@clerk/expo";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!);
export default function RootLayout() {
  return <ClerkProvider><ConvexProviderWithClerk client={convex} useAuth={useAuth}>{null}</ConvexProviderWithClerk></ClerkProvider>;
}
`,
    );
    try {
      const d = await diagnostic(document, 'expo-publishable-key');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      await applyFix(document, d, 'publishableKey', 'expo-publishable-key');
      assert.match(
        document.getText(),
        /<ClerkProvider publishableKey=\{process\.env\.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!\}>/,
      );
    } finally {
      await closeAndDelete(document);
    }
  });

  it('auth-config-env-hidden: a placeholder fallback Convex never uses in convex/auth.config.ts, fixed to the variable alone', async () => {
    const uri = sampleUri('convex/auth.config.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    try {
      const text = document.getText();
      const start = text.indexOf('"https://exotic-crab-75');
      const end = text.indexOf(',', start);
      await editor.edit((b) =>
        b.replace(
          new vscode.Range(document.positionAt(start), document.positionAt(end)),
          'process.env.CLERK_FRONTEND_API_URL ?? "https://REPLACE_ME.clerk.accounts.dev"',
        ),
      );
      const d = await diagnostic(document, 'auth-config-env-hidden');
      assert.match(d.message, /is used in auth config file but its value was not set/);
      assert.match(d.message, /never stands in for it/);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
      await applyFix(document, d, 'alone', 'auth-config-env-hidden');
      assert.match(document.getText(), /domain: process\.env\.CLERK_FRONTEND_API_URL!,/);
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('query-before-auth: a page querying a function that throws without an identity, linked to where it reads it', async () => {
    const convexDoc = await writeAndOpen(
      'convex/needsUser.ts',
      `import { query } from "./_generated/server";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthenticated");
    return identity.subject;
  },
});
`,
    );
    await convexDoc.save(); // the index re-reads a saved file
    const page = await writeAndOpen(
      'app/needs-user/page.tsx',
      `"use client";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

export default function Page() {
  const mine = useQuery(api.needsUser.mine);
  return <p>{mine}</p>;
}
`,
    );
    try {
      const d = await diagnostic(page, 'query-before-auth');
      assert.match(d.message, /api\.needsUser\.mine needs a signed-in user/);
      const related = d.relatedInformation?.find((r) => r.location.uri.path.endsWith('convex/needsUser.ts'));
      assert.ok(related, 'points at the Convex function');
      assert.equal(convexDoc.getText(related.location.range), 'ctx.auth.getUserIdentity()');
    } finally {
      await closeAndDelete(page);
      await closeAndDelete(convexDoc);
    }
  });
});
