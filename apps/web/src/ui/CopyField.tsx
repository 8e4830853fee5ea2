import { useRef } from 'react';
import { toast } from 'sonner';
import { Button } from './Button.tsx';

/**
 * A value to hand over (an invite link): shown in full, selectable, with a Copy button. Where the
 * clipboard is not available (plain http on another host), the text is selected for Ctrl+C.
 */
export function CopyField({ value, label, copyLabel = 'Copy' }: { value: string; label: string; copyLabel?: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      toast.success('Copied to the clipboard');
    } catch {
      inputRef.current?.select();
      toast.info('Selected: press Ctrl+C (⌘C) to copy');
    }
  };
  return (
    <div className="copy-field">
      <input
        ref={inputRef}
        type="text"
        readOnly
        value={value}
        aria-label={label}
        className="copy-field-input"
        onFocus={(event) => event.currentTarget.select()}
      />
      <Button size="sm" onClick={() => void copy()}>
        {copyLabel}
      </Button>
    </div>
  );
}
