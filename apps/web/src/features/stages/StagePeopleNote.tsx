import type { EvaluationStage } from '@stageflow/domain';
import { peopleAre, plural } from '../../lib/format.ts';
import { usePipelinePeople } from './use-pipeline-people.ts';

/**
 * Before a stage is edited or archived: how many people are in it and what the change does to them
 * (docs/rules.md#archiving-and-deleting-a-stage, docs/entities.md#rules-snapshot). Nothing when it is empty.
 */
export function StagePeopleNote({ stage, change }: { stage: EvaluationStage; change: 'edit' | 'archive' }) {
  const people = usePipelinePeople(stage.evaluation_template_id);
  const here = people.atStage(stage.id);
  if (here === 0) return null;
  return (
    <p className="banner banner-warning people-note" role="note">
      {peopleAre(here)} in {stage.stage_name} now.{' '}
      {change === 'edit'
        ? 'They keep the rules they entered with; your changes apply to everyone who enters from now on.'
        : 'A stage cannot be archived while anyone is in it: move them on first (advance, reject or withdraw them).'}
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
