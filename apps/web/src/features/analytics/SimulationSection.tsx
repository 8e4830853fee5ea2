import type { AutomationRule, EvaluationStage } from '@stageflow/domain';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { formatScore, plural } from '../../lib/format.ts';
import { AUTOMATION_RULES } from '../../lib/labels.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Button } from '../../ui/Button.tsx';
import { CheckboxField, Field, FieldError } from '../../ui/Field.tsx';
import { Section } from '../../ui/Section.tsx';
import { useCan } from '../account/use-account.ts';
import { HorizontalBars } from './charts/HorizontalBars.tsx';
import { FigureSection } from './FigureSection.tsx';
import { OUTCOME_WORDS, OUTCOMES, OVERRIDE_WORDS, type Report, type Simulation, simulationTable } from './figures.ts';
import { SimulationImpact } from './SimulationImpact.tsx';

/** The rules fields a simulation may change, as the form holds them (a blank pass mark: none). */
interface Draft {
  pass_threshold: string;
  automation_rule: AutomationRule;
  allow_retake: boolean;
  max_attempts: string;
  auto_reject: boolean;
}

const draftOf = (s: EvaluationStage): Draft => ({
  pass_threshold: s.pass_threshold === null ? '' : String(s.pass_threshold),
  automation_rule: s.automation_rule,
  allow_retake: s.allow_retake,
  max_attempts: String(s.max_attempts),
  auto_reject: s.auto_reject,
});

/** A number the form cannot send is said beside its field before anything is sent. */
function draftIssues(d: Draft): Partial<Record<'pass_threshold' | 'max_attempts', string>> {
  const threshold = Number(d.pass_threshold);
  const attempts = Number(d.max_attempts);
  return {
    ...(d.pass_threshold.trim() !== '' &&
      !(threshold >= 0 && threshold <= 100) && { pass_threshold: 'must be a number from 0 to 100' }),
    ...(!(Number.isInteger(attempts) && attempts >= 1 && attempts <= 10) && {
      max_attempts: 'must be a whole number from 1 to 10',
    }),
  };
}

/** Only what differs from the stage today: the replay keeps each participant's own snapshot for the rest. */
function changeOf(stage: EvaluationStage, d: Draft) {
  const threshold = d.pass_threshold.trim() === '' ? null : Number(d.pass_threshold);
  return {
    stage_id: stage.id,
    ...(threshold !== stage.pass_threshold && { pass_threshold: threshold }),
    ...(d.automation_rule !== stage.automation_rule && { automation_rule: d.automation_rule }),
    ...(d.allow_retake !== stage.allow_retake && { allow_retake: d.allow_retake }),
    ...(Number(d.max_attempts) !== stage.max_attempts && { max_attempts: Number(d.max_attempts) }),
    ...(d.auto_reject !== stage.auto_reject && { auto_reject: d.auto_reject }),
  };
}
type Change = ReturnType<typeof changeOf>;
const isChange = (c: Change) => Object.keys(c).length > 1;

interface Props {
  templateId: string;
  period: { from?: string; to?: string };
  names: Pick<Report, 'stages'>;
}

/**
 * "What if": pick stages, change their rules, and see what the stored results would have led to
 * (docs/rules.md#rule-simulation); then apply a change to the stage through the normal stage edit.
 */
