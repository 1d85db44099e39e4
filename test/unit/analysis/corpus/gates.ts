// Client components that decide when Convex runs: Clerk's hooks and gates next to Convex hooks.
import type { CorpusEntry } from './types';

export const gates: CorpusEntry[] = [
  {
    id: 'user-sync-effect-on-clerk-signed-in',
    sources: [{ repo: 'tseHaoSu/messenger', path: 'components/providers/user-sync.tsx' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'components/providers/user-sync.tsx': `"use client";

import { useEffect } from "react";
import { useUser } from "@clerk/nextjs";
import { useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";

export function UserSync() {
  const { isSignedIn } = useUser();
  const storeUser = useMutation(api.users.store);

  useEffect(() => {
    if (isSignedIn) {
      storeUser();
    }
  }, [isSignedIn, storeUser]);

  return null;
}
`,
    },
    verdict:
      "Bug: the store mutation fires as soon as Clerk's isSignedIn is true, before Convex has the token, so it runs without an identity. On the useUser() that gates it.",
    expect: [{ file: 'components/providers/user-sync.tsx', code: 'clerk-gate', at: 'useUser()' }],
  },
  {
    id: 'user-sync-effect-signed-in-and-user',
    sources: [{ repo: 'Golu-Guptha/Tars-Coding-Challenge', path: 'components/user-sync.tsx' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'components/user-sync.tsx': `"use client";

import { useUser } from "@clerk/nextjs";
import { useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useEffect } from "react";

export function UserSync() {
    const { user, isSignedIn } = useUser();
    const storeUser = useMutation(api.users.store);

    useEffect(() => {
        if (isSignedIn && user) {
            storeUser();
        }
    }, [isSignedIn, user, storeUser]);

    return null;
}
`,
    },
    verdict: "Bug: as above, the mutation is gated on Clerk's isSignedIn and user. On useUser().",
    expect: [{ file: 'components/user-sync.tsx', code: 'clerk-gate', at: 'useUser()' }],
  },
  {
    id: 'user-sync-hook-expo',
    sources: [
      {
        repo: 'KotaMorikawa/react-native-convex-clerk',
        path: 'hooks/useUserSync.ts',
        commit: '05d7ee773544e290627b8d4306e9988311febdf9',
      },
    ],
    dependencies: { expo: '~53.0.11', '@clerk/clerk-expo': '^2.13.0', convex: '^1.24.8' },
    files: {
      'hooks/useUserSync.ts': `import { useUser } from "@clerk/clerk-expo";
import { useMutation } from "convex/react";
import { useEffect } from "react";
import { api } from "../convex/_generated/api";

export function useUserSync() {
  const { user, isLoaded } = useUser();
  const createOrUpdateUser = useMutation(api.users.createOrUpdateUser);

  useEffect(() => {
    if (isLoaded && user) {
      const syncUser = async () => {
        await createOrUpdateUser({
          email: user.emailAddresses[0]?.emailAddress || "",
          name: user.fullName || user.firstName || undefined,
        });
      };
      syncUser();
    }
  }, [isLoaded, user, createOrUpdateUser]);

  return { user, isLoaded };
}
`,
    },
    verdict:
      'Bug: the createOrUpdateUser mutation (which takes no user id: the server reads the identity) runs once Clerk has loaded a user, before Convex has the token. On useUser().',
    expect: [{ file: 'hooks/useUserSync.ts', code: 'clerk-gate', at: 'useUser()' }],
  },
  {
    id: 'clerk-gated-form-mutation-on-submit',
    sources: [
      {
        repo: 'keyzeroc/online-games-next-convex-clerk',
        path: 'src/app/games/[gameType]/page.tsx',
        commit: '7a3fced4014f64f696b58333df58b15813976329',
      },
      {
        repo: 'keyzeroc/online-games-next-convex-clerk',
        path: 'src/components/games/lobby/CreateGameForm.tsx',
        commit: '7a3fced4014f64f696b58333df58b15813976329',
      },
    ],
    dependencies: { next: '14.2.5', '@clerk/nextjs': '^5.2.8', convex: '^1.13.2' },
    files: {
      'src/app/games/[gameType]/page.tsx': `"use client";

import { useQuery } from "convex/react";
import { useParams } from "next/navigation";
import { api } from "../../../../convex/_generated/api";
import CreateGameForm from "@/components/games/lobby/CreateGameForm";
import { useUser } from "@clerk/nextjs";

export default function GamePage() {
  const { gameType } = useParams<{ gameType: string }>();
  const { isSignedIn, isLoaded } = useUser();
  const rooms = useQuery(api.room.getRoomsByGameType, { gameType });

  return (
    <div>
      {isLoaded && isSignedIn && (
        <div>
          <p>Create Game</p>
          <CreateGameForm gameType={gameType} />
        </div>
      )}
      {rooms && rooms.length > 0 && <p>{rooms.length} games</p>}
    </div>
  );
}
`,
      'src/components/games/lobby/CreateGameForm.tsx': `"use client";

import { useMutation } from "convex/react";
import { api } from "../../../../convex/_generated/api";

export default function CreateGameForm({ gameType }: { gameType: string }) {
  const createGameMutation = useMutation(api.room.createRoom);

  const createGameHandler = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = new FormData(e.currentTarget).get("name") as string;
    await createGameMutation({ name, gameType });
  };

  return <form onSubmit={createGameHandler}><input name="name" /></form>;
}
`,
    },
    verdict:
      "Clean: Clerk's state only decides whether the form shows; its mutation runs when the user submits, long after Convex has the token. The public rooms query does not depend on sign-in.",
    expect: [],
  },
  {
    id: 'header-signed-in-links-only',
    sources: [
      {
        repo: 'keyzeroc/online-games-next-convex-clerk',
        path: 'src/components/header/Header.tsx',
        commit: '7a3fced4014f64f696b58333df58b15813976329',
      },
    ],
    dependencies: { next: '14.2.5', '@clerk/nextjs': '^5.2.8', convex: '^1.13.2' },
    files: {
      'src/components/header/Header.tsx': `import { SignInButton, SignedIn, SignedOut, UserButton } from "@clerk/nextjs";
import Link from "next/link";

export default function Header() {
  return (
    <header>
      <Link href="/">Online Games</Link>
      <SignedOut>
        <SignInButton />
      </SignedOut>
      <SignedIn>
        <UserButton />
      </SignedIn>
    </header>
  );
}
`,
    },
    verdict: "Clean: Clerk's gates around Clerk's own buttons; nothing of Convex here.",
    expect: [],
  },
  {
    id: 'signed-in-content-with-queries-across-files',
    sources: [
      {
        repo: 'alexwox/next-convex-clerk-stripe-boilerplate',
        path: 'src/app/page.tsx',
        commit: '6936e66e0e3fe0befc4ece110bb20fe72fac8356',
      },
      {
        repo: 'alexwox/next-convex-clerk-stripe-boilerplate',
        path: 'src/app/signed-in-content.tsx',
        commit: '6936e66e0e3fe0befc4ece110bb20fe72fac8356',
      },
      {
        repo: 'alexwox/next-convex-clerk-stripe-boilerplate',
        path: 'src/app/display-data.tsx',
        commit: '6936e66e0e3fe0befc4ece110bb20fe72fac8356',
      },
    ],
    dependencies: { next: '14.2.14', '@clerk/nextjs': '^5.7.1', convex: '^1.16.3' },
    files: {
      'src/app/page.tsx': `import { SignInButton, SignedIn, SignedOut } from "@clerk/nextjs";
import SignedInContent from "./signed-in-content";

export default function Home() {
  return (
    <main>
      <SignedOut>
        <SignInButton mode="modal">
          <button>Sign In or Sign up</button>
        </SignInButton>
      </SignedOut>
      <SignedIn>
        <SignedInContent />
      </SignedIn>
    </main>
  );
}
`,
      'src/app/signed-in-content.tsx': `"use client";

import { UserButton } from "@clerk/nextjs";
import DisplayData from "./display-data";

export default function SignedInContent() {
  return (
    <>
      <UserButton />
      <DisplayData />
    </>
  );
}
`,
      'src/app/display-data.tsx': `"use client";

import { useQuery, useMutation } from "convex/react";
import { api } from "../../convex/_generated/api";

export default function DisplayData() {
  const placeholders = useQuery(api.placeholder_data.getData);
  const deletePlaceholders = useMutation(api.placeholder_data.deleteData);
  return <ul>{placeholders?.map((p) => <li key={p._id} onClick={() => deletePlaceholders({ ids: [p._id] })}>{p.name}</li>)}</ul>;
}
`,
    },
    verdict:
      "Bug: Clerk's <SignedIn> on the page mounts SignedInContent, which renders DisplayData, whose useQuery runs ungated: the query is sent as soon as Clerk has a session, before Convex has the token. The <SignedIn> element in src/app/page.tsx (two files away from the query).",
    expect: [{ file: 'src/app/page.tsx', code: 'clerk-gate', at: 'SignedIn>\n        <SignedInContent' }],
  },
  {
    id: 'header-clerk-state-links',
    sources: [
      {
        repo: 'darrylyip/tanstackstart-convex-clerk-pnpm-monorepo',
        path: 'apps/web/src/components/Header.tsx',
        commit: '3f8d57cfa3cccc9612b1e231e71966d0c4e8fd12',
      },
    ],
    dependencies: { '@tanstack/react-start': 'latest', '@clerk/clerk-react': '^5.45.0', convex: '^1.16.0' },
    files: {
      'apps/web/src/components/Header.tsx': `import { Link } from '@tanstack/react-router'
import { SignInButton, UserButton, useUser } from "@clerk/clerk-react";

export default function Header() {
  const { isSignedIn, isLoaded } = useUser();
  return (
    <header>
      <Link to="/">Home</Link>
      {!isLoaded ? (
        <div>Loading...</div>
      ) : isSignedIn ? (
        <div>
          <Link to="/app">Go to App</Link>
          <UserButton />
        </div>
      ) : (
        <SignInButton mode="modal" />
      )}
    </header>
  );
}
`,
    },
    verdict: "Clean: Clerk's state chooses links and Clerk's buttons; no Convex call.",
    expect: [],
  },
  {
    id: 'notes-query-with-clerk-id-argument',
    sources: [
      {
        repo: 'yukikotani231/tanstack-convex-clerk-notes',
        path: 'src/routes/index.tsx',
        commit: 'eef0b2c6ecf356fdac2347765448cbc3019902f9',
      },
    ],
    dependencies: { '@tanstack/react-start': '^1.132.0', '@clerk/tanstack-react-start': '^0.27.12', convex: '^1.31.2' },
    files: {
      'src/routes/index.tsx': `import { createFileRoute } from "@tanstack/react-router";
import { useQuery, useMutation } from "convex/react";
import { useUser, SignedIn, SignedOut } from "@clerk/tanstack-react-start";
import { api } from "../../convex/_generated/api";

export const Route = createFileRoute("/")({ component: Home });

function Home() {
  const { user } = useUser();
  const notes = useQuery(api.notes.list, user ? { userId: user.id } : "skip");
  const createNote = useMutation(api.notes.create);

  const handleCreateNote = async () => {
    if (!user) return;
    await createNote({ userId: user.id, title: "Untitled", content: "" });
  };

  return (
    <main>
      <SignedOut>
        <p>Sign in to see your notes.</p>
      </SignedOut>
      <SignedIn>
        <button onClick={handleCreateNote}>New note</button>
        <ul>{notes?.map((n) => <li key={n._id}>{n.title}</li>)}</ul>
      </SignedIn>
    </main>
  );
}
`,
    },
    verdict:
      "Clean as client wiring: the query waits for Clerk's user only to pass its id as an argument, which works without any Convex auth. (The server functions that trust that id are the bug; see functions.ts.)",
    expect: [],
  },
  {
    id: 'use-user-hook-gated-on-convex-result',
    sources: [
      {
        repo: 'Bileonaire/next-shadcn-convex-clerk-template',
        path: 'src/hooks/use-user.ts',
        commit: '197d06488330131eeddf29e5023309994181ec2a',
      },
    ],
    dependencies: { next: '15.5.2', '@clerk/nextjs': '^6.31.10', convex: '^1.27.0' },
    files: {
      'src/hooks/use-user.ts': `import { useQuery, useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useAuth, useUser as useClerkUser } from "@clerk/nextjs";
import { useEffect } from "react";

export function useUser() {
  const { isSignedIn, isLoaded } = useAuth();
  const { user: clerkUser } = useClerkUser();
  const userData = useQuery(api.users.getUserProfile);
  const getProfile = useMutation(api.users.getProfile);

  useEffect(() => {
    const createProfileIfNeeded = async () => {
      if (isLoaded && isSignedIn && clerkUser && userData?.userId && !userData.profile) {
        await getProfile({ clerkData: { email: clerkUser.primaryEmailAddress?.emailAddress } });
      }
    };
    createProfileIfNeeded();
  }, [isLoaded, isSignedIn, clerkUser, userData, getProfile]);

  return {
    user: userData?.userId ? userData : null,
    isLoading: !isLoaded || (isSignedIn && userData === undefined),
    isSignedIn: isSignedIn && isLoaded,
  };
}
`,
    },
    verdict:
      'Clean: the mutation also waits for userData.userId, which the Convex query only returns once Convex has accepted the token; the query itself returns null without one.',
    expect: [],
  },
  {
    id: 'store-user-hook-on-convex-auth',
    sources: [
      {
        repo: 'jivebot/tanstack-convex-clerk-template',
        path: 'src/hooks/use-store-user.ts',
        commit: 'fab488d7e39b6fa218905ad855a6e3948281df65',
      },
      {
        repo: 'jivebot/tanstack-convex-clerk-template',
        path: 'src/routes/_app.tsx',
        commit: 'fab488d7e39b6fa218905ad855a6e3948281df65',
      },
    ],
    dependencies: { '@tanstack/react-start': '^1.132.0', '@clerk/clerk-react': '^5.49.0', convex: '^1.27.3' },
    files: {
      'src/hooks/use-store-user.ts': `import { useClerk } from "@clerk/clerk-react";
import { useConvexAuth, useMutation } from "convex/react";
import { useEffect, useState } from "react";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";

export function useStoreUser() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const { signOut } = useClerk();
  const [userId, setUserId] = useState<Id<"users"> | null>(null);
  const storeUser = useMutation(api.users.store);

  useEffect(() => {
    if (!isAuthenticated) {
      return;
    }
    storeUser().then(setUserId).catch(() => signOut());
    return () => setUserId(null);
  }, [isAuthenticated, storeUser, signOut]);

  return {
    isLoading: isLoading || (isAuthenticated && userId === null),
    isAuthenticated: isAuthenticated && userId !== null,
  };
}
`,
      'src/routes/_app.tsx': `import { SignedIn, SignedOut } from "@clerk/clerk-react";
import { createFileRoute, Navigate, Outlet } from "@tanstack/react-router";
import { useStoreUser } from "../hooks/use-store-user";

export const Route = createFileRoute("/_app")({ component: AppLayout });

function AppLayout() {
  const { isLoading } = useStoreUser();
  if (isLoading) {
    return <div>Loading...</div>;
  }
  return (
    <>
      <SignedIn>
        <Outlet />
      </SignedIn>
      <SignedOut>
        <Navigate to="/sign-in" />
      </SignedOut>
    </>
  );
}
`,
    },
    verdict:
      "Clean: the store mutation waits for useConvexAuth().isAuthenticated, and the layout renders nothing until it has run; Clerk's <SignedIn> only wraps the router outlet.",
    expect: [],
  },
  {
    id: 'home-convex-auth-state',
    sources: [{ repo: 'victorxheng/claude_testing', path: 'vly-next/src/app/page.tsx' }],
    dependencies: { next: '*', '@clerk/clerk-react': '*', convex: '*' },
    files: {
      'vly-next/src/app/page.tsx': `"use client";

import { SignInButton } from "@clerk/clerk-react";
import useStoreUserEffect from "./useStoreUserEffect";
import { useConvexAuth } from "convex/react";

export default function Home() {
  useStoreUserEffect();
  const { isAuthenticated } = useConvexAuth();

  return <div>{isAuthenticated ? "Logged in" : <SignInButton mode="modal" />}</div>;
}
`,
    },
    verdict: "Clean: Convex's own auth state decides.",
    expect: [],
  },
  {
    id: 'home-convex-gates',
    sources: [{ repo: 'tyfriv/stackd', path: 'app/page.tsx' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'app/page.tsx': `'use client'

import { Authenticated, Unauthenticated } from 'convex/react'
import { SignInButton, UserButton } from '@clerk/nextjs'
import { useQuery } from 'convex/react'
import { api } from '../convex/_generated/api'

export default function Home() {
  return (
    <>
      <Authenticated>
        <UserButton />
      </Authenticated>
      <Unauthenticated>
        <SignInButton />
      </Unauthenticated>
    </>
  )
}
`,
    },
    verdict: "Clean: Convex's gates around Clerk's buttons (the Convex docs' pattern).",
    expect: [],
  },
  {
    id: 'home-convex-gates-with-content',
    sources: [{ repo: 'gmatt20/citrus-hack-2025', path: 'frontend/app/page.tsx' }],
    dependencies: { next: '*', '@clerk/clerk-react': '*', convex: '*' },
    files: {
      'frontend/app/page.tsx': `"use client";

import { SignInButton, UserButton } from "@clerk/clerk-react";
import { Authenticated, Unauthenticated, useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export default function Home() {
  return (
    <>
      <Unauthenticated>
        <SignInButton />
      </Unauthenticated>
      <Authenticated>
        <UserButton />
        <Content />
      </Authenticated>
    </>
  );
}

function Content() {
  const messages = useQuery(api.messages.getForCurrentUser);
  return <div>Authenticated content: {messages?.length}</div>;
}
`,
    },
    verdict: 'Clean: the query runs inside <Authenticated>.',
    expect: [],
  },
  {
    id: 'dashboard-query-gated-on-clerk-id-argument',
    sources: [
      {
        repo: 'Arminbusatlic72/vercel-ai-sdke-ai-elements-convex-clerk',
        path: 'app/dashboard/subscriptions/page.tsx',
        commit: 'e4cd5a6d6bb88fa1045d70911dfd828366ded7bd',
      },
    ],
    dependencies: { next: '^16.0.8', '@clerk/nextjs': '^6.35.4', '@clerk/clerk-react': '^5.56.2', convex: '^1.29.3' },
    files: {
      'app/dashboard/subscriptions/page.tsx': `"use client";

import { useQuery } from "convex/react";
import { useUser } from "@clerk/nextjs";
import { api } from "@/convex/_generated/api";

export default function DashboardSubscriptionsPage() {
  const { user } = useUser();
  const clerkUserId = user?.id;

  const subscriptions = useQuery(api.subscriptions.getUserSubscriptions, clerkUserId ? { clerkUserId } : "skip");
  const gpts = useQuery(api.gpts.listGpts, {});

  return <p>{subscriptions?.length ?? 0} of {gpts?.length ?? 0}</p>;
}
`,
    },
    verdict:
      "Clean as client wiring: the query waits for Clerk's user id to pass it as an argument (no Convex auth needed for that); listGpts is public.",
    expect: [],
  },
  {
    id: 'sync-user-passes-clerk-id',
    sources: [
      {
        repo: 'ramyosama/ticket-marketplace-saas-nextjs15-convex-clerk-stripe-connect',
        path: 'components/SyncUserWithConvex.tsx',
        commit: '8696cb2b5603ea36df7f10827a6d277f9289f527',
      },
    ],
    dependencies: { next: '15.0.3', '@clerk/nextjs': '^6.3.2', convex: '^1.17.0' },
    files: {
      'components/SyncUserWithConvex.tsx': `"use client";

import { api } from "@/convex/_generated/api";
import { useUser } from "@clerk/nextjs";
import { useMutation } from "convex/react";
import { useEffect } from "react";

export default function SyncUserWithConvex() {
  const { user } = useUser();
  const updateUser = useMutation(api.users.updateUser);

  useEffect(() => {
    if (!user) return;
    const syncUser = async () => {
      await updateUser({
        userId: user.id,
        name: user.firstName ?? "",
        email: user.emailAddresses[0]?.emailAddress ?? "",
      });
    };
    syncUser();
  }, [user, updateUser]);

  return null;
}
`,
    },
    verdict:
      "Clean as client wiring: the mutation waits for Clerk's user to send its id as an argument, which needs no Convex auth. (Trusting that argument on the server is the bug; see functions.ts.)",
    expect: [],
  },
  {
    id: 'auth-query-wrapper-spread-skip',
    sources: [
      {
        repo: 'zenbase-ai/tech-for-iran',
        path: 'src/hooks/use-auth-query.ts',
        commit: '45be702cc00912d04bc15b3ca7c1b04e560a1f93',
      },
    ],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'src/hooks/use-auth-query.ts': `import { useAuth } from "@clerk/nextjs"
import { useQuery } from "convex/react"
import type { FunctionReference } from "convex/server"

export type UseQueryArgs<T extends FunctionReference<"query">> = Parameters<typeof useQuery<T>>[1]

export default function useAuthQuery<T extends FunctionReference<"query">>(query: T, args?: UseQueryArgs<T>) {
  const { isSignedIn } = useAuth()
  return useQuery(query, ...(isSignedIn ? [args] : ["skip"]))
}
`,
    },
    verdict:
      'Bug: the project\'s "authenticated query" hook skips on Clerk\'s isSignedIn, so every query it wraps is sent before Convex has the token. On the useAuth() whose value gates it.',
    expect: [{ file: 'src/hooks/use-auth-query.ts', code: 'clerk-gate', at: 'useAuth()' }],
  },
  {
    id: 'auth-paginated-query-wrapper-skip',
    sources: [
      {
        repo: 'zenbase-ai/tech-for-iran',
        path: 'src/hooks/use-auth-paginated-query.ts',
        commit: '45be702cc00912d04bc15b3ca7c1b04e560a1f93',
      },
    ],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'src/hooks/use-auth-paginated-query.ts': `import { useAuth } from "@clerk/nextjs"
import { usePaginatedQuery } from "convex/react"
import type { FunctionReference } from "convex/server"

export type UsePaginatedQueryArgs<T extends FunctionReference<"query">> = Parameters<typeof usePaginatedQuery<T>>[1]
export type UsePaginatedQueryOptions<T extends FunctionReference<"query">> = Parameters<typeof usePaginatedQuery<T>>[2]

export default function useAuthPaginatedQuery<T extends FunctionReference<"query">>(
  query: T,
  args: UsePaginatedQueryArgs<T>,
  options: UsePaginatedQueryOptions<T>,
) {
  const { isSignedIn } = useAuth()
  return usePaginatedQuery(query, isSignedIn ? args : "skip", options)
}
`,
    },
    verdict: "Bug: as above, with usePaginatedQuery's skip. On useAuth().",
    expect: [{ file: 'src/hooks/use-auth-paginated-query.ts', code: 'clerk-gate', at: 'useAuth()' }],
  },
  {
    id: 'navbar-convex-gates',
    sources: [{ repo: 'visualiseIT/Full-Stack-NextJS', path: 'next-app/app/navbar.tsx' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'next-app/app/navbar.tsx': `'use client'

import {Authenticated, Unauthenticated} from "convex/react";
import {SignInButton, UserButton} from "@clerk/nextjs";

export function Navbar() {
    return <>
        <Unauthenticated>
            <SignInButton/>
        </Unauthenticated>
        <Authenticated>
            <UserButton/>
        </Authenticated>
    </>;
}
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
];
