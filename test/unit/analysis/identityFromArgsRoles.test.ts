// identity-from-args beyond the argument's name: the caller's id under a role (`inviterUserId`), an argument the
// handler runs its access check on (`approverId` compared with the owner), and rows picked in JavaScript after
// collect(). Targets the caller acts on, in functions that bind the caller to ctx.auth, stay silent. Reduced from
// Shirataki2/next-convex-app convex/invitations.ts and workspaces.ts. Failed on main @4a86ced (no finding).
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';

const run = (text: string): { at: string; message: string }[] =>
  analyse('convex/teams.ts', text, {})
    .findings.filter((f) => f.code === 'clerk-convex/identity-from-args')
    .map((f) => ({ at: text.slice(f.start, f.end), message: f.message }));

const invite = (arg: string, check = true): string => `import { mutation } from "./_generated/server";
import { v } from "convex/values";
export const send = mutation({
  args: { teamId: v.id("teams"), email: v.string(), ${arg}: v.string() },
  handler: async (ctx, { teamId, email, ${arg} }) => {
    const team = await ctx.db.get(teamId);
    if (!team) throw new Error("no team");
    ${check ? `if (team.ownerId !== ${arg} && !team.members.includes(${arg})) throw new Error("not allowed");` : ''}
    return await ctx.db.insert("invites", { teamId, ${arg}, email });
  },
});
`;

describe('analysis: identity-from-args follows what the argument does', () => {
  it('takes a role name of the caller (inviterUserId, requestingUserId) as the acting user', () => {
    for (const name of ['inviterUserId', 'requestingUserId', 'authorUserId'])
      assert.deepEqual(
        run(invite(name)).map((f) => f.at),
        [`${name}: v.string()`],
        name,
      );
  });

  it('takes an id the handler runs its access check on as the caller, whatever it is called', () => {
    const [finding] = run(invite('approverId'));
    assert.equal(finding?.at, 'approverId: v.string()');
    assert.match(finding.message, /writes rows for it \(ctx\.db\.insert\("invites", …\)\)/);
    // Not checked, not named for the caller: nothing says it is the caller.
    assert.deepEqual(run(invite('approverId', false)), []);
    // A target's name is never taken for the caller by this route.
    assert.deepEqual(run(invite('memberUserId')), []);
  });

  it('stays silent on a target when the function binds the caller to ctx.auth', () => {
    const text = `import { mutation } from "./_generated/server";
import { v } from "convex/values";
export const addMember = mutation({
  args: { teamId: v.id("teams"), memberUserId: v.string() },
  handler: async (ctx, { teamId, memberUserId }) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthorized");
    const team = await ctx.db.get(teamId);
    if (!team || team.ownerId !== identity.subject) throw new Error("owners only");
    await ctx.db.patch(teamId, { members: [...team.members, memberUserId] });
  },
});
`;
    assert.deepEqual(run(text), []);
  });

  it('reads a JavaScript filter over collected rows as a read by the argument, and says so', () => {
    const text = `import { query } from "./_generated/server";
import { v } from "convex/values";
export const mine = query({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) return [];
    const teams = await ctx.db.query("teams").collect();
    return teams.filter((t) => t.ownerId === userId || t.members.includes(userId));
  },
});
`;
    const [finding] = run(text);
    assert.equal(finding?.at, 'userId: v.string()');
    assert.match(
      finding.message,
      /picks rows by it from those it read \(teams\.filter\(…\) compares t\.ownerId === userId\)/,
    );
    // The same filter by the caller's own id is the right code.
    const own = `import { query } from "./_generated/server";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) return [];
    const teams = await ctx.db.query("teams").collect();
    return teams.filter((t) => t.ownerId === who.subject || t.members.includes(who.subject));
  },
});
`;
    const analysed = analyse('convex/teams.ts', own, {});
    assert.deepEqual([analysed.findings, analysed.ruleErrors ?? []], [[], []]);
  });
});
