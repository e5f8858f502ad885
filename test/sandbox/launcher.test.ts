import { describe, expect, it } from 'vitest';
import { parseLaunchRequest } from '../../sandbox/launcher/launches.ts';

describe('parseLaunchRequest', () => {
  it('reads context and every switch', () => {
    const request = parseLaunchRequest(
      new URLSearchParams({
        practitioner: 'dr', patient: 'pt', encounter: 'enc', display: 'window', banner: 'ehr',
        tokenLifetimeSeconds: '30', carePlanWriteUnsupported: '1', faultResourceType: 'Observation', faultStatus: '500',
        faultDelayMs: '2000', personality: 'epic', withholdScopes: 'patient/Patient.rs, online_access',
      }),
    );
    expect(request).toEqual({
      display: 'window',
      context: {
        practitioner: 'dr', patient: 'pt', encounter: 'enc', needPatientBanner: false,
        switches: {
          tokenLifetimeSeconds: 30, carePlanWriteUnsupported: true, personality: 'epic',
          fault: { resourceType: 'Observation', status: 500, delayMs: 2000 },
          withholdScopes: ['patient/Patient.rs', 'online_access'],
        },
      },
    });
  });

  it("defaults to an embedded launch in today's visit with our banner and no switches, ignoring junk numbers", () => {
    expect(parseLaunchRequest(new URLSearchParams({ practitioner: 'dr', patient: 'pt', tokenLifetimeSeconds: '-5' }))).toEqual({
      display: 'embedded',
      context: { practitioner: 'dr', patient: 'pt', encounter: 'pt-visit-today', needPatientBanner: true, switches: {} },
    });
  });

  it('reads a dropped-connection fault', () => {
    expect(parseLaunchRequest(new URLSearchParams({ practitioner: 'dr', patient: 'pt', faultResourceType: 'Condition', faultDrop: '1', faultTimes: '2' }))).toMatchObject({
      context: { switches: { fault: { resourceType: 'Condition', drop: true, times: 2 } } },
    });
  });

  it('launches outside any encounter when asked', () => {
    expect(parseLaunchRequest(new URLSearchParams({ practitioner: 'dr', patient: 'pt', encounter: 'none' }))).toMatchObject({ context: { encounter: undefined } });
  });

  it('asks for a user and a patient', () => {
    expect(parseLaunchRequest(new URLSearchParams({ practitioner: 'dr' }))).toEqual({ error: 'Choose a user and a patient.' });
  });
});
