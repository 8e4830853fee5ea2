import { HorizontalBars } from './charts/HorizontalBars.tsx';
import type { FigureTable } from './csv.ts';
import { FigureSection } from './FigureSection.tsx';
import type { Simulation } from './figures.ts';
import { DIMENSIONS, RULES_IMPACT_HEADER, rulesImpactRows, SEX_WORDS } from './impact.ts';

type SimulatedImpact = NonNullable<Simulation['adverse_impact']>[number];

/**
 * Impact ratios under each rule set (docs/rules.md#rule-simulation): per picked stage, each self-identified
 * category's pass rate as it was and as it would have been, by sex and by race/ethnicity. Only for those
 * who may read the self-identification figures; the server leaves them out for everyone else.
 */
export function SimulationImpact({
  impact,
  stageName,
}: {
  impact: readonly SimulatedImpact[];
  stageName: (id: string) => string;
}) {
  const [sex, race] = DIMENSIONS;
  return (
    <>
      {impact.map((stage) => {
        const table: FigureTable = {
          header: ['Dimension', ...RULES_IMPACT_HEADER],
          rows: [sex, race].flatMap(({ key, label }) =>
            rulesImpactRows(stage.recorded[key], stage.simulated[key]).map((cells) => [label, ...cells]),
          ),
        };
        const shown = stage.simulated.by_sex.rows.filter((r) => r.rate !== null);
        return (
          <FigureSection
            key={stage.stage_id}
            title={`Impact ratios at ${stageName(stage.stage_id)}`}
            description="Pass rates by self-identified category under the rules as they were and as changed, each against the highest rate. Categories with too few people are insufficient data."
            fileName={`impact-ratios-${stageName(stage.stage_id).toLowerCase().replace(/\W+/g, '-')}`}
            table={table}
            chart={(tableId) => (
              <HorizontalBars
                label={`Impact ratios by sex at ${stageName(stage.stage_id)}, before and after`}
                tableId={tableId}
                categories={shown.map((r) => (r.sex ? SEX_WORDS[r.sex] : ''))}
                series={[
                  {
                    name: 'Before',
                    values: shown.map(
                      (r) => stage.recorded.by_sex.rows.find((x) => x.sex === r.sex)?.impact_ratio ?? 0,
                    ),
                    tone: 'muted',
                  },
                  { name: 'After', values: shown.map((r) => r.impact_ratio ?? 0), tone: 'primary' },
                ]}
              />
            )}
          />
        );
      })}
    </>
  );
}
