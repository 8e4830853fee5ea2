import type { RouterOutputs } from '../../app/trpc.ts';

type Problem = RouterOutputs['stages']['validate']['problems'][number];

interface ValidationBannerProps {
  problems: readonly Problem[];
  /** Opens the stage a problem is about, so it can be fixed right away; absent for read-only roles. */
  onEditStage?: ((stageId: string) => void) | undefined;
}

/**
 * What `stages.validate` found. Each message names its stage and says how to fix it; blocking
 * problems stop participants from being enrolled.
 */
export function ValidationBanner({ problems, onEditStage }: ValidationBannerProps) {
  if (problems.length === 0) return null;
  const blocking = problems.some((p) => p.blocking);
  return (
    <div className={`banner ${blocking ? 'banner-danger' : 'banner-warning'}`} role="status">
      <p className="banner-title">
        {blocking
          ? 'This pipeline cannot take participants yet'
          : 'This pipeline runs, but a few things are worth a look'}
      </p>
      <ul className="banner-list">
        {problems.map((problem, i) => (
          <li key={`${problem.code}-${problem.stage_id ?? i}`}>
            {problem.message}
            {problem.stage_id && onEditStage && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => onEditStage(problem.stage_id!)}>
                  Edit {problem.stage_name ?? 'stage'}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
