import { describe, expect, it } from 'vitest';
import { buildOrder, defaultValues, doseFigures, fieldsFor, valuesOf, type FormularyDrug } from './orders';

// The demo formulary's shape (data/formulary): what the form offers comes from the server.
const drugs: FormularyDrug[] = [
  { id: 'acetaminophen', name: 'Acetaminophen', class: 'non_opioid', routes: ['iv', 'oral', 'rectal'] },
  { id: 'bupivacaine', name: 'Bupivacaine', class: 'local_anaesthetic', routes: ['epidural', 'perineural', 'intrathecal', 'infiltration'] },
  { id: 'clonidine', name: 'Clonidine', class: 'adjuvant', routes: ['epidural', 'perineural'] },
  { id: 'fentanyl', name: 'Fentanyl', class: 'opioid', routes: ['iv', 'epidural'] },
  { id: 'ketorolac', name: 'Ketorolac', class: 'non_opioid', routes: ['iv', 'im'] },
  { id: 'lidocaine', name: 'Lidocaine', class: 'local_anaesthetic', routes: ['infiltration', 'perineural'] },
  { id: 'morphine', name: 'Morphine', class: 'opioid', routes: ['iv'], pca_patient_controlled_from_months: 72 },
  { id: 'ropivacaine', name: 'Ropivacaine', class: 'local_anaesthetic', routes: ['epidural', 'perineural', 'infiltration'] },
];

