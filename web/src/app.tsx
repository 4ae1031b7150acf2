// The shell: sign-in gate, synthetic-data banner, role-aware navigation, and hash routes
// (#/patients, #/patients/ID) so the browser's back button works.
import { useEffect, useRef, useState } from 'preact/hooks';
import { can, currentUser, logout, request, SESSION_CHANGED_KEY, whenSignedOut, type User } from './api';
import { Banner } from './components/banner';
import { LoginPage } from './pages/login';
import { PatientSearchPage } from './pages/patient_search';
import { PatientChartPage } from './pages/patient_chart';
import { AssessmentPage } from './pages/assessment';
import { forgetBoard, SchedulePage } from './pages/schedule_board';
import { AcuteCensusPage } from './pages/acute_census';
import { AcuteStatisticsPage } from './pages/acute_statistics';
import { ResearchPage } from './pages/research';
import { AccountsPage } from './pages/accounts';
import { MyAccountPage } from './pages/my_account';
import { SessionExpiredDialog } from './components/session_expired_dialog';
import { hasUnsavedWork, LEAVE_QUESTION, warnBeforeLosingWork } from './unsaved_work';

interface Site {
  name: string;
  synthetic: boolean;
}

// After a sign-out in this tab, Back still holds the last user's pages: the next person to sign
// in here starts from the start page, not on a chart the last user had open (an outside review
// signed out, pressed Back, and the next user landed on that child). A link opened in a new tab
// still leads where it points.
const SIGNED_OUT_HERE = 'relief.signedOutHere';

function signedOutByHand() {
  sessionStorage.setItem(SIGNED_OUT_HERE, '1');
  location.hash = '';
}

function startFreshAfterASignOut() {
  if (!sessionStorage.getItem(SIGNED_OUT_HERE)) return;
  sessionStorage.removeItem(SIGNED_OUT_HERE);
  location.hash = '';
}

