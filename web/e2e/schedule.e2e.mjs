// End-to-end: a coordinator on a 1024-px tablet opens the schedule board, loads the demo unit,
// solves it, sees the day by patient and by staff member, reports a sick call and sees the moved
// sessions highlighted, and opens one child's printable day (screenshot in print media). Then the
// unit's own file: a broken one is explained field by field, a two-day one opens, solves, is saved
// as a plan (a real download) and the saved plan opens again on a fresh board.
// Runs the real server (`relief serve --demo`) on a free loopback port and Debian's Chromium.
import { readFile } from 'node:fs/promises';
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
    await see(page.getByRole('heading', { name: 'Rehab schedule', level: 1 }),
      'the "Rehab schedule" heading (is #/schedule routed to SchedulePage in web/src/app.tsx?)');
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
    const options = page.getByLabel('Staff member off sick this day').locator('option');
    expect((await options.count()) > 1, 'nobody to report sick');
    const value = await options.nth(1).getAttribute('value');
    await page.getByLabel('Staff member off sick this day').selectOption(value);
    await page.getByRole('button', { name: 'Repair the day' }).click();
    await see(page.getByRole('status').filter({ hasText: 'is off sick' }), 'the repair message', 30_000);
    const moved = await page.locator('.schedule-block.moved').count();
    const listed = await page.getByRole('list', { name: 'Changed sessions' }).locator('li').count();
    expect(listed > 0, 'the repair lists no changed session');
    expect(moved > 0 || (await page.getByRole('list', { name: 'Changed sessions' }).textContent()).includes('dropped'),
      'no session is highlighted as moved and none was dropped');
    const rowOfSick = page.locator(`.schedule-row[data-row="${value}"]`);
    // They stay on the board, marked sick, with none of their sessions left.
    expect((await rowOfSick.locator('.schedule-block').count()) === 0, `the sick staff member ${value} still has sessions on the board`);
    expect((await rowOfSick.locator('.schedule-away', { hasText: 'Sick' }).count()) === 1, `${value} is not marked sick on the board`);
    // On the row's own line, beside the name, not pushed onto a second line under it.
    const [nameBox, awayBox] = [await rowOfSick.locator('.schedule-name').boundingBox(), await rowOfSick.locator('.schedule-away').boundingBox()];
    expect(Math.abs(awayBox.y - nameBox.y) < 8, `the sick band is drawn ${awayBox.y - nameBox.y}px below its name`);
    // A keyboard user steps from session to session.
    const blocks = page.locator('.schedule-block');
    await blocks.first().focus();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('schedule-block')), 'a session cannot take the keyboard focus');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-session')) === (await blocks.nth(1).getAttribute('data-session')),
      'Tab does not go on to the next session');
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
    // A family needs the date, the room as it is signposted, and whom to call.
    const heading = await sheet.locator('h2').textContent();
    expect(/Monday \d{1,2} [A-Z][a-z]+ 20\d\d/.test(heading), `the sheet has no date: "${heading}"`);
    const text = await sheet.textContent();
    expect(!/\b(gym|therapy|classroom|recreation)\d+\b/.test(text), 'the sheet shows room codes');
    expect(/Call .*: 555-0142/.test(text), 'the sheet does not say whom to call');
    await page.emulateMedia({ media: 'print' });
    expect(!(await page.locator('header.top').isVisible()), 'the navigation shows in print');
    expect(!(await page.locator('.schedule-board').isVisible()), 'the board shows in print');
    expect(await sheet.isVisible(), 'the family sheet is hidden in print');
    await shot('schedule-05-family-print');
    await page.emulateMedia({ media: 'screen' });
    // On a parent's phone the sheet reads down the screen, nothing off its edge.
    const screen = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const over = await sheet.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(over <= 1, `the family sheet is ${over} px wider than its card on a 390-px phone`);
      await shot('schedule-05b-family-phone');
      // The board scrolled to the afternoon still names each row's child.
      await page.locator('.schedule-grid-wrap').evaluate((el) => { el.scrollLeft = 500; });
      const name = await page.locator('.schedule-grid [role="rowheader"]').first().boundingBox();
      const wrap = await page.locator('.schedule-grid-wrap').boundingBox();
      expect(name && wrap && name.x >= wrap.x - 1 && name.x < wrap.x + 10, `the first row's name is at ${JSON.stringify(name)} in ${JSON.stringify(wrap)}`);
      await page.locator('.schedule-grid-wrap').evaluate((el) => { el.scrollLeft = 0; });
    } finally {
      await page.setViewportSize(screen);
    }
  });

  // The coordinator's own unit: here a generated two-day unit with its children renamed, written
  // to a file as the coordinator would keep it.
  const own = await (await page.request.get(base + '/api/v1/schedule/demo?patients=4&staff=13&days=2&seed=7')).json();
  own.patients.forEach((p, i) => { p.name = ['Ada West', 'Ben West', 'Cleo West', 'Dev West'][i]; });
  const asFile = (name, value) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) });

  await step("a broken unit file is explained field by field", async () => {
    const broken = structuredClone(own);
    broken.slot_minutes = 7;
    await page.getByLabel("The unit's file (JSON)").setInputFiles(asFile('west-broken.json', broken));
    const problems = page.getByRole('list', { name: 'Problems' });
    await see(problems, 'the list of problems in the file');
    const text = await problems.textContent();
    expect(text.includes('slot_minutes'), `the problems do not name slot_minutes: "${text}"`);
    await shot('schedule-06-broken-unit-file');
  });

  let savedPlan;
  await step("opens the unit's own two-day file, solves it and saves the plan", async () => {
    await page.getByLabel("The unit's file (JSON)").setInputFiles(asFile('west.json', own));
    await see(page.getByRole('status').filter({ hasText: 'west.json opened: 4 children' }), 'the "west.json opened" message');
    expect((await page.getByRole('alert').count()) === 0, 'the error of the broken file is still shown');
    await page.getByLabel('Time limit (s)').fill('3');
    await page.getByRole('button', { name: 'Solve', exact: true }).click();
    await see(page.getByRole('status').filter({ hasText: 'Solved:' }), 'the "Solved" message', 60_000);
    const names = await page.locator('.schedule-row[data-row] .schedule-name').allTextContents();
    expect(names.some((n) => n.includes('Ada West')), `the board's rows are ${names.join(', ')}`);
    // The unit's file has dates: the day list and the board's heading show them.
    await page.getByLabel('Day', { exact: true }).selectOption({ label: `${own.days[1]} ${own.dates[1]}` });
    await see(page.getByRole('heading', { name: /^Tuesday \d{1,2} [A-Z][a-z]+ 20\d\d: the day$/ }), 'the second day of the unit, by its date');
    expect((await page.locator('.schedule-block').count()) > 0, 'the second day has no session');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save plan' }).click()]);
    expect(download.suggestedFilename() === 'west-plan.json', `the plan is saved as ${download.suggestedFilename()}`);
    savedPlan = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(savedPlan.format === 'relief-schedule-plan/1', `the saved file's format is ${savedPlan.format}`);
    expect(savedPlan.sessions.some((s) => s.day === 1), 'the saved plan has no session on the second day');
    await shot('schedule-07-own-unit-solved');
  });

  await step('the saved plan opens again on a fresh board, checked by the validator', async () => {
    await page.reload();
    await see(page.getByRole('heading', { name: 'Rehab schedule', level: 1 }), 'the schedule page after a reload');
    await page.getByLabel("The unit's file (JSON)").setInputFiles(asFile('west.json', own));
    await see(page.getByRole('status').filter({ hasText: 'west.json opened' }), 'the unit opened again');
    await page.getByLabel('A saved plan (JSON)').setInputFiles(asFile('west-plan.json', savedPlan));
    await see(page.getByRole('status').filter({ hasText: 'every hard rule kept' }), 'the saved plan, checked');
    const onBoard = await page.locator('.schedule-block').count();
    const day0 = savedPlan.sessions.filter((s) => s.day === 0).length;
    expect(onBoard >= day0, `the board shows ${onBoard} blocks for the ${day0} sessions of the first day`);
    await page.getByRole('button', { name: 'Printable day' }).click();
    // The note is looked for on the sheet, so the sheet must be there first: on no sheet at all
    // the count is 0 too.
    await see(page.locator('.family-sheet'), 'the family sheet');
    expect((await page.locator('.family-sheet .family-note').count()) === 0, "the unit's own file is labelled synthetic on paper");
  });

  await step('a child off the unit for a procedure: the day is repaired around it', async () => {
    const overlaps = (title) => {
      const m = /(\d\d:\d\d)–(\d\d:\d\d)/.exec(title ?? '');
      return m !== null && m[1] < '10:30' && m[2] > '09:00';
    };
    // A child with a session between 09:00 and 10:30 today.
    let away = null;
    for (const row of await page.locator('.schedule-row[data-row]').all()) {
      const titles = await row.locator('.schedule-block').evaluateAll((els) => els.map((e) => e.title));
      if (titles.some(overlaps)) { away = await row.getAttribute('data-row'); break; }
    }
    expect(away !== null, 'no child has a session between 09:00 and 10:30');
    await page.getByLabel('Child away (a procedure, an appointment)').selectOption(away);
    await page.getByLabel('Away from').fill('09:00');
    await page.getByLabel('Back at').fill('10:30');
    await page.getByRole('button', { name: 'Repair around it' }).click();
    await see(page.getByRole('status').filter({ hasText: /is off the unit (on \w+ )?09:00–10:30/ }), 'the repair message', 30_000);
    const titles = await page.locator(`.schedule-row[data-row="${away}"] .schedule-block`).evaluateAll((els) => els.map((e) => e.title));
    expect(!titles.some(overlaps), `the child still has a session while away: ${titles.filter(overlaps).join('; ')}`);
    expect((await page.getByRole('list', { name: 'Changed sessions' }).locator('li').count()) > 0, 'the repair lists no change');
    const shownAway = await page.locator(`.schedule-row[data-row="${away}"] .schedule-away`).getAttribute('title');
    expect(shownAway === 'Off the unit: 09:00–10:30', `the board shows the time away as "${shownAway}"`);
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save the changed unit' }).click()]);
    const changedUnit = JSON.parse(await readFile(await download.path(), 'utf8'));
    const blocks = changedUnit.patients.find((p) => p.id === away).blocks;
    expect(blocks.some((b) => b.from === '09:00' && b.to === '10:30'), `the saved unit does not keep the time away: ${JSON.stringify(blocks)}`);
    await shot('schedule-08-child-off-unit');
  });

  await step('asks why doses are short and reads the conflicts', async () => {
    // Ada has a procedure almost all of both days: some of her sessions cannot be given.
    const tight = structuredClone(own);
    const ada = tight.patients[0];
    ada.blocks = tight.days.map((_, day) => ({ day, from: '09:00', to: '17:30', label: 'Procedure' }));
    await page.getByLabel("The unit's file (JSON)").setInputFiles(asFile('west-tight.json', tight));
    await see(page.getByRole('status').filter({ hasText: 'west-tight.json opened' }), 'the tight unit opened');
    await page.getByLabel('Time limit (s)').fill('2');
    await page.getByRole('button', { name: 'Solve', exact: true }).click();
    await see(page.getByRole('status').filter({ hasText: 'Solved:' }), 'the "Solved" message', 60_000);
    await page.locator('.schedule-shortfalls summary').click();
    await page.getByRole('button', { name: 'Why are they short?' }).click();
    const why = page.getByRole('list', { name: 'Why doses are short' });
    await see(why, 'the explanation', 60_000);
    const lines = await why.locator('li').allTextContents();
    expect(lines.some((l) => l.includes(ada.id) || l.includes(ada.name)), `no line of the explanation is about ${ada.name}: ${lines.join(' | ')}`);
    await shot('schedule-09-why-short');
  });
});
