export function Banner() {
  return (
    <div class="synthetic" role="note">
      Demo site: every patient, name and value here is synthetic (made up). Do not enter real patient data.
    </div>
  );
}
