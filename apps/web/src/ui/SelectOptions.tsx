/** A select's options from value/label pairs, e.g. `optionsOf(USE_CASE_LABELS)`. */
export function SelectOptions({ options }: { options: ReadonlyArray<{ value: string | number; label: string }> }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}