export function SimulationSection({ templateId, period, names }: Props) {
  const template = trpc.templates.byId.useQuery({ id: templateId });
  const stages = (template.data?.stages ?? []).filter((s) => s.status === 'active');
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const simulate = trpc.analytics.simulate.useMutation();
  const picked = stages.filter((s) => drafts[s.id]);
  const changes = picked.map((s) => changeOf(s, drafts[s.id]!));
  const issues = simulate.error ? readServerError(simulate.error).issues : [];
  const local = picked.map((s) => draftIssues(drafts[s.id]!));
  const issueAt = (i: number, field: string) =>
    local[i]?.[field as keyof (typeof local)[number]] ??
    issues.find((x) => x.path[0] === 'changes' && x.path[1] === i && x.path[2] === field)?.message;

  const toggle = (stage: EvaluationStage, on: boolean) =>
    setDrafts(({ [stage.id]: _, ...rest }) => (on ? { ...rest, [stage.id]: draftOf(stage) } : rest));
  const edit = (id: string, patch: Partial<Draft>) => setDrafts((all) => ({ ...all, [id]: { ...all[id]!, ...patch } }));

  return (
    <Section
      title="What if: try a rule change on past participants"
      description="Pick stages and change their rules. The results already recorded there (of participants who reached the stage in the period) are replayed through the same rules, and compared with what happened. Nothing changes until you apply it."
    >
      <form
        className="simulation-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (local.some((x) => Object.keys(x).length > 0)) return;
          simulate.mutate({ evaluation_template_id: templateId, ...period, changes });
        }}
      >
        <fieldset className="simulation-stages">
          <legend className="field-label">Stages</legend>
          {stages.map((stage) => {
            const d = drafts[stage.id];
            const i = picked.indexOf(stage);
            return (
              <div key={stage.id} className="simulation-stage">
                <CheckboxField
                  label={`${stage.stage_name} (pass mark ${stage.pass_threshold ?? 'none'}, ${AUTOMATION_RULES[stage.automation_rule].label.toLowerCase()})`}
                >
                  {(p) => (
                    <input
                      {...p}
                      type="checkbox"
                      checked={Boolean(d)}
                      onChange={(e) => toggle(stage, e.target.checked)}
                    />
                  )}
                </CheckboxField>
                {d && (
                  <div className="simulation-fields">
                    <Field label="Pass mark" hint="0–100; blank: none" error={issueAt(i, 'pass_threshold')}>
                      {(p) => (
                        <input
                          {...p}
                          inputMode="decimal"
                          value={d.pass_threshold}
                          onChange={(e) => edit(stage.id, { pass_threshold: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field label="After a session" error={issueAt(i, 'automation_rule')}>
                      {(p) => (
                        <select
                          {...p}
                          value={d.automation_rule}
                          onChange={(e) => edit(stage.id, { automation_rule: e.target.value as AutomationRule })}
                        >
                          {Object.entries(AUTOMATION_RULES).map(([value, { label }]) => (
                            <option key={value} value={value}>
                              {label}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field label="Attempts" error={issueAt(i, 'max_attempts')}>
                      {(p) => (
                        <input
                          {...p}
                          inputMode="numeric"
                          value={d.max_attempts}
                          onChange={(e) => edit(stage.id, { max_attempts: e.target.value })}
                        />
                      )}
                    </Field>
                    <CheckboxField label="Allow retakes">
                      {(p) => (
                        <input
                          {...p}
                          type="checkbox"
                          checked={d.allow_retake}
                          onChange={(e) =>
                            edit(stage.id, {
                              allow_retake: e.target.checked,
                              // As the stage edit does: retakes on means at least two attempts, off means one.
                              max_attempts: e.target.checked ? (d.max_attempts === '1' ? '2' : d.max_attempts) : '1',
                            })
                          }
                        />
                      )}
                    </CheckboxField>
                    <CheckboxField label="Reject automatically on a fail" error={issueAt(i, 'auto_reject')}>
                      {(p) => (
                        <input
                          {...p}
                          type="checkbox"
                          checked={d.auto_reject}
                          onChange={(e) => edit(stage.id, { auto_reject: e.target.checked })}
                        />
                      )}
                    </CheckboxField>
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
        <FieldError
          message={issues.length > 0 && !issues.some((x) => x.path.length > 2) ? issues[0]?.message : undefined}
        />
        {simulate.error && issues.length === 0 && <FieldError message={readServerError(simulate.error).message} />}
        <Button type="submit" variant="primary" pending={simulate.isPending} disabled={picked.length === 0}>
          Run simulation
        </Button>
      </form>
      {simulate.data && (
        <SimulationResult
          result={simulate.data}
          names={names}
          changes={(simulate.variables?.changes ?? []).filter(isChange)}
          version={template.data?.version}
          onApplied={() => simulate.reset()}
        />
      )}
    </Section>
  );
}

function SimulationResult({
  result,
  names,
  changes,
  version,
  onApplied,
}: {
  result: Simulation;
  names: Pick<Report, 'stages'>;
  changes: Change[];
  version: number | undefined;
  onApplied: () => void;
}) {
  const stageName = (id: string) => names.stages.find((s) => s.stage_id === id)?.stage_name ?? 'Stage';
  const totals = (side: 'recorded' | 'simulated') =>
    OUTCOMES.map((o) => result.stages.reduce((n, s) => n + s[side].outcomes[o], 0));
  const { reproduced } = result;
  return (
    <div className="simulation-result" aria-live="polite">
      <p className="simulation-check">
        Replaying with the rules unchanged reproduces what happened for {reproduced.matching} of{' '}
        {plural(reproduced.replayed, 'result')}.
      </p>
      <FigureSection
        title="What happened, and what would have"
        description="Participants with a result at the picked stages, by what the rules did with it."
        fileName="simulation"
        table={simulationTable(result, names)}
        chart={(tableId) => (
          <HorizontalBars
            label="Outcomes: what happened and what would have under the changed rules"
            tableId={tableId}
            categories={OUTCOMES.map((o) => OUTCOME_WORDS[o])}
            series={[
              { name: 'What happened', values: totals('recorded'), tone: 'muted' },
              { name: 'Under the changed rules', values: totals('simulated'), tone: 'primary' },
            ]}
          />
        )}
      />
      {result.adverse_impact && <SimulationImpact impact={result.adverse_impact} stageName={stageName} />}
      <h3 className="subsection-title">
        Who would change ({result.changes_total}
        {result.changes_total > result.changes.length && `, the first ${result.changes.length} shown`})
      </h3>
      {result.changes.length === 0 ? (
        <p className="muted">Nobody: every replayed participant ends the same way.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus (WCAG 2.1.1)
        <section className="table-wrap" tabIndex={0} aria-label="Who would change: the list">
          <table className="table table-compact">
            <caption className="visually-hidden">Who would change</caption>
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Stage</th>
                <th scope="col">What happened</th>
                <th scope="col">Would have</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col" className="num">
                  Pass mark
                </th>
              </tr>
            </thead>
            <tbody>
              {result.changes.map((c) => (
                <tr key={`${c.participant_id}-${c.stage_id}`}>
                  <th scope="row">
                    <Link to={`/participants/${c.participant_id}`}>{c.participant_name}</Link>
                  </th>
                  <td>{stageName(c.stage_id)}</td>
                  <td>{OUTCOME_WORDS[c.recorded]}</td>
                  <td>{OUTCOME_WORDS[c.simulated]}</td>
                  <td className="num">{formatScore(c.overall_score)}</td>
                  <td className="num">
                    {c.recorded_threshold ?? 'none'} → {c.simulated_threshold ?? '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {result.overridden_total > 0 && (
        <>
          <h3 className="subsection-title">
            A person went against the result ({result.overridden_total}): not replayed
          </h3>
          <ul className="simulation-overridden">
            {result.overridden.map((o) => (
              <li key={`${o.participant_id}-${o.stage_id}`}>
                <Link to={`/participants/${o.participant_id}`}>{o.participant_name}</Link> at {stageName(o.stage_id)}:{' '}
                {OVERRIDE_WORDS[o.override]}
              </li>
            ))}
          </ul>
        </>
      )}
      {changes.length > 0 && (
        <ApplyChanges changes={changes} version={version} stageName={stageName} onApplied={onApplied} />
      )}
    </div>
  );
}

/**
 * Applies a tried change to its stage through the normal stage edit, with the template's version so an edit
 * made meanwhile by someone else is refused rather than overwritten. People already in the stage keep
 * the rules they entered with.
 */
function ApplyChanges({
  changes,
  version,
  stageName,
  onApplied,
}: {
  changes: Change[];
  version: number | undefined;
  stageName: (id: string) => string;
  onApplied: () => void;
}) {
  const canEdit = useCan('admin');
  const utils = trpc.useUtils();
  const showError = useServerError();
  const update = trpc.stages.update.useMutation({
    onSuccess: async (answer) => {
      toast.success(`${answer.stage?.stage_name ?? 'The stage'} now has the new rules`);
      await Promise.all([utils.templates.invalidate(), utils.stages.invalidate(), utils.analytics.invalidate()]);
      onApplied();
    },
    onError: (error) => showError(error),
  });
  if (!canEdit) return <p className="muted">Admins and owners can apply a change to the stage.</p>;
  return (
    <div className="simulation-apply">
      {changes.map(({ stage_id, ...rules }) => (
        <Button
          key={stage_id}
          variant="primary"
          pending={update.isPending && update.variables?.id === stage_id}
          disabled={version === undefined}
          onClick={() => update.mutate({ id: stage_id, ...rules, expected_version: version })}
        >
          Apply to {stageName(stage_id)}
        </Button>
      ))}
      <p className="field-hint">
        People already in the stage keep the rules they entered with; those who enter it from now on get the new ones.
      </p>
    </div>
  );
}
