// Entry of the lazily loaded crypto bundle (jose + token checks + the exercise's issuer and server). Re-exports only.
export {};
