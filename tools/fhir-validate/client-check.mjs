// Reads a running BackCare FHIR server through fhir-kit-client, a FHIR client written by others, and prints
// what the client got as one JSON object, for the web tests to check. Usage:
//   BACKCARE_TOKEN=... node client-check.mjs FHIR_BASE_URL PATIENT_ID [OTHER_PATIENT_ID]
// The token travels in the environment, not on the command line, so that other processes cannot read it.
import { Client } from 'fhir-kit-client';

const [baseUrl, patientId, otherPatientId] = process.argv.slice(2);
if (!baseUrl || !patientId || !process.env.BACKCARE_TOKEN) {
  console.error('usage: BACKCARE_TOKEN=... node client-check.mjs FHIR_BASE_URL PATIENT_ID [OTHER_PATIENT_ID]');
  process.exit(2);
}

const client = new Client({ baseUrl, bearerToken: process.env.BACKCARE_TOKEN });

/** The status and OperationOutcome of a request the server refused, or the resource when it did not. */
async function attempt(request) {
  try {
    return { status: 200, body: await request() };
  } catch (error) {
    if (error.response === undefined) {
      throw error;
    }
    return { status: error.response.status, body: error.response.data };
  }
}

const metadata = await client.capabilityStatement();
const patient = await client.read({ resourceType: 'Patient', id: patientId });
const everything = await client.operation({ name: '$everything', resourceType: 'Patient', id: patientId, method: 'GET' });
const observations = await client.search({ resourceType: 'Observation', searchParams: { patient: patientId } });
const other = otherPatientId
  ? await attempt(() => client.read({ resourceType: 'Patient', id: otherPatientId }))
  : null;

console.log(JSON.stringify({ metadata, patient, everything, observations, other }));
