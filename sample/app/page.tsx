"use client";

import { SignInButton, UserButton, useAuth } from "@clerk/nextjs";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

export default function Home() {
  const { isSignedIn } = useAuth();
  const messages = useQuery(api.messages.list);

  if (!isSignedIn) {
    return <SignInButton />;
  }

  return (
    <main>
      <UserButton />
      <h1>Your messages</h1>
      <ul>
        {messages?.map((m) => (
          <li key={m._id}>{m.body}</li>
        ))}
      </ul>
    </main>
  );
}
