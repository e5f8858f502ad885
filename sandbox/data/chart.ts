/**
 * Builds one synthetic patient's chart as FHIR R4 resources, with every date relative to "today" so ages and
 * the recency of results stay what the case claims, whatever day the sandbox starts. Deterministic for a given date.
 */
import type {
  AllergyIntolerance,
  CodeableConcept,
  Coding,
  Condition,
  Encounter,
  Extension,
  FamilyMemberHistory,
  MedicationRequest,
  Observation,
  ObservationComponent,
  Patient,
  Quantity,
  Reference,
  Resource,
} from 'fhir/r4';
import { LOINC, ORAL_ROUTE, SYSTEM } from './codes.ts';
import type { LabCode } from './codes.ts';

const DAY_MS = 86_400_000;

/** Midnight UTC of the given instant's date. */
export function startOfDayUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** `YYYY-MM-DD` of the date `age` years and `daysPastBirthday` (1–364) days before today: the person is exactly `age`. */
export function birthDateFor(today: Date, age: number, daysPastBirthday: number): string {
  const sameDay = Date.UTC(today.getUTCFullYear() - age, today.getUTCMonth(), today.getUTCDate());
  return new Date(sameDay - daysPastBirthday * DAY_MS).toISOString().slice(0, 10);
}

export interface PersonSpec {
  id: string;
  given: string;
  family: string;
  gender: 'female' | 'male';
  age: number;
  /** Days since the last birthday, 1–364, so the age is exact. */
  daysPastBirthday: number;
  mrn: string;
  practitionerId: string;
  /** OMB race category, recorded as the US Core race extension; absent: race not recorded. */
  race?: Coding & { display: string };
}

export interface MedicationSpec {
  drug: Coding;
  startedDaysAgo: number;
  dosage: string;
  /** Tablets per day (all sandbox drugs are once or twice daily oral tablets). */
  timesPerDay: 1 | 2;
  status?: MedicationRequest['status'];
}

export class Chart {
  readonly resources: Resource[] = [];
  readonly subject: Reference;
  private seq = 0;

  constructor(
    readonly person: PersonSpec,
    readonly today: Date,
  ) {
    this.subject = { reference: `Patient/${person.id}`, display: `${person.given} ${person.family}` };
    this.resources.push(patientResource(person, today), todaysVisit(person, today));
  }

  /** An instant `daysAgo` days before today, at a clinic-hours time of day. */
  at(daysAgo: number, minuteOfDay = 9 * 60 + 30): string {
    return new Date(this.today.getTime() - daysAgo * DAY_MS + minuteOfDay * 60_000).toISOString();
  }

  /** A numeric result in the unit of its code (the code says which unit it is reported in). */
  quantity(code: LabCode, value: number, daysAgo: number, extra: Partial<Observation> = {}): Observation {
    return this.observation(code, daysAgo, { valueQuantity: quantityOf(value, code), ...extra });
  }

  coded(code: LabCode, value: CodeableConcept, daysAgo: number, extra: Partial<Observation> = {}): Observation {
    return this.observation(code, daysAgo, { valueCodeableConcept: value, ...extra });
  }

  /** A result that was ordered but has no value, with the reason (FHIR data-absent-reason). */
  observationWithoutValue(code: LabCode, daysAgo: number, reason: Coding): Observation {
    return this.observation(code, daysAgo, { dataAbsentReason: { coding: [reason], text: reason.display } });
  }

  smoking(answer: Coding, daysAgo: number): Observation {
    return this.coded(LOINC.smokingStatus, { coding: [answer], text: answer.display }, daysAgo);
  }

  /** Blood pressure as the 85354-9 panel whose components carry systolic and diastolic (FHIR vital-signs profile). */
  bloodPressurePanel(systolic: number, diastolic: number, daysAgo: number): Observation {
    return this.observation(LOINC.bpPanel, daysAgo, { component: bpComponents(systolic, diastolic) });
  }

