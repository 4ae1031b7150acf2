// The acute pain service's order form as data: which fields each modality asks for, how the
// prescriber's entries become the order the server checks (docs/api.md, "Orders"), and how a
// signed order fills the form again when it is changed. Dose limits are not here: the server's
// dose check against the site formulary is the one place they live.

export type Modality =
  | 'pca'
  | 'epidural'
  | 'peripheral_nerve_catheter'
  | 'spinal'
  | 'single_shot_block'
  | 'scheduled_dose'
  | 'topical'
  | 'non_drug';

export const MODALITIES: { kind: Modality; label: string }[] = [
  { kind: 'pca', label: 'IV opioid PCA / NCA' },
  { kind: 'epidural', label: 'Epidural infusion' },
  { kind: 'peripheral_nerve_catheter', label: 'Peripheral nerve catheter' },
  { kind: 'spinal', label: 'Spinal' },
  { kind: 'single_shot_block', label: 'Single-shot block' },
  { kind: 'scheduled_dose', label: 'Scheduled or as-needed dose' },
  { kind: 'topical', label: 'Topical therapy' },
  { kind: 'non_drug', label: 'Non-drug therapy' },
];

export interface FormularyDrug {
  id: string;
  name: string;
  class: 'opioid' | 'local_anaesthetic' | 'non_opioid' | 'adjuvant';
  routes: string[];
  // From what age (months) the dose check expects a child to work a PCA button: the form
  // starts younger children on a nurse-controlled PCA. Absent: no such limit in the formulary.
  pca_patient_controlled_from_months?: number;
}

export interface Field {
  key: string;
  label: string;
  type: 'number' | 'text' | 'select' | 'check';
  options?: { value: string; label: string }[];
}

export type Values = Record<string, string>;

const NON_DRUG_KINDS: [string, string][] = [
  ['animal_assisted', 'Animal-assisted therapy'],
  ['heat_cold', 'Heat or cold'],
  ['tens', 'TENS'],
  ['massage', 'Massage'],
  ['music', 'Music therapy'],
  ['child_life', 'Child life'],
  ['breathing_relaxation', 'Breathing and relaxation'],
  ['other', 'Other'],
];

const ROUTE_LABELS: Record<string, string> = {
  iv: 'IV',
  oral: 'oral',
  rectal: 'rectal',
  im: 'IM',
  subcutaneous: 'subcutaneous',
  epidural: 'epidural (caudal)',
  perineural: 'perineural',
  intrathecal: 'intrathecal',
  infiltration: 'infiltration',
};
const REGIONAL = ['epidural', 'perineural', 'intrathecal', 'infiltration'];

const opt = (value: string, label = value) => ({ value, label });

// Fentanyl is written in micrograms; the other PCA opioids in milligrams.
// A computed dose beside its limit, readable: four significant figures ("2326", "193.8"), more
// where four would make a dose over the limit read the same as the limit.
export function doseFigures(computed: number, limit: number): [string, string] {
  for (const digits of [4, 6, 10]) {
    const c = Number(computed.toPrecision(digits));
    const l = Number(limit.toPrecision(digits));
    if (c !== l || computed === limit) return [String(c), String(l)];
  }
  return [String(computed), String(limit)];
}

export function pcaUnit(drug: string): 'mg' | 'mcg' {
  return drug === 'fentanyl' ? 'mcg' : 'mg';
}

function drugsWhere(drugs: FormularyDrug[], test: (d: FormularyDrug) => boolean) {
  return drugs.filter(test).map((d) => opt(d.id, d.name));
}

