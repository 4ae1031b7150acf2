export function ResearchPage() {
  return (
    <section class="card">
      <h1>Research</h1>
      <p>
        Researchers work with de-identified data only. Identified patient screens are not available to this role; the
        de-identified outcomes registry arrives with the outcomes work.
      </p>
    </section>
  );
}