  /**
   * A blood pressure the patient took at home: the 85354-9 panel with the patient as performer and the home monitor as
   * device, as the HL7 CardX Hypertension Management IG profiles self-measured BP. Morning readings (07:00).
   */
  homeBloodPressure(systolic: number, diastolic: number, daysAgo: number): Observation {
    const taken = this.at(daysAgo, 7 * 60);
    return this.observation(LOINC.bpPanel, daysAgo, {
      component: bpComponents(systolic, diastolic), effectiveDateTime: taken, issued: taken,
      performer: [this.subject], device: { display: 'Home upper-arm blood pressure monitor' },
    });
  }

  /** Blood pressure as two stand-alone observations, as some EHRs expose it. */
  bloodPressureSeparate(systolic: number, diastolic: number, daysAgo: number): void {
    this.quantity(LOINC.systolic, systolic, daysAgo);
    this.quantity(LOINC.diastolic, diastolic, daysAgo);
  }

  /** Height, weight and the BMI computed from them (BMI = kg / m², rounded to 0.1). */
  bodySize(heightCm: number, weightKg: number, daysAgo: number): void {
    this.quantity(LOINC.bodyHeight, heightCm, daysAgo);
    this.quantity(LOINC.bodyWeight, weightKg, daysAgo);
    this.quantity(LOINC.bmi, Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10, daysAgo);
  }

  condition(code: Coding, onsetDaysAgo: number, extra: Partial<Condition> = {}): Condition {
    return this.add<Condition>({
      resourceType: 'Condition',
      id: this.nextId('cond'),
      clinicalStatus: { coding: [{ system: SYSTEM.conditionClinical, code: 'active', display: 'Active' }] },
      verificationStatus: {
        coding: [{ system: SYSTEM.conditionVerification, code: 'confirmed', display: 'Confirmed' }],
      },
      category: [
        {
          coding: [{ system: SYSTEM.conditionCategory, code: 'problem-list-item', display: 'Problem List Item' }],
        },
      ],
      code: { coding: [code], text: code.display },
      subject: this.subject,
      onsetDateTime: this.at(onsetDaysAgo),
      recordedDate: this.at(onsetDaysAgo),
      ...extra,
    });
  }

  medication(spec: MedicationSpec): MedicationRequest {
    return this.add<MedicationRequest>({
      resourceType: 'MedicationRequest',
      id: this.nextId('med'),
      status: spec.status ?? 'active',
      intent: 'order',
      medicationCodeableConcept: { coding: [spec.drug], text: spec.drug.display },
      subject: this.subject,
      authoredOn: this.at(spec.startedDaysAgo),
      requester: { reference: `Practitioner/${this.person.practitionerId}` },
      dosageInstruction: [
        {
          text: spec.dosage,
          timing: { repeat: { frequency: spec.timesPerDay, period: 1, periodUnit: 'd' } },
          route: { coding: [ORAL_ROUTE], text: ORAL_ROUTE.display },
          doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet', system: SYSTEM.ucum, code: '{tbl}' } }],
        },
      ],
    });
  }

  allergy(code: CodeableConcept, recordedDaysAgo: number, extra: Partial<AllergyIntolerance>): AllergyIntolerance {
    return this.add<AllergyIntolerance>({
      resourceType: 'AllergyIntolerance',
      id: this.nextId('allergy'),
      clinicalStatus: { coding: [{ system: SYSTEM.allergyClinical, code: 'active', display: 'Active' }] },
      verificationStatus: { coding: [{ system: SYSTEM.allergyVerification, code: 'confirmed', display: 'Confirmed' }] },
      code,
      patient: this.subject,
      recordedDate: this.at(recordedDaysAgo),
      ...extra,
    });
  }