// ageMonths: the child's age, for who presses the PCA button (see FormularyDrug).
export function defaultValues(kind: Modality, drugs: FormularyDrug[], ageMonths?: number): Values {
  const first = (options: { value: string }[]) => options[0]?.value ?? '';
  switch (kind) {
    case 'pca': {
      const from = drugs.find((d) => d.id === 'morphine')?.pca_patient_controlled_from_months;
      const tooYoung = from !== undefined && ageMonths !== undefined && ageMonths < from;
      return { drug: 'morphine', concentration: '1', lockout: '10', controller: tooYoung ? 'nurse' : 'patient' };
    }
    case 'epidural':
    case 'peripheral_nerve_catheter':
      return { drug: first(localAnaesthetics(drugs, kind === 'epidural' ? 'epidural' : 'perineural')), bolusInterval: '15', bolusMax: '2' };
    case 'spinal':
      return { drug: first(localAnaesthetics(drugs, 'intrathecal')), route: 'intrathecal' };
    case 'single_shot_block':
      return { drug: first(localAnaesthetics(drugs, 'perineural')), route: 'perineural' };
    case 'scheduled_dose': {
      const drug = first(scheduledDrugs(drugs));
      return { drug, route: scheduledRoutes(drugs, drug)[0]?.value ?? 'oral', interval: '6' };
    }
    case 'topical':
      return {};
    case 'non_drug':
      return { nonDrugKind: 'animal_assisted' };
  }
}

function localAnaesthetics(drugs: FormularyDrug[], route: string) {
  return drugsWhere(drugs, (d) => d.class === 'local_anaesthetic' && d.routes.includes(route));
}
function scheduledDrugs(drugs: FormularyDrug[]) {
  return drugsWhere(drugs, (d) => d.routes.some((r) => !REGIONAL.includes(r)) && d.class !== 'local_anaesthetic');
}
function scheduledRoutes(drugs: FormularyDrug[], drug: string) {
  const d = drugs.find((x) => x.id === drug);
  return (d?.routes ?? ['oral']).filter((r) => !REGIONAL.includes(r)).map((r) => opt(r, ROUTE_LABELS[r] ?? r));
}

