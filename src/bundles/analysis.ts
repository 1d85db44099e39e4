// Entry of the lazily loaded analysis bundle (parser + rules + project readers). Re-exports only.
export {};
