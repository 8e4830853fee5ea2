import { STAGE_STATE } from './participant-labels.ts';
import type { PipelineStep } from './participant-model.ts';

/** The pipeline left to right, the participant's state at each stage, the current one marked. */
export function StageTrack({ steps }: { steps: readonly PipelineStep[] }) {
  return (
    <ol className="stage-track" aria-label="Pipeline">
      {steps.map((step, i) => {
        const state = step.state === 'upcoming' ? null : STAGE_STATE[step.state];
        return (
          <li
            key={step.stageId}
            className={`stage-step tone-${state?.tone ?? 'upcoming'}${step.current ? ' is-current' : ''}`}
            aria-current={step.current ? 'step' : undefined}
          >
            <span className="stage-step-index" aria-hidden="true">
              {i + 1}
            </span>
            <span className="stage-step-text">
              <span className="stage-step-name">{step.name}</span>
              <span className="stage-step-state">
                {step.current && <strong>Current · </strong>}
                {state ? state.label : 'Ahead'}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
