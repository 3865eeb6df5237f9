import { useId } from "react";
import { useLocale } from "../i18n";

/** − 1 + : a quantity between 1 and `max`, also typed in. */
export function QuantityPicker({
  value,
  max,
  onChange,
}: {
  value: number;
  max: number;
  onChange: (value: number) => void;
}) {
  const { t } = useLocale();
  const id = useId();
  const set = (next: number) => onChange(Math.min(max, Math.max(1, Math.round(next) || 1)));
  return (
    <div className="quantity">
      <label htmlFor={id}>{t.quantity}</label>
      <div className="stepper">
        <button
          type="button"
          aria-label={t.decrease}
          disabled={value <= 1}
          onClick={() => set(value - 1)}
        >
          −
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          value={value}
          onChange={(event) => set(Number(event.target.value))}
        />
        <button
          type="button"
          aria-label={t.increase}
          disabled={value >= max}
          onClick={() => set(value + 1)}
        >
          +
        </button>
      </div>
    </div>
  );
}
