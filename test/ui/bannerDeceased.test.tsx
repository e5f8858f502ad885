// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import type { Patient } from 'fhir/r4';
import type Client from 'fhirclient/lib/Client';
import { describe, expect, it } from 'vitest';
import type { LaunchedSession } from '../../src/fhir/session.ts';
import { PatientBanner } from '../../src/ui/banner/PatientBanner.tsx';
import { summarisePatient } from '../../src/ui/banner/patientSummary.ts';

const today = new Date('2026-03-10T12:00:00Z');
const born: Patient = { resourceType: 'Patient', gender: 'female', birthDate: '1951-11-30', name: [{ given: ['Eleanor'], family: 'Whitfield' }] };
const session = (patient: Patient): LaunchedSession => ({ client: {} as Client, patient, user: {}, needPatientBanner: true, grantedScopes: '' });

describe('patient banner: deceased patients', () => {
  it('shows "Deceased <date>" and the age at death (73 on 2025-02-03), not today\'s 74', () => {
    render(<PatientBanner session={session({ ...born, deceasedDateTime: '2025-02-03T09:30:00.000Z' })} today={today} />);
    const banner = screen.getByTestId('patient-banner');
    expect(screen.getByTestId('patient-deceased')).toHaveTextContent('Deceased 2025-02-03');
    expect(banner).toHaveTextContent('73 y');
    expect(banner).not.toHaveTextContent('74 y');
  });
  it('deceasedBoolean without a date: deceased, date not recorded, age unknown', () => {
    expect(summarisePatient({ ...born, deceasedBoolean: true }, today)).toMatchObject({ deceased: {}, ageYears: undefined });
    render(<PatientBanner session={session({ ...born, deceasedBoolean: true })} today={today} />);
    expect(screen.getByTestId('patient-deceased')).toHaveTextContent('Deceased (date not recorded)');
    expect(screen.getByTestId('patient-banner')).toHaveTextContent('Age unknown');
  });
  it('a living patient: no deceased line, age today', () => {
    render(<PatientBanner session={session(born)} today={today} />);
    expect(screen.queryByTestId('patient-deceased')).toBeNull();
    expect(screen.getByTestId('patient-banner')).toHaveTextContent('74 y');
  });
});
