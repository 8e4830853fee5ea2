import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  horizontalListSortingStrategy,
  SortableContext,
  sortableKeyboardCoordinates,
} from '@dnd-kit/sortable';
import type { EvaluationStage } from '@stageflow/domain';
import { StageCard, type StageCardActions } from './StageCard.tsx';
import type { StageRemovalOffer } from './stage-usage.ts';

interface PipelineBoardProps extends Omit<StageCardActions, 'onMove'> {
  stages: readonly EvaluationStage[];
  interviewerNames: ReadonlyMap<string, string>;
  problemsByStage: ReadonlyMap<string, string[]>;
  /** What each card offers to take its stage out of the pipeline. */
  removalOf: (stage: EvaluationStage) => StageRemovalOffer;
  busy: boolean;
  /** Drawn for reading only: no drag handles, move or edit buttons. */
  readOnly?: boolean;
  /** The full new order of stage ids, after a drag, a keyboard move or a move button. */
  onReorder: (stageIds: string[]) => void;
}

/**
 * The pipeline left to right. Stages reorder by dragging the handle, by keyboard (focus the handle,
 * Space to lift, ←/→ to move, Space to drop) or with the move buttons on each card.
 */
export function PipelineBoard({
  stages,
  interviewerNames,
  problemsByStage,
  removalOf,
  busy,
  readOnly = false,
  onReorder,
  ...actions
}: PipelineBoardProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = stages.map((s) => s.id);
  const nameOf = (id: string | number) => stages.find((s) => s.id === id)?.stage_name ?? 'stage';
  const positionOf = (id: string | number) => ids.indexOf(String(id)) + 1;

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}, position ${positionOf(active.id)} of ${ids.length}.`,
    onDragOver: ({ active, over }) =>
      over ? `${nameOf(active.id)} is over position ${positionOf(over.id)} of ${ids.length}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over ? `${nameOf(active.id)} dropped at position ${positionOf(over.id)} of ${ids.length}.` : undefined,
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
  };

  const handleDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onReorder(arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  };

  const move = (stage: EvaluationStage, offset: -1 | 1) => {
    const from = ids.indexOf(stage.id);
    const to = from + offset;
    if (from < 0 || to < 0 || to >= ids.length) return;
    onReorder(arrayMove(ids, from, to));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={handleDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To move this stage, press Space, then the left and right arrow keys, then Space again to drop it.',
        },
      }}
    >
      <SortableContext items={ids} strategy={horizontalListSortingStrategy}>
        <ol className="pipeline" aria-label="Pipeline, in order">
          {stages.map((stage, i) => (
            <StageCard
              key={stage.id}
              stage={stage}
              position={i}
              count={stages.length}
              interviewer={stage.agent_profile_id ? interviewerNames.get(stage.agent_profile_id) : undefined}
              problems={problemsByStage.get(stage.id) ?? []}
              removal={removalOf(stage)}
              busy={busy}
              readOnly={readOnly}
              onMove={move}
              {...actions}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
