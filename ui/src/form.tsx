import { useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { ErrorNote } from './ui.js';

/** A form field's number, or undefined when left empty. */
export const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** A comma-separated field as a list (empty items dropped). */
export const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A form that sends its fields to the admin API: `send` gets them; on success the form is cleared
 * and `done` runs; on failure the API's message is shown and the field it names is marked invalid.
 */
export function useForm(send: (f: FormData) => Promise<unknown>, done: () => void) {
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    setBusy(true);
    setError(undefined);
    try {
      await send(new FormData(form));
      form.reset();
      done();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const invalid = (field: string) => (error instanceof ApiError && error.field === field ? true : undefined);
  return { error, busy, submit, invalid };
}

/** An optional USD amount; `field` is the admin API's name for it (marked when the API refuses it). */
export function MoneyField({ label, name, field, invalid }: { label: string; name: string; field: string; invalid: (field: string) => true | undefined }) {
  return (
    <label>
      {label}, USD <span class="muted">(optional)</span>
      <input name={name} type="number" min="0" step="0.01" inputMode="decimal" aria-invalid={invalid(field)} />
    </label>
  );
}

/** The end of a form: the API's refusal, the submit button and, when given, Cancel. */
export function FormEnd({ error, busy, label, onCancel }: { error: unknown; busy: boolean; label: string; onCancel?: () => void }) {
  return (
    <>
      <ErrorNote error={error} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {label}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </>
  );
}
