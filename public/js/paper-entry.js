// Keying in paper forms (docs/decisions/0039-paper-keying-keystroke-model.md). Once a box holds a
// complete answer (a value that no further digit could extend, or NA), the cursor moves to the
// next box by itself, and a Tab pressed straight after that move is swallowed: "3", "3 Tab" and
// the same for every answer land in the same boxes. "-" in a box means nothing was ticked, and
// moves on like an answer. Without this script every box is a plain field and Tab moves on; the
// server checks every value the same either way.
const form = document.querySelector('form.paper-entry');
if (form) {
  const fields = () => [...form.querySelectorAll('input.digit, textarea')];
  // The box the script last moved to; a Tab there, before anything else is typed, is swallowed.
  let movedTo = null;

  const complete = (field) => {
    const value = field.value.trim();
    if (value === '-') return true;
    if (/^na$/i.test(value)) return field.hasAttribute('data-na');
    if (!/^\d+$/.test(value)) return false;
    const n = Number(value);
    const min = Number(field.dataset.min);
    const max = Number(field.dataset.max);
    if (!Number.isFinite(min) || !Number.isFinite(max)) return false;
    // Complete once in range and no further digit could give another value in range.
    return n >= min && n <= max && n * 10 > max;
  };

  form.addEventListener('input', (event) => {
    const field = event.target;
    movedTo = null;
    if (!(field instanceof HTMLInputElement) || !field.classList.contains('digit')) return;
    if (!complete(field)) return;
    if (field.value.trim() === '-') field.value = '';
    const all = fields();
    const next = all[all.indexOf(field) + 1];
    if (!next) return;
    next.focus();
    if (next instanceof HTMLInputElement) next.select();
    movedTo = next;
  });

  form.addEventListener('keydown', (event) => {
    if (event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      if (movedTo !== null && event.target === movedTo) event.preventDefault();
      movedTo = null;
      return;
    }
    // Any other key (Shift alone excepted) is the start of the next answer: a Tab after it moves on.
    if (event.key !== 'Shift') movedTo = null;
  });

  // A click elsewhere ends the swallowing too.
  form.addEventListener('focusin', (event) => {
    if (event.target !== movedTo) movedTo = null;
  });
}
