import { shownCount } from '@stageflow/domain';
import type { RouterOutputs } from '../../app/trpc.ts';
import type { FigureTable } from './csv.ts';

/**
 * The adverse-impact figures in the page's words (docs/rules.md#adverse-impact): category names for staff,
 * ratios and p-values as people read them, and the bias-audit export. Counts from 1 to 4 show as "<5"
 * everywhere they are shown or exported (`shownCount`, the domain's rule).
 */
export type AdverseImpact = RouterOutputs['analytics']['adverseImpact'];
export type ImpactFigures = AdverseImpact['template'];
export type ImpactTable = ImpactFigures['by_sex'];
export type ImpactRow = ImpactTable['rows'][number];

export const SEX_WORDS: Record<NonNullable<ImpactRow['sex']>, string> = { male: 'Male', female: 'Female' };
export const RACE_WORDS: Record<NonNullable<ImpactRow['race_ethnicity']>, string> = {
  hispanic_or_latino: 'Hispanic or Latino',
  white: 'White',
  black_or_african_american: 'Black or African American',
  native_hawaiian_or_other_pacific_islander: 'Native Hawaiian or Other Pacific Islander',
  asian: 'Asian',
  american_indian_or_alaska_native: 'American Indian or Alaska Native',
  two_or_more_races: 'Two or more races',
};

/** "Female", "Asian", or "Female · Asian" for an intersection. */
export const categoryName = (row: Pick<ImpactRow, 'sex' | 'race_ethnicity'>) =>
  [row.sex && SEX_WORDS[row.sex], row.race_ethnicity && RACE_WORDS[row.race_ethnicity]].filter(Boolean).join(' · ');

export const DIMENSIONS = [
  { key: 'by_sex', label: 'Sex' },
  { key: 'by_race_ethnicity', label: 'Race/ethnicity' },
  { key: 'by_intersection', label: 'Sex × race/ethnicity' },
] as const satisfies readonly { key: keyof ImpactFigures; label: string }[];

/** A rate as a percentage with one decimal, or "–". */
export const ratePercent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
/** An impact ratio to two decimals, or "–". */
export const ratio = (value: number | null) => (value === null ? '–' : value.toFixed(2));
/** A p-value as audits print it: four decimals, "<0.0001" below that, "–" where there is none. */
export const pValue = (p: number | null) => (p === null ? '–' : p < 0.0001 ? '<0.0001' : p.toFixed(4));

/** What a row says in its last column: the reference, a flag, no flag, or too few people to say. */
export function verdict(row: ImpactRow): string {
  if (row.status === 'insufficient_data') return 'Insufficient data';
  if (row.status === 'reference') return 'Highest rate (reference)';
  if (row.below_four_fifths === null) return 'No one selected';
  return row.below_four_fifths ? 'Below four fifths' : 'Within four fifths';
}

/** The measures the page shows, and how their columns are named. */
export const MEASURES = {
  selection: { label: 'Selection', selected: 'Selected', rate: 'Selection rate' },
  scoring: { label: 'Scoring', selected: 'Above median', rate: 'Scoring rate' },
  template: { label: 'Completion', selected: 'Completed', rate: 'Completion rate' },
} as const;
export type Measure = keyof typeof MEASURES;

/** One dimension of one measure as rows of cells, counts under five written "<5", the unknown last. */
export function impactRows(table: ImpactTable): (string | number)[][] {
  return [
    ...table.rows.map((r) => [
      categoryName(r),
      shownCount(r.n),
      shownCount(r.selected),
      ratePercent(r.rate),
      ratio(r.impact_ratio),
      pValue(r.p_value),
      verdict(r),
    ]),
    ['Unknown (no answer or declined)', shownCount(table.unknown), '–', '–', '–', '–', 'Not compared'],
  ];
}

export const impactHeader = (measure: Measure) => [
  'Category',
  'N',
  MEASURES[measure].selected,
  MEASURES[measure].rate,
  'Impact ratio',
  'p-value',
  'Four-fifths rule',
];

/**
 * The bias-audit export: every figure of the page, one row each, with the question it answers (the
 * template, the period, the tag, when it was read) on every row, so the file stands on its own.
 */
export function auditTable(impact: AdverseImpact, templateName: string): FigureTable {
  const stageName = (id: string) => impact.stages.find((s) => s.stage_id === id)?.stage_name ?? 'Stage';
  const period = [templateName, impact.from ?? '', impact.to ?? '', impact.tag ?? '', impact.as_of];
  const rows: (string | number | null)[][] = [];
  const add = (scope: string, measure: Measure, figures: ImpactFigures, note = '') => {
    for (const { key, label } of DIMENSIONS) {
      for (const cells of impactRows(figures[key]))
        rows.push([...period, scope, MEASURES[measure].label, label, ...cells, note]);
    }
  };
  add('Whole template', 'template', impact.template);
  for (const stage of impact.by_stage) {
    add(stageName(stage.stage_id), 'selection', stage.selection);
    if (stage.scoring) {
      add(stageName(stage.stage_id), 'scoring', stage.scoring.figures, `median score ${stage.scoring.median_score}`);
    }
  }
  return {
    header: [
      'Template',
      'Enrolled from',
      'Enrolled to',
      'Tag',
      'As of',
      'Scope',
      'Measure',
      'Dimension',
      'Category',
      'N',
      'Favourable outcomes',
      'Rate',
      'Impact ratio',
      'p-value (two-sided Fisher exact)',
      'Four-fifths rule',
      'Note',
    ],
    rows,
  };
}

/**
 * The simulation's impact ratios (docs/rules.md#rule-simulation): each category's passes under the rules as
 * they were and as changed, side by side, in the same words as the monitor's.
 */
export function rulesImpactRows(recorded: ImpactTable, simulated: ImpactTable): (string | number)[][] {
  return recorded.rows.map((before, i) => {
    const after = simulated.rows[i] ?? before;
    return [
      categoryName(before),
      shownCount(before.n),
      ratePercent(before.rate),
      ratio(before.impact_ratio),
      shownCount(after.n),
      ratePercent(after.rate),
      ratio(after.impact_ratio),
      pValue(after.p_value),
      verdict(after),
    ];
  });
}

export const RULES_IMPACT_HEADER = [
  'Category',
  'N before',
  'Pass rate before',
  'Impact ratio before',
  'N after',
  'Pass rate after',
  'Impact ratio after',
  'p-value after',
  'Four-fifths rule after',
];
