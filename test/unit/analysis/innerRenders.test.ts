// A component rendered only by another component of its own file (a dashboard's inner content): its query waits for
// Convex's auth when every file that renders the outer component wraps it in <Authenticated> (the ninth fresh
// check's F4, 12Mosch/Cognify src/components/Dashboard.tsx: `export const Dashboard = forwardRef(function Dashboard…)`
// renders `<DashboardContent/>`, which App renders inside <Authenticated>; the finding said "outside <Authenticated>").
// Lines of my own carrying that shape; verdicts written before the fix: gated render → clean, ungated → finding.
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { withIdentityFunctions } from '../../../src/analysis/crossFile';

const DECKS = `import { query } from "./_generated/server";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    return await ctx.db.query("decks").collect();
  },
});
`;
const dashboard = (outer: string): string => `import { forwardRef } from "react";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

function DashboardContent() {
  const decks = useQuery(api.decks.mine);
  return <ul>{decks?.map((d) => <li key={d._id}>{d.name}</li>)}</ul>;
}

${outer}
`;
const FORWARD_REF = `export const Dashboard = forwardRef<HTMLDivElement, {}>(function Dashboard(_props, ref) {
  return <div ref={ref}><DashboardContent /></div>;
});`;
const PLAIN = `export function Dashboard() {
  return <section><DashboardContent /></section>;
}`;
const app = (inner: string): string => `import { Authenticated, Unauthenticated } from "convex/react";
import { Dashboard } from "./components/Dashboard";
export default function App() {
  return <main>${inner}</main>;
}
`;

function findings(outer: string, appText: string): string[] {
  const functions = (analyse('convex/decks.ts', DECKS).facts.identityFunctions ?? []).map((f) => ({
    ...f,
    path: 'convex/decks.ts',
  }));
  const file = analyse('src/components/Dashboard.tsx', dashboard(outer), { identityFunctions: functions });
  const renders = (analyse('src/App.tsx', appText).facts.renders ?? []).map((r) => ({ ...r, path: 'src/App.tsx' }));
  return withIdentityFunctions(file, functions, [], [], [], renders).findings.map((f) => f.code);
}

const QBA = 'clerk-convex/query-before-auth';

describe('analysis: a component rendered by another of its own file (ninth fresh check F4)', () => {
  for (const [shape, outer] of [
    ['forwardRef(function Dashboard…)', FORWARD_REF],
    ['a plain exported function', PLAIN],
  ] as const) {
    it(`${shape}: rendered by App only inside <Authenticated>, the inner query waits for Convex`, () => {
      assert.ok(!findings(outer, app('<Authenticated><Dashboard /></Authenticated>')).includes(QBA));
    });

    it(`${shape}: rendered by App outside any gate, the inner query is reported`, () => {
      assert.ok(findings(outer, app('<Dashboard />')).includes(QBA));
    });
  }

  it('with no file of the project rendering the outer component, the inner query is reported (nothing shows a gate)', () => {
    assert.ok(findings(PLAIN, app('<p />')).includes(QBA));
  });
});
