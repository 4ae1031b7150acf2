// Find a patient by MRN, name or birth date (FHIR Patient search).
import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';

interface Row {
  id: string;
  mrn: string;
  name: string;
  birthDate: string;
  gender: string;
}

function rowOf(p: any): Row {
  const name = p.name?.[0] ?? {};
  return {
    id: p.id,
    mrn: p.identifier?.[0]?.value ?? '',
    name: [...(name.given ?? []), name.family ?? ''].join(' '),
    birthDate: p.birthDate,
    gender: p.gender,
  };
}

export function PatientSearchPage() {
  const [mrn, setMrn] = useState('');
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState('');
  const [more, setMore] = useState(false);

  async function search(e: Event) {
    e.preventDefault();
    const params = new URLSearchParams();
    if (mrn.trim()) params.set('identifier', mrn.trim());
    // "Family, Given" as a ward list writes it; a FHIR comma would mean "either of these".
    // Otherwise every word must start a part of the name: "Maya Chen" as the chart shows it.
    const [family, given] = name.includes(',') ? name.split(',', 2).map((part) => part.trim()) : ['', name.trim()];
    if (family) params.set('family', family);
    if (given) params.set('name', given);
    if (birthDate) params.set('birthdate', birthDate);
    if ([...params].length === 0) {
      setError('Enter an MRN, a name or a birth date.');
      setRows(null);  // not the last search's answers under this message
      return;
    }
    params.set('_count', '50');
    setError('');
    try {
      let bundle = await request('GET', `/fhir/Patient?${params}`);
      // An identifier matches exactly (FHIR token search), but MRNs are printed in capitals and
      // often typed in small letters: try the capitals before saying no one matches.
      if (!bundle.entry?.length && mrn.trim() !== mrn.trim().toUpperCase()) {
        params.set('identifier', mrn.trim().toUpperCase());
        bundle = await request('GET', `/fhir/Patient?${params}`);
      }
      setRows((bundle.entry ?? []).map((e: any) => rowOf(e.resource)));
      // Only the first page is shown: say so, rather than let the 51st child look absent.
      setMore(Boolean(bundle.link?.some((l: any) => l.relation === 'next')));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Search failed.');
    }
  }

  return (
    <section>
      <h1>Find a patient</h1>
      <form class="card search" onSubmit={search} role="search">
        <div>
          <label for="mrn">MRN</label>
          <input id="mrn" value={mrn} onInput={(e) => setMrn(e.currentTarget.value)} />
        </div>
        <div>
          <label for="name">Name</label>
          <input id="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div>
          <label for="birthdate">Birth date</label>
          <input id="birthdate" type="date" value={birthDate} onInput={(e) => setBirthDate(e.currentTarget.value)} />
        </div>
        <button type="submit">Search</button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p role="status">No patient matches.</p>}
      {rows && rows.length > 0 && (
        <table class="results">
          <caption>
            {more ? `The first ${rows.length} patients: more match, so add to the search (a birth date, the full name)` : `${rows.length} patient(s)`}
          </caption>
          <thead>
            <tr>
              <th scope="col">MRN</th>
              <th scope="col">Name</th>
              <th scope="col">Birth date</th>
              <th scope="col">Sex</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.mrn}</td>
                <td>
                  <a href={`#/patients/${r.id}`}>{r.name}</a>
                </td>
                <td>{r.birthDate}</td>
                <td>{r.gender}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
