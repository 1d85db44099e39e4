// What the Convex CLI prints when a push stops on an auth.config variable that is not set on the deployment
// (convex 1.48+, src/cli/lib/config.ts, the AuthConfigMissingEnvironmentVariable error; 1.47 was never published).
// Verbatim, so the learner recognises the terminal's words. The CLI then prints `Set it with:` and the
// `npx convex env set` command.

export function authConfigEnvUnset(name: string): string {
  return `Environment variable ${name} is used in auth config file but its value was not set.`;
}
