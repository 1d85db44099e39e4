export default {
  providers: [
    {
      domain: "https://exotic-crab-75.clerk.accounts.dev/.well-known/jwks.json",
      applicationId: "convex",
    },
  ],
};
