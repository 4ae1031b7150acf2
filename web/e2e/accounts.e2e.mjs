// End-to-end: an admin adds a new starter, who signs in at another workstation; the admin
// disables the account and the nurse's open page asks for a password that no longer works; the
// admin enables it and resets the password; the nurse changes it to their own on My account.
import { expect, password, runE2E, see } from './harness.mjs';

async function signIn(page, username, secret = password) {
  // Exact labels: "Password" is also part of "Current password" and "New password again" on My
  // account, and the "Sign in again" dialog has a Username and a Password of its own.
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

await runE2E('accounts', async ({ page, context, base, step, shot }) => {
  const browser = context.browser();
  const nurseContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const nurse = await nurseContext.newPage();
  page.on('dialog', (d) => d.accept()); // "Disable new.nurse?"

  await step('an admin sees every account on the Accounts page', async () => {
    await page.goto(base + '/');
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await see(page.locator('table.accounts td', { hasText: 'nurse.demo' }), 'the demo nurse in the list');
    expect((await page.getByRole('button', { name: 'Disable admin' }).count()) === 0, 'an admin is offered to disable themselves');
  });

  await step('adding an account with a weak password says what is wrong, in words', async () => {
    await page.getByRole('button', { name: 'Add an account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.getByLabel('Username').fill('new.nurse');
    await dialog.getByLabel('Role').selectOption('nurse');
    await dialog.getByLabel(/First password/).fill('short');
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await see(dialog.getByRole('alert').filter({ hasText: 'Password:' }), 'the password problem');
    await dialog.getByLabel(/First password/).fill('Welcome-To-Ward-5');
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await page.getByText('new.nurse can now sign in.').waitFor();
    await see(page.locator('table.accounts td', { hasText: 'new.nurse' }), 'the new account in the list');
    await shot('accounts-01-list');
  });

  await step('the new nurse signs in at another workstation and starts a search', async () => {
    await nurse.goto(base + '/');
    await signIn(nurse, 'new.nurse', 'Welcome-To-Ward-5');
    await nurse.getByRole('heading', { name: 'Find a patient' }).waitFor();
    await nurse.getByLabel('MRN', { exact: true }).fill('D1000002');
  });

  await step('disabling the account signs the nurse out at their next action', async () => {
    await page.getByRole('button', { name: 'Disable new.nurse' }).click();
    await page.getByText('new.nurse is disabled and signed out.').waitFor();
    await nurse.getByRole('button', { name: 'Search' }).click();
    const dialog = nurse.getByRole('dialog', { name: 'Sign in again' });
    await dialog.waitFor();
    await dialog.getByLabel('Password').fill('Welcome-To-Ward-5');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await see(dialog.getByRole('alert').filter({ hasText: 'account is disabled' }), 'the refusal that says why');
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    // Exact: "Sign in" is also the start of the dialog's own heading, "Sign in again", which is
    // still there until the sign-out has been answered.
    await nurse.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await dialog.waitFor({ state: 'detached' });
  });

  await step('the admin enables the account and resets its password', async () => {
    await page.getByRole('button', { name: 'Enable new.nurse' }).click();
    await page.getByText('new.nurse can sign in again.').waitFor();
    await page.getByRole('button', { name: 'Reset the password of new.nurse' }).click();
    const dialog = page.getByRole('dialog', { name: 'New password for new.nurse' });
    await dialog.getByLabel(/New password/).fill('Temporary-From-IT-1');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await see(page.getByText(/new.nurse has a new password/), 'the reset confirmation');
  });

  await step('the nurse signs in with it and changes it to their own on My account', async () => {
    await signIn(nurse, 'new.nurse', 'Temporary-From-IT-1');
    await nurse.getByRole('link', { name: /new.nurse/ }).click();
    await nurse.getByRole('heading', { name: 'My account' }).waitFor();
    await nurse.getByLabel('Current password').fill('Temporary-From-IT-1');
    await nurse.getByLabel(/^New password \(/).fill('Only-I-Know-This-7');
    await nurse.getByLabel('New password again').fill('Only-I-Know-This-8');
    await nurse.getByRole('button', { name: 'Change password' }).click();
    await see(nurse.getByRole('alert').filter({ hasText: 'differ' }), 'the mismatch');
    await nurse.getByLabel('New password again').fill('Only-I-Know-This-7');
    await nurse.getByRole('button', { name: 'Change password' }).click();
    await nurse.getByText('Your password is changed.').waitFor();
    await shot('accounts-02-my-account');
    await nurse.getByRole('button', { name: 'Sign out' }).click();
    await signIn(nurse, 'new.nurse', 'Only-I-Know-This-7');
    await nurse.getByRole('heading', { name: 'Find a patient' }).waitFor();
  });
  await nurseContext.close();
});
