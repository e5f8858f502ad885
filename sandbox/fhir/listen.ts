import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFhirServer, type FhirServer, type FhirServerOptions } from './server.ts';

export interface ListeningFhirServer {
  /** The FHIR base URL, e.g. http://127.0.0.1:40123/fhir. */
  base: string;
  server: FhirServer;
  close(): Promise<void>;
}

/** The sandbox FHIR server alone on a free loopback port: for tests and the benchmark, which need no launcher or auth. */
export async function listenFhirServer(opts: Omit<FhirServerOptions, 'baseUrl'>): Promise<ListeningFhirServer> {
  let server: FhirServer | undefined;
  const http = createServer((req, res) => void server?.handle(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/fhir`;
  server = await createFhirServer({ ...opts, baseUrl: base });
  return { base, server, close: () => new Promise<void>((resolve) => http.close(() => resolve())) };
}