// Each page's heading names the tab (and the browser's history), and after a move to another
// page the focus goes to that heading, so a screen reader announces where the user now is
// instead of staying on a link that has gone. A page that loads first gets its heading focused
// when it appears, unless the user has already put the focus somewhere.
function usePageTitleAndFocus(main: { current: HTMLElement | null }, hash: string, signedIn: boolean) {
  const focusPending = useRef(false);
  const firstPage = useRef(true);
  useEffect(() => {
    const el = main.current;
    if (!el) return;
    const sync = () => {
      const h1 = el.querySelector<HTMLElement>('h1');
      const heading = h1?.textContent?.trim();
      const title = heading ? `${heading} · Relief` : 'Relief';
      if (document.title !== title) document.title = title;
      if (!focusPending.current || !h1) return;
      focusPending.current = false;
      const active = document.activeElement;
      if (active && active !== document.body && el.contains(active)) return; // the user is already in the page
      h1.setAttribute('tabindex', '-1');
      h1.focus();
    };
    if (firstPage.current) firstPage.current = false; // the first page: the focus stays where the browser puts it
    else focusPending.current = true;
    const frame = requestAnimationFrame(sync);
    const watch = new MutationObserver(sync);
    watch.observe(el, { subtree: true, childList: true, characterData: true });
    return () => {
      cancelAnimationFrame(frame);
      watch.disconnect();
    };
  }, [hash, signedIn]);
}

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [site, setSite] = useState<Site | null>(null);
  const [notice, setNotice] = useState('');
  const [expired, setExpired] = useState(''); // why the session ended while the page was open
  const signedIn = useRef<User | null>(null);
  signedIn.current = user ?? null;
  const hash = useHash();
  const main = useRef<HTMLElement>(null);
  usePageTitleAndFocus(main, hash, Boolean(user));
  useEffect(() => (user ? warnBeforeLosingWork() : undefined), [Boolean(user)]);

  function signOutLocally(reason: string) {
    setNotice(reason);
    setExpired('');
    forgetBoard();
    setUser(null);
  }

  useEffect(() => {
    // Mid-task, keep the page (and what is typed on it) and ask for the password over it.
    whenSignedOut((reason) => (signedIn.current ? setExpired(reason) : signOutLocally(reason)));
    request<Site>('GET', '/api/v1/site').then(setSite, () => setSite(null));
    currentUser().then(setUser);
    // Another tab signed in or out: this page must not go on reading under someone else's
    // session while its header names its own user.
    // Only the answer to the latest change counts: a sign-in then a sign-out elsewhere sends two
    // checks, and the first answering last would say the wrong one.
    let checks = 0;
    const onStorage = async (e: StorageEvent) => {
      const mine = signedIn.current;
      if (e.key !== SESSION_CHANGED_KEY || !mine) return;
      const check = ++checks;
      const now = await currentUser();
      if (check !== checks) return;
      if (now?.username === mine.username) setUser(now); // the same person: carry on with the new session
      else if (now) setExpired(`${now.username} signed in in another tab of this browser, so this page lost its session.`);
      else setExpired('You signed out in another tab of this browser.');
    };
    addEventListener('storage', onStorage);
    return () => removeEventListener('storage', onStorage);
  }, []);

  if (user === undefined) return <p class="loading">Loading…</p>;

  const header = (
    <>
      {site?.synthetic && <Banner />}
      <header class="top">
        <a class="brand" href="#/patients">
          Relief
        </a>
        <span class="site">{site?.name}</span>
        {user && (
          <nav aria-label="Main">
            {user.role !== 'researcher' && <a href="#/patients">Patients</a>}
            {user.role !== 'researcher' && <a href="#/acute">Acute census</a>}
            {user.role !== 'researcher' && <a href="#/schedule">Rehab schedule</a>}
            {user.role === 'researcher' && <a href="#/research">Research</a>}
            {user.role === 'admin' && <a href="#/accounts">Accounts</a>}
            <a class="who" href="#/me" title="My account: change my password">
              {user.username} <small>({user.role.replace('_', ' ')})</small>
            </a>
            <button
              type="button"
              onClick={async () => {
                if (hasUnsavedWork() && !confirm(LEAVE_QUESTION)) return;
                signedIn.current = null; // a 401 from this logout is no reason to ask for the password
                await logout().catch(() => {});
                signOutLocally('You have signed out.');
                signedOutByHand();
              }}
            >
              Sign out
            </button>
          </nav>
        )}
      </header>
    </>
  );

  if (!user)
    return (
      <>
        {header}
        <main ref={main}>
          <LoginPage
            notice={notice}
            onSignedIn={(u) => {
              setNotice('');
              startFreshAfterASignOut();
              setUser(u);
            }}
          />
        </main>
      </>
    );

  const chart = hash.match(/^#\/patients\/([A-Za-z0-9.-]+)$/);
  const assess = hash.match(/^#\/patients\/([A-Za-z0-9.-]+)\/assess(?:\/([a-z0-9-]+))?$/);
  let page;
  if (hash === '#/me') page = <MyAccountPage user={user} />;
  else if (user.role === 'researcher') page = <ResearchPage />;
  else if (hash === '#/accounts' && user.role === 'admin') page = <AccountsPage me={user.username} />;
  else if (hash === '#/schedule') page = <SchedulePage />;
  else if (hash === '#/acute') page = <AcuteCensusPage user={user} />;
  else if (hash === '#/acute/statistics') page = <AcuteStatisticsPage />;
  else if (assess && can(user, 'write_observation'))
    page = <AssessmentPage patientId={assess[1]} initial={assess[2]} key={hash} />;
  else if (assess) page = <PatientChartPage id={assess[1]} user={user} />; // nothing to record as this role
  else if (chart) page = <PatientChartPage id={chart[1]} user={user} />;
  else page = <PatientSearchPage />;
  return (
    <>
      {header}
      <main ref={main}>{page}</main>
      {expired && (
        <SessionExpiredDialog
          user={user}
          reason={expired}
          onSignedIn={(u) => {
            setExpired('');
            setUser(u);
          }}
          onSignOut={() => {
            signedIn.current = null;
            signOutLocally('You have signed out.');
            signedOutByHand();
          }}
        />
      )}
    </>
  );
}
