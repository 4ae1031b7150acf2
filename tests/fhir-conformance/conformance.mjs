// Relief's FHIR facade as another system sees it: a published FHIR client (fhir-kit-client) drives a
// real `relief serve --demo`, and every resource that comes back, demo data included, is checked
// against the R4 specification by other people's code (fhir-rules.mjs), along with the HTTP
// semantics of FHIR's RESTful API (status codes, Location, ETag, content type).
// Prints ok/FAIL per check and "N passed, M failed"; exits non-zero on any failure.
import { Client } from 'fhir-kit-client';
import { startRelief } from '../support/relief-server.mjs';
import { conformanceProblems } from './fhir-rules.mjs';

const password = 'relief-demo-2026';
const loinc = 'http://loinc.org';
const mrnSystem = 'https://relief.example.org/fhir/sid/mrn';
let passed = 0;
let failed = 0;

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

function expectConformant(resource, what) {
  const problems = conformanceProblems(resource);
  expect(problems.length === 0, `${what} does not conform to FHIR R4:\n    ${problems.slice(0, 8).join('\n    ')}`);
}

async function check(title, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${title}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${title}: ${err.message}`);
  }
}

async function signIn(base, username) {
  const r = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(r.status === 200, `sign-in as ${username} answered ${r.status}`);
  return (await r.json()).token;
}

// fhir-kit-client keeps the HTTP exchange of each answer; headers and status come from there.
function httpOf(result) {
  const { response } = Client.httpFor(result);
  return response;
}

// A request the client library cannot make wrong on purpose (malformed JSON, no token).
async function raw(base, method, path, { token, body, headers = {} } = {}) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: 'application/fhir+json',
      ...(body !== undefined ? { 'content-type': 'application/fhir+json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body,
  });
  const text = await r.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, json, text };
}

function expectFhirJson(headers, what) {
  const type = headers.get('content-type') ?? '';
  expect(type.startsWith('application/fhir+json'), `${what} came as "${type}", not application/fhir+json`);
}

function expectOutcome(answer, status, what) {
  expect(answer.status === status, `${what} answered ${answer.status}, expected ${status}: ${answer.text.slice(0, 200)}`);
  expectFhirJson(answer.headers, what);
  expect(answer.json?.resourceType === 'OperationOutcome', `${what} did not answer an OperationOutcome`);
  expectConformant(answer.json, `${what}'s OperationOutcome`);
  expect(answer.json.issue.every((i) => i.severity === 'error' || i.severity === 'fatal'),
    `${what}'s issues are not errors`);
}

