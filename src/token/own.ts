// Decoded JSON is read by own fields only: a claim named "toString" or "__proto__" never reaches the prototype.
export const own = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
