// Sections of the panel that register themselves: their key and how they draw their slice of the host's state.
// A section added later (its own file) calls `registerSection`; the host posts `{ type: 'section', key, state }`
// and includes the slice in the whole state it sends on `ready` (src/protocol/panelState.ts).
export const sections = new Map<string, (state: unknown) => void>();

export function registerSection(key: string, draw: (state: unknown) => void): void {
  sections.set(key, draw);
}
