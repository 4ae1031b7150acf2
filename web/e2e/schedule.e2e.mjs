// End-to-end: a coordinator on a 1024-px tablet opens the schedule board, loads the demo unit,
// solves it, sees the day by patient and by staff member, reports a sick call and sees the moved
// sessions highlighted, and opens one child's printable day (screenshot in print media).
// Runs the real server (`relief serve --demo`) on a free loopback port and Debian's Chromium.
import { expect, password, runE2E, see } from './harness.mjs';

await runE2E('schedule', async ({ page, base, step, shot }) => {
  await step('the coordinator signs in', async () => {
    await page.goto(base + '/');
    await see(page.getByRole('heading', { name: 'Sign in' }), 'the sign-in page');
    await page.getByLabel('Username').fill('coord.demo');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see(page.getByRole('button', { name: 'Sign out' }), 'the signed-in shell');
  });

  await step('the schedule page opens at #/schedule', async () => {
    const api = await page.request.get(base + '/api/v1/schedule/demo?patients=2&staff=13&days=1');
    expect(api.status() !== 404, 'GET /api/v1/schedule/demo answers 404: add_schedule_routes is not registered in src/http/app.cpp');
    await page.goto(base + '/#/schedule');
    await see(page.getByRole('heading', { name: 'Unit schedule' }),
      'the "Unit schedule" heading (is #/schedule routed to SchedulePage in web/src/app.tsx?)');
    await shot('schedule-01-empty');
  });

  await step('loads the demo unit and solves it', async () => {
    await page.getByLabel('Children').fill('8');
    await page.getByLabel('Staff', { exact: true }).fill('15');
    await page.getByLabel('Time limit (s)').fill('3');
    await page.getByRole('button', { name: 'Load demo unit' }).click();
    await see(page.getByRole('status').filter({ hasText: 'Demo unit loaded: 8 children' }), 'the "demo unit loaded" message');
    await page.getByRole('button', { name: 'Solve' }).click();
    await see(page.getByRole('status').filter({ hasText: 'Solved:' }), 'the "Solved" message', 60_000);
    await see(page.getByRole('table', { name: 'Schedule by patient' }), 'the board by patient');
    const rows = await page.locator('.schedule-row[data-row]').count();
    expect(rows === 8, `the board has ${rows} patient rows, expected 8`);
    const blocks = await page.locator('.schedule-block').count();
    expect(blocks > 8, `only ${blocks} session blocks on the board`);
    const legend = await page.getByRole('list', { name: 'Disciplines' }).textContent();
    expect(legend.includes('Physical therapy') && legend.includes('PT'), `the legend reads "${legend}"`);
    await shot('schedule-02-by-patient');
  });

  await step('switches to the staff view', async () => {
    await page.getByRole('button', { name: 'By staff' }).click();
    await see(page.getByRole('table', { name: 'Schedule by staff member' }), 'the board by staff member');
    const first = await page.locator('.schedule-row[data-row] .schedule-name').first().textContent();
    expect(/\(.+\)/.test(first), `a staff row is named "${first}" without a discipline`);
    await shot('schedule-03-by-staff');
  });

  await step('a sick call is repaired and the moved sessions are highlighted', async () => {
    const options = page.getByLabel('Staff member off sick today').locator('option');
    expect((await options.count()) > 1, 'nobody to report sick');
    const value = await options.nth(1).getAttribute('value');
    await page.getByLabel('Staff member off sick today').selectOption(value);
    await page.getByRole('button', { name: 'Repair the day' }).click();
    await see(page.getByRole('status').filter({ hasText: 'is off sick' }), 'the repair message', 30_000);
    const moved = await page.locator('.schedule-block.moved').count();
    const listed = await page.getByRole('list', { name: 'Changed sessions' }).locator('li').count();
    expect(listed > 0, 'the repair lists no changed session');
    expect(moved > 0 || (await page.getByRole('list', { name: 'Changed sessions' }).textContent()).includes('dropped'),
      'no session is highlighted as moved and none was dropped');
    const rowOfSick = page.locator(`.schedule-row[data-row="${value}"]`);
    expect((await rowOfSick.count()) === 0, `the sick staff member ${value} still has sessions on the board`);
    await shot('schedule-04-after-sick-call');
  });

  await step('opens one child\'s printable day, one page in print media', async () => {
    await page.getByRole('button', { name: 'By patient' }).click();
    await page.getByLabel('Child', { exact: true }).selectOption({ index: 0 });
    await page.getByRole('button', { name: 'Printable day' }).click();
    const sheet = page.locator('.family-sheet');
    await see(sheet, 'the family sheet');
    expect((await sheet.count()) === 1, 'more than one family sheet for one child');
    const times = await sheet.locator('.family-time').count();
    expect(times > 2, `the child's day lists ${times} entries`);
    expect(/\d{1,2}:\d{2} (am|pm)/.test(await sheet.locator('.family-time').first().textContent()), 'times are not in am/pm');
    await page.emulateMedia({ media: 'print' });
    expect(!(await page.locator('header.top').isVisible()), 'the navigation shows in print');
    expect(!(await page.locator('.schedule-board').isVisible()), 'the board shows in print');
    expect(await sheet.isVisible(), 'the family sheet is hidden in print');
    await shot('schedule-05-family-print');
    await page.emulateMedia({ media: 'screen' });
  });
});