// The fields the form shows for `kind`, given what is entered so far (units follow the drug).
export function fieldsFor(kind: Modality, v: Values, drugs: FormularyDrug[]): Field[] {
  switch (kind) {
    case 'pca': {
      const u = pcaUnit(v.drug);
      return [
        { key: 'drug', label: 'Drug', type: 'select', options: drugsWhere(drugs, (d) => d.class === 'opioid' && d.routes.includes('iv')) },
        { key: 'concentration', label: `Syringe concentration (${u}/mL)`, type: 'number' },
        { key: 'demand', label: `Demand dose (${u})`, type: 'number' },
        { key: 'lockout', label: 'Lockout (minutes)', type: 'number' },
        { key: 'basal', label: `Basal rate (${u}/h, optional)`, type: 'number' },
        { key: 'limit1h', label: `1-hour limit (${u}, as programmed)`, type: 'number' },
        { key: 'limit4h', label: `4-hour limit (${u}, as programmed)`, type: 'number' },
        {
          key: 'controller',
          label: 'Who presses the button',
          type: 'select',
          options: [opt('patient', 'the child (PCA)'), opt('nurse', 'the nurse (NCA)'), opt('parent', 'a parent (PrCA)')],
        },
      ];
    }
    case 'epidural':
    case 'peripheral_nerve_catheter': {
      const additives = drugsWhere(drugs, (d) => (d.class === 'opioid' || d.class === 'adjuvant') && d.routes.includes(kind === 'epidural' ? 'epidural' : 'perineural'));
      return [
        { key: 'site', label: 'Catheter site', type: 'text' },
        { key: 'drug', label: 'Local anaesthetic', type: 'select', options: localAnaesthetics(drugs, kind === 'epidural' ? 'epidural' : 'perineural') },
        { key: 'concentration', label: 'Concentration (%)', type: 'number' },
        { key: 'rate', label: 'Infusion rate (mL/h)', type: 'number' },
        { key: 'additive', label: 'Additive (optional)', type: 'select', options: [opt('', 'none'), ...additives] },
        ...(v.additive ? [{ key: 'additiveConcentration', label: 'Additive concentration (mcg/mL)', type: 'number' as const }] : []),
        { key: 'bolus', label: 'Clinician bolus (mL, optional)', type: 'number' },
        ...(v.bolus
          ? [
              { key: 'bolusInterval', label: 'Minimum minutes between boluses', type: 'number' as const },
              { key: 'bolusMax', label: 'Maximum boluses in 4 hours', type: 'number' as const },
            ]
          : []),
      ];
    }
    case 'spinal':
    case 'single_shot_block': {
      const route = kind === 'spinal' ? 'intrathecal' : v.route || 'perineural';
      return [
        { key: 'site', label: 'Block site', type: 'text' },
        ...(kind === 'single_shot_block'
          ? [{ key: 'route', label: 'Route', type: 'select' as const, options: ['perineural', 'epidural', 'infiltration'].map((r) => opt(r, ROUTE_LABELS[r])) }]
          : []),
        { key: 'drug', label: 'Local anaesthetic', type: 'select', options: localAnaesthetics(drugs, route) },
        { key: 'concentration', label: 'Concentration (%)', type: 'number' },
        { key: 'volume', label: 'Volume (mL)', type: 'number' },
        { key: 'adrenaline', label: 'With adrenaline', type: 'check' },
      ];
    }
    case 'scheduled_dose':
      return [
        { key: 'drug', label: 'Drug', type: 'select', options: scheduledDrugs(drugs) },
        { key: 'route', label: 'Route', type: 'select', options: scheduledRoutes(drugs, v.drug) },
        { key: 'dose', label: 'Dose (mg)', type: 'number' },
        { key: 'interval', label: 'Every (hours)', type: 'number' },
        { key: 'asNeeded', label: 'As needed (PRN)', type: 'check' },
        { key: 'maxDoses', label: 'Maximum doses in 24 hours (optional)', type: 'number' },
      ];
    case 'topical':
      return [
        { key: 'product', label: 'Product', type: 'text' },
        { key: 'applicationSite', label: 'Where applied', type: 'text' },
        { key: 'amount', label: 'Amount', type: 'text' },
        { key: 'frequency', label: 'How often', type: 'text' },
      ];
    case 'non_drug':
      return [
        { key: 'nonDrugKind', label: 'Therapy', type: 'select', options: NON_DRUG_KINDS.map(([k, l]) => opt(k, l)) },
        { key: 'description', label: 'Description', type: 'text' },
        { key: 'frequency', label: 'How often', type: 'text' },
      ];
  }
}

// Empty text stays empty (the server names a missing field); numbers the prescriber typed are
// sent as numbers, and what cannot be read as one is sent as NaN's JSON form, null, which the
// server refuses with the field's name.
const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));
const has = (s: string | undefined) => s !== undefined && s.trim() !== '';

