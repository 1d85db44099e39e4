// Stands in for `vscode` when the panel's strings are built outside VS Code (the static webview check):
// only l10n.t, formatting `{0}`-style placeholders the way VS Code does for the default language.
export const l10n = {
  t(message: string, ...args: unknown[]): string {
    return message.replace(/\{(\d+)\}/g, (m, i: string) =>
      args[Number(i)] === undefined ? m : String(args[Number(i)]),
    );
  },
};
