import { SEED_EXAMPLE_STAGES } from '@stageflow/domain';

/** The seed's example pipeline, one stage a line: offered as a starting point for Import JSON. */
export const SEED_EXAMPLE_JSON = `[\n  ${SEED_EXAMPLE_STAGES.map((stage) => JSON.stringify(stage)).join(',\n  ')}\n]`;
