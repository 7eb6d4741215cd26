// Optional speed-up for keying in paper forms: after a valid digit, move to the next box.
// Without this script the form works the same with Tab.
document.addEventListener('input', (event) => {
  const field = event.target;
  if (!(field instanceof HTMLInputElement) || !field.classList.contains('digit')) return;
  if (!/^\d$/.test(field.value)) return;
  const fields = [...document.querySelectorAll('.paper-entry input.digit, .paper-entry textarea')];
  const next = fields[fields.indexOf(field) + 1];
  if (next) next.focus();
});
