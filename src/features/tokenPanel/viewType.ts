export const VIEW_TYPE = 'clerkConvex.tokenFlow';
