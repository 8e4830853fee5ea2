import type { EvaluationStage } from '@stageflow/domain';
import { peopleAre, plural } from '../../lib/format.ts';
import { usePipelinePeople } from './use-pipeline-people.ts';

/**
 * Before a stage is edited: how many people are in it and what the change does to them
 * (docs/entities.md#rules-snapshot). Nothing when it is empty. (Archiving is not offered while anyone is in
 * the stage: the card says why, from `stages.usage`.)
 */
export function StagePeopleNote({ stage }: { stage: EvaluationStage }) {
  const people = usePipelinePeople(stage.evaluation_template_id);
  const here = people.atStage(stage.id);
  if (here === 0) return null;
  return (
    <p className="banner banner-warning people-note" role="note">
      {peopleAre(here)} in {stage.stage_name} now. They keep the rules they entered with; your changes apply to everyone
      who enters from now on.
    </p>
  );
}

/** The stage card's line: how many are at the stage now. */
export function PeopleAtStage({ stage }: { stage: EvaluationStage }) {
  const people = usePipelinePeople(stage.evaluation_template_id);
  if (!people.loaded) return null;
  const here = people.atStage(stage.id);
  return (
    <div>
      <dt>People here</dt>
      <dd>{here === 0 ? 'Nobody yet' : plural(here, 'person', 'people')}</dd>
    </div>
  );
}