// The order body POST /api/v1/acute/orders expects, from the form's values.
export function buildOrder(kind: Modality, v: Values): Record<string, any> {
  const base = { kind, ...(has(v.indication) ? { indication: v.indication.trim() } : {}) };
  switch (kind) {
    case 'pca': {
      const unit = pcaUnit(v.drug);
      const amount = (s: string) => ({ value: num(s) ?? 0, unit });
      return {
        ...base,
        pca: {
          drug: v.drug,
          concentration: { value: num(v.concentration) ?? 0, unit: unit === 'mcg' ? 'mcg_per_ml' : 'mg_per_ml' },
          demand_dose: amount(v.demand),
          lockout_min: num(v.lockout) ?? 0,
          ...(has(v.basal) ? { basal_rate_per_h: amount(v.basal) } : {}),
          ...(has(v.limit1h) ? { limit_1h: amount(v.limit1h) } : {}),
          ...(has(v.limit4h) ? { limit_4h: amount(v.limit4h) } : {}),
          controller: v.controller || 'patient',
        },
      };
    }
    case 'epidural':
    case 'peripheral_nerve_catheter':
      return {
        ...base,
        catheter: {
          site: v.site ?? '',
          drug: v.drug ?? '',
          concentration: { value: num(v.concentration) ?? 0, unit: 'percent' },
          additives: has(v.additive) ? [{ drug: v.additive, concentration: { value: num(v.additiveConcentration) ?? 0, unit: 'mcg_per_ml' } }] : [],
          rate_ml_h: num(v.rate) ?? 0,
          ...(has(v.bolus)
            ? { clinician_bolus: { volume_ml: num(v.bolus), min_interval_min: num(v.bolusInterval) ?? 15, max_per_4h: num(v.bolusMax) ?? 2 } }
            : {}),
        },
      };
    case 'spinal':
    case 'single_shot_block':
      return {
        ...base,
        block: {
          site: v.site ?? '',
          route: kind === 'spinal' ? 'intrathecal' : v.route || 'perineural',
          drug: v.drug ?? '',
          concentration: { value: num(v.concentration) ?? 0, unit: 'percent' },
          volume_ml: num(v.volume) ?? 0,
          with_adrenaline: v.adrenaline === 'true',
        },
      };
    case 'scheduled_dose':
      return {
        ...base,
        scheduled: {
          drug: v.drug ?? '',
          route: v.route || 'oral',
          dose: { value: num(v.dose) ?? 0, unit: 'mg' },
          interval_h: num(v.interval) ?? 0,
          as_needed: v.asNeeded === 'true',
          ...(has(v.maxDoses) ? { max_doses_per_24h: num(v.maxDoses) } : {}),
        },
      };
    case 'topical':
      return {
        ...base,
        topical: { product: v.product ?? '', application_site: v.applicationSite ?? '', amount: v.amount ?? '', frequency: v.frequency ?? '' },
      };
    case 'non_drug':
      return { ...base, non_drug: { kind: v.nonDrugKind || 'other', description: v.description ?? '', frequency: v.frequency ?? '' } };
  }
}

const str = (x: number | undefined | null) => (x === undefined || x === null ? '' : String(x));

// The form's values for a signed order, so a change starts from what runs now.
export function valuesOf(order: any): Values {
  const common: Values = order.indication ? { indication: order.indication } : {};
  if (order.pca) {
    const p = order.pca;
    return {
      ...common,
      drug: p.drug,
      concentration: str(p.concentration?.value),
      demand: str(p.demand_dose?.value),
      lockout: str(p.lockout_min),
      basal: str(p.basal_rate_per_h?.value),
      limit1h: str(p.limit_1h?.value),
      limit4h: str(p.limit_4h?.value),
      controller: p.controller ?? 'patient',
    };
  }
  if (order.catheter) {
    const c = order.catheter;
    const a = c.additives?.[0];
    const b = c.clinician_bolus;
    return {
      ...common,
      site: c.site,
      drug: c.drug,
      concentration: str(c.concentration?.value),
      rate: str(c.rate_ml_h),
      additive: a?.drug ?? '',
      additiveConcentration: str(a?.concentration?.value),
      bolus: str(b?.volume_ml),
      bolusInterval: str(b?.min_interval_min ?? 15),
      bolusMax: str(b?.max_per_4h ?? 2),
    };
  }
  if (order.block) {
    const b = order.block;
    return { ...common, site: b.site, route: b.route, drug: b.drug, concentration: str(b.concentration?.value), volume: str(b.volume_ml), adrenaline: String(!!b.with_adrenaline) };
  }
  if (order.scheduled) {
    const s = order.scheduled;
    return { ...common, drug: s.drug, route: s.route, dose: str(s.dose?.value), interval: str(s.interval_h), asNeeded: String(!!s.as_needed), maxDoses: str(s.max_doses_per_24h) };
  }
  if (order.topical) {
    const t = order.topical;
    return { ...common, product: t.product, applicationSite: t.application_site, amount: t.amount, frequency: t.frequency };
  }
  if (order.non_drug) {
    const n = order.non_drug;
    return { ...common, nonDrugKind: n.kind, description: n.description, frequency: n.frequency };
  }
  return common;
}
