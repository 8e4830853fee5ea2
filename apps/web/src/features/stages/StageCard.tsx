import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { type EvaluationStage, isAiRun } from '@stageflow/domain';
import { useId } from 'react';
import { DIFFICULTY_LABELS, STAGE_TYPE_LABELS } from '../../lib/labels.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { PeopleAtStage } from './StagePeopleNote.tsx';
import { completionText, passMarkText, questionsText, retakeText } from './stage-summary.ts';
import type { StageRemovalOffer } from './stage-usage.ts';

export interface StageCardActions {
  onMove: (stage: EvaluationStage, offset: -1 | 1) => void;
  onEdit: (stage: EvaluationStage) => void;
  onArchive: (stage: EvaluationStage) => void;
  onDelete: (stage: EvaluationStage) => void;
}

interface StageCardProps extends StageCardActions {
  stage: EvaluationStage;
  position: number;
  count: number;
  interviewer: string | undefined;
  problems: readonly string[];
  /** Archive and Delete only when the server would accept them, with the reason when not. */
  removal: StageRemovalOffer;
  busy: boolean;
  readOnly: boolean;
}

const MOVES = [
  { offset: -1, side: 'left', arrow: '←' },
  { offset: 1, side: 'right', arrow: '→' },
] as const;

/** One stage in the pipeline: what it is, who runs it, how to pass, what happens next. */
export function StageCard({
  stage,
  position,
  count,
  interviewer,
  problems,
  removal,
  busy,
  readOnly,
  ...actions
}: StageCardProps) {
  const titleId = useId();
  const reasonId = useId();
  // While a save is in flight nothing moves; controls stay focusable (aria-disabled) so keyboard users keep their place.
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: stage.id,
    disabled: busy || readOnly,
  });
  const name = stage.stage_name;
  const aiRun = isAiRun(stage.stage_type);
  return (
    <li
      ref={setNodeRef}
      className={`pipeline-item${isDragging ? ' is-dragging' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <article
        className={`stage-card${problems.length ? ' has-problems' : ''}`}
        aria-labelledby={titleId}
        data-testid="stage-card"
      >
        <header className="stage-card-header">
          {!readOnly && (
            <button
              type="button"
              ref={setActivatorNodeRef}
              className="drag-handle"
              {...attributes}
              {...listeners}
              aria-label={`Drag ${name} to reorder`}
            >
              <svg viewBox="0 0 12 20" aria-hidden="true">
                {[4, 10, 16].map((y) => (
                  <g key={y}>
                    <circle cx="3" cy={y} r="1.5" />
                    <circle cx="9" cy={y} r="1.5" />
                  </g>
                ))}
              </svg>
            </button>
          )}
          <span className="stage-position" aria-hidden="true">
            {position + 1}
          </span>
          <div className="stage-heading">
            <h3 id={titleId} className="stage-name">
              {name}
            </h3>
            <p className="stage-format">{STAGE_TYPE_LABELS[stage.stage_type]}</p>
            {(stage.status === 'draft' || problems.length > 0) && (
              <div className="stage-badges">
                {stage.status === 'draft' && <Badge tone="neutral">Draft: skipped</Badge>}
                {problems.length > 0 && (
                  <span title={problems.join('\n')}>
                    <Badge tone="warning">Needs attention</Badge>
                  </span>
                )}
              </div>
            )}
          </div>
        </header>
        <dl className="stage-facts">
          <div>
            <dt>Agent profile</dt>
            <dd className={interviewer || !aiRun ? undefined : 'text-warning'}>
              {interviewer ?? (aiRun ? 'None assigned' : 'A reviewer')}
            </dd>
          </div>
          <div>
            <dt>Pass mark</dt>
            <dd>{passMarkText(stage.pass_threshold)}</dd>
          </div>
          <div>
            <dt>Retakes</dt>
            <dd>{retakeText(stage)}</dd>
          </div>
          <div>
            <dt>On completion</dt>
            <dd>{completionText(stage)}</dd>
          </div>
          {questionsText(stage) && (
            <div>
              <dt>Questions</dt>
              <dd>{questionsText(stage)}</dd>
            </div>
          )}
          <div>
            <dt>Length</dt>
            <dd>
              {stage.duration_minutes} min · {DIFFICULTY_LABELS[stage.difficulty]}
            </dd>
          </div>
          <PeopleAtStage stage={stage} />
        </dl>
        {!readOnly && removal.reason && (
          <p id={reasonId} className="stage-card-note">
            {removal.reason}
          </p>
        )}
        {!readOnly && (
          <footer className="stage-card-actions">
            <div className="move-buttons">
              {MOVES.map(({ offset, side, arrow }) => {
                const canMove = !busy && (offset < 0 ? position > 0 : position < count - 1);
                return (
                  <Button
                    key={side}
                    size="sm"
                    variant="ghost"
                    aria-label={`Move ${name} ${side}`}
                    title={`Move ${side}`}
                    aria-disabled={!canMove}
                    onClick={() => canMove && actions.onMove(stage, offset)}
                  >
                    <span aria-hidden="true">{arrow}</span>
                  </Button>
                );
              })}
            </div>
            <div className="card-buttons">
              <Button size="sm" onClick={() => actions.onEdit(stage)}>
                Edit
              </Button>
              {removal.archive && (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => actions.onArchive(stage)}
                  aria-describedby={removal.reason ? reasonId : undefined}
                >
                  Archive
                </Button>
              )}
              {removal.delete && (
                <Button size="sm" variant="ghost" className="text-danger" onClick={() => actions.onDelete(stage)}>
                  Delete
                </Button>
              )}
            </div>
          </footer>
        )}
      </article>
    </li>
  );
}