const painScore = (patientId, value, when, performerId) => ({
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
  code: { coding: [{ system: loinc, code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' }] },
  subject: { reference: `Patient/${patientId}` },
  effectiveDateTime: when,
  ...(performerId ? { performer: [{ reference: `Practitioner/${performerId}` }] } : {}),
  valueQuantity: { value, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' },
});

async function main() {
  const server = await startRelief('fhir-conformance', ['--demo']);
  const { base } = server;
  try {
    const fhirBase = `${base}/fhir`;
    const open = new Client({ baseUrl: fhirBase });
    const [adminToken, doctorToken, researcherToken] = await Promise.all(
      ['admin', 'dr.demo', 'research.demo'].map((u) => signIn(base, u)));
    const admin = new Client({ baseUrl: fhirBase, bearerToken: adminToken });
    const doctor = new Client({ baseUrl: fhirBase, bearerToken: doctorToken });

    await check('the CapabilityStatement is R4 4.0.1 and names every interaction used below', async () => {
      const cs = await open.capabilityStatement();
      expectConformant(cs, 'the CapabilityStatement');
      expectFhirJson(httpOf(cs).headers, 'GET /fhir/metadata');
      expect(cs.fhirVersion === '4.0.1', `fhirVersion is ${cs.fhirVersion}`);
      for (const type of ['Patient', 'Practitioner', 'Observation']) {
        const resource = cs.rest[0].resource.find((r) => r.type === type);
        const codes = resource?.interaction.map((i) => i.code) ?? [];
        for (const code of ['create', 'read', 'vread', 'update', 'history-instance', 'search-type'])
          expect(codes.includes(code), `${type} does not declare ${code}`);
      }
    });

    let practitioner;
    await check('an admin creates a Practitioner: 201, Location, ETag, the stored resource', async () => {
      practitioner = await admin.create({
        resourceType: 'Practitioner',
        body: {
          resourceType: 'Practitioner',
          name: [{ family: 'Okafor', given: ['Ada'] }],
          qualification: [
            { code: { coding: [{ system: 'https://relief.example.org/fhir/CodeSystem/discipline', code: 'nurse' }] } },
            { code: { text: 'RN' } },
          ],
        },
      });
      expectConformant(practitioner, 'the created Practitioner');
      const http = httpOf(practitioner);
      expect(http.status === 201, `create answered ${http.status}`);
      expect(http.headers.get('location') === `${fhirBase}/Practitioner/${practitioner.id}/_history/1`,
        `Location is ${http.headers.get('location')}`);
      expect(http.headers.get('etag') === 'W/"1"', `ETag is ${http.headers.get('etag')}`);
      expectFhirJson(http.headers, 'the create');
    });

    let patient;
    const mrn = `CONF-${Date.now()}`;
    await check('a physician creates a Patient and reads it back unchanged', async () => {
      patient = await doctor.create({
        resourceType: 'Patient',
        body: {
          resourceType: 'Patient',
          identifier: [{ system: mrnSystem, value: mrn }],
          name: [{ use: 'official', family: 'Lindqvist', given: ['Maja'] }],
          gender: 'female',
          birthDate: '2014-03-09',
        },
      });
      expectConformant(patient, 'the created Patient');
      expect(httpOf(patient).status === 201, `create answered ${httpOf(patient).status}`);
      const read = await doctor.read({ resourceType: 'Patient', id: patient.id });
      expectConformant(read, 'the read Patient');
      expect(read.birthDate === '2014-03-09' && read.name[0].family === 'Lindqvist', 'the read Patient differs');
      expect(read.identifier.some((i) => i.system === mrnSystem && i.value === mrn), 'the MRN was not kept');
    });

    await check('pain scores of 3, 7 and 5 are stored as R4 Observations', async () => {
      for (const [value, when] of [[3, '2026-01-05T08:00:00Z'], [7, '2026-01-05T12:00:00Z'], [5, '2026-01-05T16:00:00Z']]) {
        const o = await doctor.create({ resourceType: 'Observation', body: painScore(patient.id, value, when, practitioner.id) });
        expectConformant(o, `the pain score of ${value}`);
        expect(o.valueQuantity?.value === value, `the score ${value} came back as ${JSON.stringify(o.valueQuantity)}`);
        expect(o.subject.reference === `Patient/${patient.id}`, `the subject came back as ${o.subject.reference}`);
      }
    });

    await check('an update with If-Match makes version 2; the stale ETag then gets 412', async () => {
      const body = { ...(await doctor.read({ resourceType: 'Patient', id: patient.id })), gender: 'other' };
      delete body.meta;
      const v2 = await doctor.update({ resourceType: 'Patient', id: patient.id, body, options: { headers: { 'If-Match': 'W/"1"' } } });
      expectConformant(v2, 'the updated Patient');
      expect(v2.meta.versionId === '2' && v2.gender === 'other', `the update gave version ${v2.meta.versionId}`);
      expect(httpOf(v2).headers.get('etag') === 'W/"2"', `ETag is ${httpOf(v2).headers.get('etag')}`);
      const stale = await raw(base, 'PUT', `/fhir/Patient/${patient.id}`,
        { token: doctorToken, body: JSON.stringify({ ...body, gender: 'male' }), headers: { 'if-match': 'W/"1"' } });
      expectOutcome(stale, 412, 'an update of version 1 after version 2');
      const v1 = await doctor.vread({ resourceType: 'Patient', id: patient.id, version: '1' });
      expect(v1.gender === 'female', 'version 1 was changed');
    });

    await check('the history Bundle is R4-conformant, newest version first', async () => {
      const history = await doctor.history({ resourceType: 'Patient', id: patient.id });
      expectConformant(history, 'the history Bundle');
      expect(history.type === 'history' && history.total === 2, `type ${history.type}, total ${history.total}`);
      expect(history.entry.map((e) => e.resource.meta.versionId).join() === '2,1', 'versions are not newest first');
    });

    await check('an Observation search by subject, code and date pages newest first through the client', async () => {
      let bundle = await doctor.search({
        resourceType: 'Observation',
        searchParams: { subject: `Patient/${patient.id}`, code: `${loinc}|72514-3`, date: 'ge2026-01-05', _sort: '-date', _count: '2' },
      });
      const values = [];
      while (bundle) {
        expectConformant(bundle, 'a searchset page');
        expect(bundle.type === 'searchset', `bundle type ${bundle.type}`);
        values.push(...(bundle.entry ?? []).map((e) => e.resource.valueQuantity.value));
        bundle = await doctor.nextPage({ bundle });
      }
      expect(values.join() === '5,7,3', `the scores came back as ${values.join()}, expected 5,7,3 (newest first)`);
    });

    await check('the same search sent as a POST form (the client\'s postSearch) answers the same', async () => {
      const bundle = await doctor.search({
        resourceType: 'Observation',
        searchParams: { subject: `Patient/${patient.id}`, code: `${loinc}|72514-3`, _sort: '-date' },
        options: { postSearch: true },
      });
      expectConformant(bundle, 'the POST searchset');
      const values = bundle.entry.map((e) => e.resource.valueQuantity.value);
      expect(values.join() === '5,7,3', `the POST search gave ${values.join()}`);
    });

    await check('a Patient search by identifier and by birthdate finds the patient', async () => {
      for (const searchParams of [{ identifier: `${mrnSystem}|${mrn}` }, { birthdate: '2014-03-09', family: 'Lindqvist' }]) {
        const bundle = await doctor.search({ resourceType: 'Patient', searchParams });
        expectConformant(bundle, 'the Patient searchset');
        expect(bundle.entry?.some((e) => e.resource.id === patient.id), `${JSON.stringify(searchParams)} did not find the patient`);
      }
    });

    await check('errors are OperationOutcomes with the HTTP status FHIR gives them', async () => {
      expectOutcome(await raw(base, 'POST', '/fhir/Observation', { token: doctorToken, body: '{"resourceType": "Observ' }),
        400, 'malformed JSON');
      expectOutcome(await raw(base, 'POST', '/fhir/Observation', { token: doctorToken, body: JSON.stringify(painScore(patient.id, 11, '2026-01-05T18:00:00Z')) }),
        422, 'a 0-10 pain score of 11');
      expectOutcome(await raw(base, 'POST', '/fhir/Observation', { token: doctorToken, body: JSON.stringify(painScore('0123456789abcdef0123456789abcdef', 4, '2026-01-05T18:00:00Z')) }),
        422, 'a pain score of an unknown patient');
      expectOutcome(await raw(base, 'POST', '/fhir/Patient', { token: doctorToken, body: JSON.stringify({ resourceType: 'Patient', birthDate: '2999-01-01', name: [{ family: 'Future' }] }) }),
        422, 'a birth date in the future');
      expectOutcome(await raw(base, 'GET', `/fhir/Patient/${patient.id}`), 401, 'a read without a token');
      expectOutcome(await raw(base, 'GET', `/fhir/Patient/${patient.id}`, { token: researcherToken }), 403, "a researcher's read of a patient");
      expectOutcome(await raw(base, 'GET', '/fhir/Patient/0123456789abcdef0123456789abcdef', { token: doctorToken }), 404, 'an unknown id');
      const current = await doctor.read({ resourceType: 'Patient', id: patient.id });
      expectOutcome(await raw(base, 'PUT', `/fhir/Patient/${patient.id}`, { token: doctorToken, body: JSON.stringify(current) }),
        412, 'an update without If-Match');  // R4 http.html#concurrency: 412 when If-Match is required and missing
    });

    await check('a FLACC of 1+2+1+1+1 = 6 is charted as a conformant QuestionnaireResponse and Observation', async () => {
      const r = await fetch(`${base}/api/v1/patients/${patient.id}/administrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${doctorToken}` },
        body: JSON.stringify({ instrument: 'flacc', reporter: 'clinician', answers: { face: 1, legs: 2, activity: 1, cry: 1, consolability: 1 } }),
      });
      expect(r.status === 201, `the administration answered ${r.status}: ${await r.text()}`);
      const responseUrl = r.headers.get('location');
      const qr = await doctor.resolve({ reference: responseUrl });
      expectConformant(qr, 'the QuestionnaireResponse');
      expect(qr.subject.reference === `Patient/${patient.id}`, `its subject is ${qr.subject?.reference}`);
      const found = await doctor.search({ resourceType: 'QuestionnaireResponse', searchParams: { subject: `Patient/${patient.id}` } });
      expectConformant(found, 'the QuestionnaireResponse searchset');
      expect(found.entry?.length === 1, `the search found ${found.entry?.length ?? 0} responses`);
      const scores = await doctor.search({ resourceType: 'Observation', searchParams: { subject: `Patient/${patient.id}`, _count: '50' } });
      expectConformant(scores, 'the Observation searchset');
      const six = scores.entry.map((e) => e.resource).filter((o) => o.valueQuantity?.value === 6 || o.valueInteger === 6);
      expect(six.length === 1, `expected one Observation scoring 6, found ${six.length}`);
    });

    // The demo site's records, as a FHIR client would page through them.
    const demoPatients = [];
    await check('the demo site\'s Patients and Practitioners conform', async () => {
      let bundle = await doctor.search({ resourceType: 'Patient', searchParams: { _count: '200' } });
      for (let page = 1; bundle; page++) {
        expectConformant(bundle, `Patient page ${page}`);
        demoPatients.push(...bundle.entry.map((e) => e.resource.id));
        bundle = await doctor.nextPage({ bundle });
      }
      expect(demoPatients.length > 1000, `paging through the Patients gave only ${demoPatients.length}`);
      expectConformant(await doctor.search({ resourceType: 'Practitioner', searchParams: { _count: '200' } }), 'the Practitioner searchset');
    });

    await check('the demo site\'s Observations, questionnaires, consults and orders conform', async () => {
      const seen = {};
      const encounters = new Set();  // what the Observations name as their encounter
      // Every 8th patient: each program's patients are in the sample.
      const sample = demoPatients.filter((_, i) => i % 8 === 0);
      for (const id of sample) {
        for (const type of ['Observation', 'QuestionnaireResponse', 'ServiceRequest', 'Encounter', 'MedicationRequest']) {
          const bundle = await doctor.search({ resourceType: type, searchParams: { subject: `Patient/${id}`, _count: '50' } });
          expectConformant(bundle, `the ${type} searchset of Patient/${id}`);
          seen[type] = (seen[type] ?? 0) + (bundle.entry?.length ?? 0);
          for (const e of bundle.entry ?? [])
            if (e.resource.encounter?.reference && encounters.size < 40) encounters.add(`${e.resource.encounter.reference}|${id}`);
        }
      }
      // A reference a client follows leads to the resource, of the same patient (the visits the
      // Observations named were not served: 404).
      expect(encounters.size > 0, 'no Observation names an encounter, so none was followed');
      for (const pair of encounters) {
        const [reference, patient] = pair.split('|');
        const encounter = await doctor.read({ resourceType: 'Encounter', id: reference.split('/')[1] });
        expectConformant(encounter, reference);
        expect(encounter.subject?.reference === `Patient/${patient}`, `${reference} is about ${encounter.subject?.reference}, not Patient/${patient}`);
      }
      for (const type of ['Observation', 'QuestionnaireResponse', 'ServiceRequest', 'Encounter', 'MedicationRequest'])
        expect(seen[type] > 0, `no ${type} among ${sample.length} demo patients, so none was checked`);
      console.log(`     checked ${JSON.stringify(seen)}`);
    });
  } catch (err) {
    failed++;
    console.log(`FAIL setup: ${err.message}`);
  } finally {
    await server.stop();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
