// The page draws the flow's stages in the host's order: it takes them from here, never from a list of its own.
export { earlierStage, FLOW_STAGES } from '../token/types';
