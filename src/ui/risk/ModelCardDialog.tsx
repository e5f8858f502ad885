import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import type { ModelCard } from '../../risk/card.ts';

// The card's body is read only when a physician opens it: its code stays out of the first-load JS.
const ModelCardBody = lazy(() => import('./ModelCardBody.tsx'));

/**
 * A "Model card" button and the card it opens: every ONC HTI-1 source attribute of models/<id>/card.json, in a
 * native modal <dialog> (focus moves into it, Escape closes it, focus returns to the button).
 */
export function ModelCardButton({ card, title, error }: { card: ModelCard | undefined; title: string; error: string | undefined }) {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  useEffect(() => {
    if (open) dialogRef.current?.showModal();
  }, [open]);
  const close = () => {
    dialogRef.current?.close();
  };
  return (
    <>
      <button ref={buttonRef} type="button" className="link-button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Model card<span className="visually-hidden">: {title}</span>
      </button>
      {open ? (
        <dialog
          ref={dialogRef}
          className="model-card-dialog"
          aria-labelledby={headingId}
          data-testid="model-card-dialog"
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        >
          <div className="model-card-head">
            <h2 id={headingId}>{card?.name ?? title}</h2>
            <button type="button" onClick={close} autoFocus>Close</button>
          </div>
          {card ? (
            <Suspense fallback={<p>The model card is loading…</p>}>
              <ModelCardBody card={card} />
            </Suspense>
          ) : (
            <p>{error ?? 'The model card is loading…'}</p>
          )}
        </dialog>
      ) : null}
    </>
  );
}