describe('order form', () => {
  it('writes a fentanyl PCA in micrograms and a morphine PCA in milligrams', () => {
    const fentanyl = buildOrder('pca', { drug: 'fentanyl', concentration: '10', demand: '0.5', lockout: '10', controller: 'nurse' });
    expect(fentanyl.pca.concentration).toEqual({ value: 10, unit: 'mcg_per_ml' });
    expect(fentanyl.pca.demand_dose).toEqual({ value: 0.5, unit: 'mcg' });
    expect(fentanyl.pca.controller).toBe('nurse');
    expect(fentanyl.pca).not.toHaveProperty('basal_rate_per_h'); // left empty: no background infusion
    const labels = fieldsFor('pca', { drug: 'morphine' }, drugs).map((f) => f.label);
    expect(labels).toContain('Demand dose (mg)');
    expect(fieldsFor('pca', { drug: 'fentanyl' }, drugs).map((f) => f.label)).toContain('Demand dose (mcg)');
  });

  it('writes an epidural of bupivacaine 0.1% with fentanyl 2 mcg/mL at 4 mL/h and a 4 mL bolus', () => {
    const o = buildOrder('epidural', {
      site: 'T10 epidural',
      drug: 'bupivacaine',
      concentration: '0.1',
      rate: '4',
      additive: 'fentanyl',
      additiveConcentration: '2',
      bolus: '4',
      bolusInterval: '15',
      bolusMax: '2',
    });
    expect(o.catheter.concentration).toEqual({ value: 0.1, unit: 'percent' });
    expect(o.catheter.additives).toEqual([{ drug: 'fentanyl', concentration: { value: 2, unit: 'mcg_per_ml' } }]);
    expect(o.catheter.clinician_bolus).toEqual({ volume_ml: 4, min_interval_min: 15, max_per_4h: 2 });
    // Lidocaine is not given by epidural in this formulary, so it is not offered for one.
    const offered = fieldsFor('epidural', {}, drugs).find((f) => f.key === 'drug')!.options!.map((x) => x.value);
    expect(offered).toEqual(['bupivacaine', 'ropivacaine']);
    const additives = fieldsFor('epidural', {}, drugs).find((f) => f.key === 'additive')!.options!.map((x) => x.value);
    expect(additives).toEqual(['', 'clonidine', 'fentanyl']);
  });

  it('starts a child younger than the formulary\'s PCA age on a nurse-controlled PCA', () => {
    expect(defaultValues('pca', drugs, 30).controller).toBe('nurse'); // 2 y 6 m
    expect(defaultValues('pca', drugs, 71).controller).toBe('nurse');
    expect(defaultValues('pca', drugs, 72).controller).toBe('patient'); // 6 years
    expect(defaultValues('pca', drugs, 150).controller).toBe('patient');
    const noAgeRule = drugs.map((d) => ({ ...d, pca_patient_controlled_from_months: undefined }));
    expect(defaultValues('pca', noAgeRule, 30).controller).toBe('patient');
  });

  it('makes a spinal intrathecal and offers only intrathecal local anaesthetics', () => {
    const o = buildOrder('spinal', { site: 'L4-5', drug: 'bupivacaine', concentration: '0.5', volume: '1.2', route: 'perineural' });
    expect(o.block.route).toBe('intrathecal');
    expect(fieldsFor('spinal', {}, drugs).find((f) => f.key === 'drug')!.options!.map((x) => x.value)).toEqual(['bupivacaine']);
    expect(defaultValues('spinal', drugs).drug).toBe('bupivacaine');
  });

  it('offers scheduled doses only by non-regional routes', () => {
    const routes = fieldsFor('scheduled_dose', { drug: 'ketorolac' }, drugs).find((f) => f.key === 'route')!.options!.map((x) => x.value);
    expect(routes).toEqual(['iv', 'im']);
    const scheduled = fieldsFor('scheduled_dose', {}, drugs).find((f) => f.key === 'drug')!.options!.map((x) => x.value);
    expect(scheduled).toEqual(['acetaminophen', 'fentanyl', 'ketorolac', 'morphine']);
    const o = buildOrder('scheduled_dose', { drug: 'acetaminophen', route: 'iv', dose: '300', interval: '6', asNeeded: 'false' });
    expect(o.scheduled).toEqual({ drug: 'acetaminophen', route: 'iv', dose: { value: 300, unit: 'mg' }, interval_h: 6, as_needed: false });
  });

  it('fills the form from a signed order so a change starts from what runs', () => {
    const cases: [any, Record<string, string>][] = [
      ['pca', { drug: 'morphine', concentration: '1', demand: '0.4', lockout: '10', limit1h: '2', limit4h: '6', controller: 'parent' }],
      ['peripheral_nerve_catheter', { site: 'left femoral', drug: 'ropivacaine', concentration: '0.2', rate: '2', additive: '', bolus: '' }],
      ['single_shot_block', { site: 'caudal', route: 'epidural', drug: 'bupivacaine', concentration: '0.25', volume: '10', adrenaline: 'true' }],
      ['scheduled_dose', { drug: 'ibuprofen', route: 'oral', dose: '200', interval: '8', asNeeded: 'true', maxDoses: '3' }],
      ['topical', { product: 'EMLA', applicationSite: 'both hands', amount: '1 g', frequency: 'once' }],
      ['non_drug', { nonDrugKind: 'animal_assisted', description: 'therapy dog', frequency: 'daily' }],
    ];
    for (const [kind, values] of cases) {
      const order = buildOrder(kind, values);
      expect(buildOrder(kind, valuesOf(order))).toEqual(order);
    }
  });

  it('sends what cannot be read as a number for the server to name', () => {
    const o = buildOrder('pca', { drug: 'morphine', concentration: '1', demand: 'lots', lockout: '10' });
    expect(JSON.parse(JSON.stringify(o)).pca.demand_dose.value).toBeNull();
  });
});

describe('doseFigures', () => {
  it('shows a dose check in four significant figures', () => {
    expect(doseFigures(2325.5813953488373, 120)).toEqual(['2326', '120']);
    expect(doseFigures(193.79844961240312, 100)).toEqual(['193.8', '100']);
  });
  it('keeps the digits that tell a dose just over its limit from the limit', () => {
    expect(doseFigures(20.004, 20)).toEqual(['20.004', '20']);
    expect(doseFigures(20, 20)).toEqual(['20', '20']);
  });
});
