import { ImpactTableView } from './ImpactTableView.tsx';
import { DIMENSIONS, type ImpactFigures, type Measure } from './impact.ts';

/**
 * A measure by sex and by race/ethnicity, and their intersection folded away (fourteen rows, most of them
 * small): what a stage's section, the whole template's and the simulation show.
 */
export function ImpactFiguresView({
  figures,
  measure,
  title,
}: {
  figures: ImpactFigures;
  measure: Measure;
  title: string;
}) {
  const [sex, race, both] = DIMENSIONS;
  return (
    <div className="impact-figures">
      <h3 className="subsection-title">{title}</h3>
      <ImpactTableView table={figures[sex.key]} measure={measure} caption={`${title}: ${sex.label}`} />
      <ImpactTableView table={figures[race.key]} measure={measure} caption={`${title}: ${race.label}`} />
      <details className="impact-intersection">
        <summary>{both.label}</summary>
        <ImpactTableView table={figures[both.key]} measure={measure} caption={`${title}: ${both.label}`} />
      </details>
    </div>
  );
}
