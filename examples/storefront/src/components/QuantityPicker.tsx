import { useId, useState } from "react";
import { useLocale } from "../i18n";

/**
 * − 1 + : a quantity between 1 and `max`, also typed in. What the shopper types stays as typed
 * until the field loses focus (or − / + is pressed): only then is it clamped, so that clearing the
 * field and typing "3" gives 3, not "13" clamped to the maximum.
 */
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
  // The field's text while the shopper is typing; null when it shows `value`.
  const [draft, setDraft] = useState<string | null>(null);
  const clamp = (n: number) => Math.min(max, Math.max(1, Math.round(n)));
  const typed = draft === null || draft.trim() === "" ? NaN : Number(draft);
  const current = Number.isFinite(typed) ? clamp(typed) : value;
  const commit = (next: number) => {
    setDraft(null);
    if (next !== value) onChange(next);
  };
  const type = (text: string) => {
    setDraft(text);
    // A whole number in range counts at once (the total follows); anything else waits for blur.
    const n = Number(text);
    if (/^\d+$/.test(text) && n >= 1 && n <= max && n !== value) onChange(n);
  };
  return (
    <div className="quantity">
      <label htmlFor={id}>{t.quantity}</label>
      <div className="stepper">
        <button
          type="button"
          aria-label={t.decrease}
          disabled={current <= 1}
          onClick={() => commit(clamp(current - 1))}
        >
          −
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          value={draft ?? String(value)}
          onChange={(event) => type(event.target.value)}
          onBlur={() => commit(current)}
        />
        <button
          type="button"
          aria-label={t.increase}
          disabled={current >= max}
          onClick={() => commit(clamp(current + 1))}
        >
          +
        </button>
      </div>
    </div>
  );
}
