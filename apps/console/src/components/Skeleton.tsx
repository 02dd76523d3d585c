/** The placeholder shown while something loads: three grey bars, hidden from screen readers (a live region says it). */
export const Skeleton = () => (
  <div class="skeleton" aria-hidden="true">
    <span />
    <span />
    <span />
  </div>
);