  familyHistory(relationship: Coding, condition: Coding, onsetAge: number): FamilyMemberHistory {
    return this.add<FamilyMemberHistory>({
      resourceType: 'FamilyMemberHistory',
      id: this.nextId('fmh'),
      status: 'completed',
      patient: this.subject,
      date: this.at(400),
      relationship: { coding: [relationship], text: relationship.display },
      condition: [
        {
          code: { coding: [condition], text: condition.display },
          onsetAge: { value: onsetAge, unit: 'a', system: SYSTEM.ucum, code: 'a' },
        },
      ],
    });
  }

  private observation(code: LabCode, daysAgo: number, body: Partial<Observation>): Observation {
    const effective = this.at(daysAgo);
    return this.add<Observation>({
      resourceType: 'Observation',
      id: this.nextId('obs'),
      status: 'final',
      category: [{ coding: [{ system: SYSTEM.obsCategory, code: code.category, display: categoryDisplay[code.category] }] }],
      code: concept(code),
      subject: this.subject,
      effectiveDateTime: effective,
      issued: code.category === 'laboratory' ? new Date(Date.parse(effective) + 6 * 3_600_000).toISOString() : effective,
      ...body,
    });
  }

  private add<T extends Resource>(resource: T): T {
    this.resources.push(resource);
    return resource;
  }

  private nextId(kind: string): string {
    this.seq += 1;
    return `${this.person.id}-${kind}-${this.seq}`;
  }
}

const categoryDisplay: Record<LabCode['category'], string> = {
  laboratory: 'Laboratory',
  'vital-signs': 'Vital Signs',
  'social-history': 'Social History',
};

function bpComponents(systolic: number, diastolic: number): ObservationComponent[] {
  return [
    { code: concept(LOINC.systolic), valueQuantity: quantityOf(systolic, LOINC.systolic) },
    { code: concept(LOINC.diastolic), valueQuantity: quantityOf(diastolic, LOINC.diastolic) },
  ];
}

export function concept(code: LabCode): CodeableConcept {
  return { coding: [{ system: SYSTEM.loinc, code: code.code, display: code.display }], text: code.display };
}

function quantityOf(value: number, code: LabCode): Quantity {
  if (!code.unit) {
    throw new Error(`LOINC ${code.code} has no unit: use a coded value`);
  }
  return { value, unit: code.unit, system: SYSTEM.ucum, code: code.unit };
}

/** The id of the office visit in progress today, the encounter an EHR launch from the open chart is bound to. */
export function todaysVisitId(patientId: string): string {
  return `${patientId}-visit-today`;
}

/** Today's ambulatory visit with the patient's own practitioner, in progress since 09:00 UTC. */
function todaysVisit(p: PersonSpec, today: Date): Encounter {
  return {
    resourceType: 'Encounter',
    id: todaysVisitId(p.id),
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    type: [{ coding: [{ system: SYSTEM.snomed, code: '185349003', display: 'Encounter for check up' }], text: 'Office visit' }],
    subject: { reference: `Patient/${p.id}` },
    participant: [{ individual: { reference: `Practitioner/${p.practitionerId}` } }],
    period: { start: new Date(today.getTime() + 9 * 3600_000).toISOString() },
  };
}

function patientResource(p: PersonSpec, today: Date): Patient {
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: SYSTEM.identifierType, code: 'MR', display: 'Medical record number' }], text: 'MRN' },
        system: SYSTEM.mrn,
        value: p.mrn,
      },
    ],
    active: true,
    name: [{ use: 'official', family: p.family, given: [p.given], text: `${p.given} ${p.family}` }],
    gender: p.gender,
    birthDate: birthDateFor(today, p.age, p.daysPastBirthday),
    generalPractitioner: [{ reference: `Practitioner/${p.practitionerId}` }],
    ...(p.race ? { extension: [usCoreRace(p.race)] } : {}),
  };
}

/** US Core race extension (http://hl7.org/fhir/us/core/StructureDefinition/us-core-race): one OMB category and the required text. */
function usCoreRace(category: Coding & { display: string }): Extension {
  return {
    url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
    extension: [{ url: 'ombCategory', valueCoding: category }, { url: 'text', valueString: category.display }],
  };
}
