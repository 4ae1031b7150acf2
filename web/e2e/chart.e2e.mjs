// End-to-end: a nurse on a 1024-px tablet signs in, finds a patient, records a pain score, sees
// it in the chart and the table, tries an invalid score and sees the server's message, signs
// out; a researcher sees no identified screens; an ended session asks for the password again
// without losing what was typed.
// Runs the real server (`relief serve --demo`) on a free loopback port and Debian's Chromium.
import { expect, password, runE2E } from './harness.mjs';

// The last results stay on the search page until the next answer is drawn, and the next search
// may find the same child: a wait for that child's row would pass on the old table. An empty
// search clears them (on purpose), so what is read next is the new search's answer.
async function clearResults(page) {
  await page.getByLabel('MRN', { exact: true }).fill('');
  await page.getByLabel('Name', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('alert').filter({ hasText: 'Enter an MRN' }).waitFor();
  await page.locator('table.results').waitFor({ state: 'detached' });
}

async function signIn(page, username) {
  // Keyboard only: a clinician at a workstation may never touch the mouse.
  await page.getByLabel('Username').focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

await runE2E('chart', async ({ page, context, base, step, shot }) => {
  await step('the sign-in page shows the synthetic-data banner', async () => {
    await page.goto(base + '/');
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    expect((await page.locator('.synthetic').textContent()).includes('synthetic'), 'no synthetic banner');
    expect(!(await page.getByText('session has ended').count()), 'a first visit is told its session has ended');
    // The browser moves the caret into an autofocus field at its next frame, not as the form is
    // drawn: give it that frame before asking where the caret is.
    await page.waitForFunction(() => document.activeElement?.id === 'username', null, { timeout: 5000 }).catch(() => {});
    expect((await page.evaluate(() => document.activeElement?.id)) === 'username', 'the caret does not start in the username');
    await shot('01-sign-in');
  });

  await step('a wrong password is refused with the server message', async () => {
    await page.getByLabel('Username').fill('nurse.demo');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'username or password is wrong' }).waitFor();
    await page.getByLabel('Username').fill('');
    await page.getByLabel('Password').fill('');
  });

  await step('a nurse signs in with the keyboard and sees patient search', async () => {
    await signIn(page, 'nurse.demo');
    await page.getByRole('heading', { name: 'Find a patient' }).waitFor();
    expect(await page.getByRole('link', { name: 'Patients' }).isVisible(), 'no Patients link');
    await shot('02-search');
  });

  await step('the synthetic children\'s first names go with the sex their records give', async () => {
    const genders = await page.evaluate(async () => {
      const out = {};
      for (const name of ['Olivia', 'Liam']) {
        const bundle = await (await fetch(`/fhir/Patient?name=${name}&_count=100`)).json();
        out[name] = (bundle.entry ?? []).map((e) => e.resource.gender);
      }
      return out;
    });
    expect(genders.Olivia.length > 0 && genders.Liam.length > 0, `no demo child named Olivia or Liam: ${JSON.stringify(genders)}`);
    expect(genders.Olivia.every((g) => g === 'female'), `Olivia: ${genders.Olivia.join(', ')}`);
    expect(genders.Liam.every((g) => g === 'male'), `Liam: ${genders.Liam.join(', ')}`);
  });

  await step('finds a patient by MRN', async () => {
    await page.getByLabel('MRN', { exact: true }).fill('D1000000');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.results tbody tr').first().waitFor();
    expect((await page.locator('table.results tbody tr').count()) === 1, 'expected exactly one patient');
    await shot('03-results');
  });

  await step('finds the same patient by "Family, Given", by the name as shown, and by an MRN in small letters', async () => {
    const shown = (await page.locator('table.results tbody td a').first().textContent()).trim();  // "Given Family"
    const family = shown.split(' ').pop();
    const given = shown.split(' ')[0];
    await clearResults(page);
    await page.getByLabel('Name', { exact: true }).fill(`${family}, ${given}`);
    const answered = page.waitForResponse((r) => r.url().includes(`family=${encodeURIComponent(family)}`));
    await page.getByRole('button', { name: 'Search' }).click();
    const response = await answered;
    expect(response.status() === 200, `the name search answered ${response.status()}`);
    await page.locator('table.results tbody td', { hasText: 'D1000000' }).first().waitFor();
    expect((await page.getByRole('alert').count()) === 0, 'the search showed an error');
    // As the results and the chart show it: "Given Family".
    await clearResults(page);
    await page.getByLabel('Name', { exact: true }).fill(shown);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.results tbody td', { hasText: 'D1000000' }).first().waitFor();
    await clearResults(page);
    await page.getByLabel('MRN', { exact: true }).fill('d1000000');  // typed in small letters
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.results tbody td', { hasText: 'D1000000' }).first().waitFor();
    expect((await page.locator('table.results tbody tr').count()) === 1, 'expected exactly one patient');
  });

  await step('a search matching more than a page says so, and an empty one clears the results', async () => {
    const shown = (await page.locator('table.results tbody td a').first().textContent()).trim();
    await page.getByLabel('MRN', { exact: true }).fill('');
    await page.getByLabel('Name', { exact: true }).fill(shown.split(' ').pop().slice(0, 1));  // every family name with that letter
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.results caption', { hasText: 'more match' }).waitFor();
    expect((await page.locator('table.results tbody tr').count()) === 50, 'not the first 50');
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter an MRN' }).waitFor();
    expect((await page.locator('table.results').count()) === 0, 'the last results stayed under the message');
    await page.getByLabel('MRN', { exact: true }).fill('D1000000');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.results tbody td', { hasText: 'D1000000' }).first().waitFor();
  });

  await step('opens the chart: name, age in years and months, weight, pain chart', async () => {
    await page.locator('table.results tbody a').first().click();
    await page.getByRole('heading', { name: 'Pain scores' }).waitFor();
    const age = await page.getByTestId('age').textContent();
    expect(/^\d+ (y \d+ m|months?)$/.test(age), `age shown as "${age}"`);
    expect(/kg/.test(await page.getByTestId('weight').textContent()), 'no weight in kg');
    await page.locator('.chart canvas').first().waitFor();
    // This child's scores are from an earlier stay: the chart says so before anything else.
    await page.getByTestId('chart-stale').filter({ hasText: 'days ago' }).waitFor();
    await shot('04-chart');
  });

  await step('the tab is named after the child, the focus is on the name, and a half-typed score survives a stray click', async () => {
    const heading = (await page.locator('main h1').textContent()).trim();
    expect((await page.title()) === `${heading} · Relief`, `the tab is titled "${await page.title()}"`);
    expect((await page.evaluate(() => document.activeElement?.tagName)) === 'H1', 'the focus is not on the page heading');
    const score = page.getByLabel('Pain now, 0 (none) to 10 (worst)');
    await score.fill('4');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      d.dismiss();
    });
    await page.getByRole('link', { name: 'Patients' }).click();
    expect(asked.includes('not saved'), `no question before leaving the typed score: "${asked}"`);
    expect((await score.inputValue()) === '4', 'the typed score is gone');
    expect(page.url().includes('#/patients/'), 'left the chart although told to stay');
  });

  await step('records a pain score of 6 and sees it in the chart and the table', async () => {
    const before = await page.locator('.timeline li').count();
    await page.getByLabel('Pain now, 0 (none) to 10 (worst)').fill('6');
    await page.getByLabel('Reported by').selectOption('self');
    await page.getByRole('button', { name: 'Save score' }).click();
    await page.getByRole('status').filter({ hasText: /Saved: pain 6\/10 at / }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('.timeline li').length > n, before);
    expect((await page.locator('.timeline li').first().textContent()).includes('Pain (NRS): 6'), 'newest timeline entry is not the new score');
    // uPlot redraws the chart, legend and all, in an effect after the page has painted: until
    // then the legend is the old one, without the new series.
    await page.locator('.u-legend', { hasText: 'NRS (child)' }).waitFor({ timeout: 5000 }).catch(() => {});
    expect((await page.locator('.u-legend').textContent()).includes('NRS (child)'), 'no child NRS series in the chart legend');
    // The chart shows the week up to the newest score; this child's earlier stay is under All.
    const caption = page.locator('figure figcaption');
    expect((await caption.textContent()).includes('older'), 'the chart does not say that older scores are left out');
    await shot('05-recorded-chart');
    expect((await page.getByTestId('chart-stale').count()) === 0, 'a score just saved is called old');
    await page.getByRole('group', { name: 'Time shown' }).getByRole('button', { name: 'All' }).click();
    await page.waitForFunction(() => !document.querySelector('figure figcaption').textContent.includes('older'));
    await shot('05b-recorded-chart-all');
    await page.getByRole('button', { name: 'Table' }).click();
    const first = page.locator('table.observations tbody tr').first();
    expect((await first.locator('td').nth(2).textContent()) === '6', 'newest table row is not 6');
    expect((await first.locator('td').nth(3).textContent()) === 'child', 'reporter is not the child');
    await shot('06-recorded-table');
  });

  await step('an invalid score of 11 shows the server OperationOutcome message and saves nothing', async () => {
    const rows = await page.locator('table.observations tbody tr').count();
    await page.getByLabel('Pain now, 0 (none) to 10 (worst)').fill('11');
    await page.getByRole('button', { name: 'Save score' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text.includes('between 0 and 10') && text.includes('11 is out of range'), `alert says "${text}"`);
    expect((await page.locator('table.observations tbody tr').count()) === rows, 'a row was added');
    await shot('07-invalid-score');
  });

  await step('retracts the 6 charted in error from the table, with a reason', async () => {
    const first = page.locator('table.observations tbody tr').first();
    await first.getByRole('button', { name: /^Retract NRS 6 \(child, / }).click();
    const dialog = page.getByRole('dialog', { name: /^Retract NRS 6 \(child, / });
    await dialog.getByLabel('Why is it in error?').fill('typed for the wrong child');
    await dialog.getByRole('button', { name: 'Retract' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Table' }).click();
    await page.waitForFunction(() => document.querySelector('table.observations tbody tr td:nth-child(5)')?.textContent === 'entered-in-error');
    expect((await first.getByRole('button', { name: /^Retract/ }).count()) === 0, 'a retracted score still offers Retract');
    await shot('07b-score-retracted');
    // The timeline says it in words, not by strike-through alone.
    await page.locator('ol.timeline li.struck .retracted-tag', { hasText: 'entered in error' }).first().waitFor();
  });

  await step('administers FLACC with a live score and sees it in the chart', async () => {
    const age = await page.getByTestId('age').textContent();  // "3 y 2 m" or "18 months"
    const years = /months?$/.test(age) ? 0 : Number(age.split(' ')[0]);
    await page.getByRole('link', { name: 'New assessment' }).click();
    await page.getByTestId('recommendation').waitFor();
    // The self-report box starts ticked from 4 years only.
    await page.waitForFunction(
      (ticked) => document.querySelector('input[type=checkbox]')?.checked === ticked,
      years >= 4,
    );
    // The recommended scale's form and its first live score are on their way: chosen over before
    // they have come, FLACC's could be replaced by them when they answer last.
    if ((await page.getByTestId('recommendation').textContent()).startsWith('Recommended:'))
      await page.getByTestId('live-missing').waitFor();
    await page.getByLabel('Instrument').selectOption('flacc');
    // In FLACC's own form: the recommended FPS-R has an item named "face" too, and its form stays
    // on the page until FLACC's has loaded.
    const flacc = page.getByRole('form', { name: 'FLACC (Face, Legs, Activity, Cry, Consolability)', exact: true });
    const answered = (n) => page.getByTestId('live-missing').filter({ hasText: `${n} of 5 answered` }).waitFor();
    // Each answer is scored by the server as it is given: the next is given once the last score is
    // back, so that an earlier score answered late cannot stand in for a later one.
    await answered(0);
    // face 1 + legs 2 + activity 1 + cry 1: four of five answered, so not scored yet.
    for (const [n, [item, value]] of [['face', '1'], ['legs', '2'], ['activity', '1'], ['cry', '1']].entries()) {
      await flacc.getByRole('group', { name: item }).getByLabel(value, { exact: true }).check();
      await answered(n + 1);
    }
    await flacc.getByRole('group', { name: 'consolability' }).getByLabel('1', { exact: true }).check();
    await page.getByTestId('live-total').filter({ hasText: '6' }).waitFor();
    expect((await page.getByTestId('live-band').textContent()) === 'moderate pain', 'band is not moderate pain');
    await shot('08-assessment-live-score');
    // FLACC for a child the site's table recommends another scale for is an override: it is
    // charted only with its reason.
    if (await page.getByLabel(/Why this scale instead of/).isVisible()) {
      await page.getByRole('button', { name: 'Save to the chart' }).click();
      await page.getByRole('alert').filter({ hasText: 'Override reason' }).waitFor();
      await page.getByLabel(/Why this scale instead of/).fill('asleep after surgery, cannot self-report');
    }
    await page.getByRole('button', { name: 'Save to the chart' }).click();
    await page.getByTestId('saved-total').filter({ hasText: '6 (moderate pain)' }).waitFor();
    await page.getByRole('link', { name: 'Back to the chart' }).last().click();
    const row = page.locator('table.assessments tbody tr').first();
    await row.waitFor();
    expect((await row.textContent()).includes('FLACC') && (await row.locator('td').nth(4).textContent()).includes('6'),
      'the FLACC row does not show 6 under Clinician');
    await shot('09-assessment-in-chart');
  });

  await step('retracts the FLACC charted in error, with a reason, and it leaves the chart', async () => {
    const button = page.locator('table.assessments tbody tr').first().locator('td').nth(4).getByRole('button', { name: /^Retract FLACC.* 6 \(clinician, / });
    const administration = await button.getAttribute('data-administration');
    await button.click();
    const dialog = page.getByRole('dialog', { name: /^Retract FLACC.* 6 \(clinician, / });
    await dialog.getByRole('button', { name: 'Retract' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Say why' }).waitFor();
    await dialog.getByLabel('Why is it in error?').fill('charted for the wrong child');
    await shot('09b-retract-assessment');
    await dialog.getByRole('button', { name: 'Retract' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`[data-administration="${administration}"]`).waitFor({ state: 'detached' });
    const patientId = page.url().split('#/patients/')[1].split(/[/?]/)[0];
    const list = await (await page.request.get(`${base}/api/v1/patients/${patientId}/administrations?instrument=flacc`)).json();
    const retracted = list.administrations.find((a) => a.id === administration);
    expect(retracted && retracted.status === 'entered_in_error', `the administration is ${JSON.stringify(retracted)}`);
  });

  await step('on a 390-px phone the chart fits the screen: nothing scrolls sideways, Sign out is on screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.locator('ol.timeline li').first().waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide <= 390, `the page is ${wide} px wide on a 390-px screen`);
      const box = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390, `Sign out is at ${JSON.stringify(box)}`);
      // A timeline entry's text gets the screen's width, not a third of it.
      const text = await page.locator('ol.timeline li > span:not(.kind)').first().boundingBox();
      expect(text && text.width > 250, `a timeline entry's text is ${text?.width} px wide`);
      await shot('09c-phone-chart');
    } finally {
      await page.setViewportSize({ width: 1024, height: 768 });
    }
  });

  await step('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await shot('10-signed-out');
  });

  await step('a researcher sees no identified patient screen', async () => {
    await signIn(page, 'research.demo');
    await page.getByRole('heading', { name: 'Research' }).waitFor();
    expect(!(await page.getByRole('link', { name: 'Patients' }).isVisible()), 'researcher sees Patients');
    await page.goto(base + '/#/patients/anything');
    await page.getByRole('heading', { name: 'Research' }).waitFor();
    await shot('11-researcher');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await page.goBack();  // Back to the last user's page, under the sign-in form
    expect(page.url().endsWith('#/patients/anything'), `Back led to ${page.url()}`);
  });

  await step('an ended session asks for the password over the page and keeps what was typed', async () => {
    await signIn(page, 'nurse.demo');
    await page.getByRole('heading', { name: 'Find a patient' }).waitFor();  // not the researcher's last page
    expect(!page.url().includes('#/patients/anything'), `the nurse landed on ${page.url()}`);
    await context.clearCookies();
    await page.getByLabel('MRN', { exact: true }).fill('D1000001');
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.waitFor();
    expect((await dialog.textContent()).includes('Your session has ended'), 'the dialog does not say why');
    await shot('12-session-ended');
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await page.getByLabel('MRN', { exact: true }).inputValue()) === 'D1000001', 'the MRN typed before the session ended was lost');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.results tbody td', { hasText: 'D1000001' }).first().waitFor();
  });

  await step('a sign-in as someone else in another tab takes this page\'s session, and the page says so', async () => {
    const other = await context.newPage();
    await other.goto(base + '/');
    await other.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    // This page asks who is signed in now after each change in the other tab: the sign-in is made
    // once it has the answer to the sign-out, which could otherwise come last and stand.
    await dialog.filter({ hasText: 'You signed out in another tab' }).waitFor();
    await other.getByLabel('Username').fill('dr.demo');
    await other.getByLabel('Password').fill(password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('heading', { name: 'Find a patient' }).waitFor();
    await dialog.filter({ hasText: 'dr.demo signed in in another tab' }).waitFor();
    // Escape, which cancels every other dialog, must not throw this page away.
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible(), 'Escape closed the sign-in dialog and left the page');
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await page.getByLabel('MRN', { exact: true }).inputValue()) === 'D1000001', 'the page was not kept');
    await other.close();
  });

  await step('signing out from that dialog returns to the sign-in page', async () => {
    await context.clearCookies();
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    // Exact: the dialog's own heading, "Sign in again", is there until the sign-out is answered.
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await page.getByText('You have signed out.').waitFor();
  });
});
