/** "Add my account": someone with edit rights gives their own account of who did what, kept beside everyone else's. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { extras, type OwnClaim } from '../api-extras.js';
import { api, type CaseView, type Problem } from '../api.js';
import {
  ANSWER_WORDS,
  OWN_CERTAINTY,
  STAGE_QUESTIONS,
  stageName,
} from '../case-extras/extras-words.js';
import { setFlash } from '../case-extras/flash.js';
import { canEdit, useWorkspace } from '../case-extras/use-workspace.js';
import '../case-extras/extras.css';
import { extraPaths } from '../extra-paths.js';
import { glossaryEntry } from '../glossary/glossary-words.js';
import { Term } from '../glossary/term.js';
import { paths } from '../paths.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { partyName } from '../reading/grid.js';
import { announce } from '../ui/announcer.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { LevelShape, WarningShape } from '../ui/shapes.js';
import {
  CERTAINTIES,
  LEVELS,
  STAGES,
  levelState,
  partyKindWords,
  sourceNamer,
  type Certainty,
  type Level,
  type Stage,
} from '../words.js';
import { NotFoundPage } from './not-found.page.js';

interface Answer {
  readonly level: Level;
  readonly certainty: Certainty;
  readonly note: string;
}

/** Answers of one part, by party and stage ("users|design"). */
type Answers = Readonly<Record<string, Answer>>;

const key = (party: string, stage: Stage) => `${party}|${stage}`;
const ownSource = (userId: string) => `self-report-${userId}`;

export function MyAccountPage({ workspace, caseId }: { workspace: string; caseId: string }) {
  const session = useSession();
  const info = useWorkspace(workspace);
  const [view, setView] = useState<CaseView | Problem>();
  useEffect(() => {
    let live = true;
    void api.case(workspace, caseId).then((r) => live && setView(r.ok ? r.value : r.problem));
    return () => {
      live = false;
    };
  }, [workspace, caseId]);

  if (!session.loaded || view === undefined || info === undefined)
    return (
      <Page title="Add my account" busy>
        <p aria-busy="true">Loading the case…</p>
      </Page>
    );
  if ('status' in view)
    return (
      <NotFoundPage
        title="Case not found"
        detail={`There is no case “${caseId}” here, or you do not have access to it.`}
      />
    );
  if (!session.user || !canEdit(info))
    return (
      <Page title="Add my account">
        <p>
          Only people who may edit the cases of this workspace can add their own account of “
          {view.document.title}”.{' '}
          {session.user
            ? 'Ask an owner of the workspace to make you an editor.'
            : 'Sign in first, if you have an account here.'}
        </p>
        <p>
          {session.user ? null : (
            <>
              <Link
                href={`${paths.signIn}?next=${encodeURIComponent(extraPaths.myAccount(workspace, caseId))}`}
              >
                Sign in
              </Link>
              {' · '}
            </>
          )}
          <Link href={paths.case(workspace, caseId)}>Back to the case</Link>
        </p>
      </Page>
    );
  return (
    <AccountForm
      workspace={workspace}
      view={view}
      userId={session.user.id}
      userName={session.user.name}
      onReload={(next) => setView(next)}
    />
  );
}

function AccountForm({
  workspace,
  view,
  userId,
  userName,
  onReload,
}: {
  workspace: string;
  view: CaseView;
  userId: string;
  userName: string;
  onReload: (view: CaseView) => void;
}) {
  const { query } = useLocation();
  const document = view.document;
  const source = ownSource(userId);
  const nameOf = sourceNamer(document);
  const [partId, setPartId] = useState(
    () =>
      document.components.find((c) => c.id === query.get('part'))?.id ??
      document.components[0]?.id ??
      '',
  );
  const component = document.components.find((c) => c.id === partId) ?? document.components[0];
  const [partyId, setPartyId] = useState(
    () =>
      document.parties.find((p) => p.kind === 'service-users')?.id ?? document.parties[0]?.id ?? '',
  );
  // Answers for every part, prefilled with what this person said before.
  const [answers, setAnswers] = useState<Readonly<Record<string, Answers>>>(() =>
    Object.fromEntries(
      document.components.map((c) => [
        c.id,
        Object.fromEntries(
          c.roles
            .filter((r) => r.source === source)
            .map((r) => [
              key(r.party, r.stage),
              { level: r.level, certainty: r.certainty ?? 'reported', note: r.note ?? '' },
            ]),
        ),
      ]),
    ),
  );
  const [problem, setProblem] = useState<Problem>();
  const [conflict, setConflict] = useState<Problem>();
  const [reloaded, setReloaded] = useState<number>();
  const [busy, setBusy] = useState(false);
  const conflictBox = useRef<HTMLDivElement>(null);
  const reloadedNote = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (conflict) conflictBox.current?.focus();
  }, [conflict]);
  useEffect(() => {
    if (reloaded) reloadedNote.current?.focus();
  }, [reloaded]);

  if (!component) return null;
  const party = document.parties.find((p) => p.id === partyId) ?? document.parties[0];
  const partAnswers = answers[component.id] ?? {};
  const given = Object.entries(partAnswers);

  const setAnswer = (stage: Stage, answer: Answer | undefined) => {
    if (!party) return;
    const k = key(party.id, stage);
    const next: Record<string, Answer> = Object.fromEntries(
      Object.entries(partAnswers).filter(([other]) => other !== k),
    );
    if (answer) next[k] = answer;
    setAnswers({ ...answers, [component.id]: next });
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (given.length === 0) {
      setProblem({
        status: 0,
        title: 'Nothing to save',
        detail:
          'Choose a level for at least one stage first: what part did the party you chose have?',
        problems: [],
      });
      return;
    }
    const claims: OwnClaim[] = given.map(([k, a]) => {
      const [p = '', stage = 'design'] = k.split('|');
      return {
        party: p,
        stage: stage as Stage,
        level: a.level,
        certainty: a.certainty,
        ...(a.note.trim() ? { note: a.note.trim() } : {}),
      };
    });
    setBusy(true);
    const result = await extras.addMyAccount(workspace, view.id, view.revision, {
      component: component.id,
      claims,
    });
    setBusy(false);
    if (!result.ok) {
      if (result.problem.status === 409) {
        setProblem(undefined);
        setConflict(result.problem);
      } else setProblem(result.problem);
      return;
    }
    const saved = result.value;
    const savedPart = saved.document.components.find((c) => c.id === component.id);
    const disputed = claims.filter((c) =>
      savedPart?.roles.some(
        (r) =>
          r.party === c.party && r.stage === c.stage && r.source !== source && r.level !== c.level,
      ),
    ).length;
    setFlash(
      paths.case(workspace, view.id),
      `Your account is saved as revision ${saved.revision}: ${claims.length} ${claims.length === 1 ? 'answer' : 'answers'}, kept in your name beside everyone else’s. ` +
        (disputed > 0
          ? `It differs from another account in ${disputed === 1 ? 'one place' : `${disputed} places`}: the grid marks ${disputed === 1 ? 'it' : 'them'} “Disputed” with each account, and “What would change this reading” says what turns on who is right.`
          : 'Nowhere does it differ from another account.'),
    );
    announce('Your account is saved.');
    const partQuery =
      document.components.length > 1 && document.components[0]?.id !== component.id
        ? `?part=${encodeURIComponent(component.id)}`
        : '';
    navigate(`${paths.case(workspace, view.id)}${partQuery}`);
  };

  const reload = async () => {
    setBusy(true);
    const result = await api.case(workspace, view.id);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setConflict(undefined);
    onReload(result.value);
    setReloaded(result.value.revision);
  };

  return (
    <Page
      title={`Add my account: ${document.title}`}
      heading="Add my account"
      before={
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <ol>
            <li>
              <Link href={paths.case(workspace, view.id)}>{document.title}</Link>
            </li>
            <li aria-current="page">Add my account</li>
          </ol>
        </nav>
      }
    >
      <p className="lede">
        Were you there? Say who did what, as you saw it or lived it. Your account is saved in your
        name as <Term id="source-self-report">someone’s own account</Term>, beside what others have
        said. It never changes or removes anyone else’s account: where yours differs, the case shows
        both, marked “<Term id="disputed" />
        ”.
      </p>
      <p className="notice" id="own-account-name">
        Your answers are shown as “self-report by {userName}”, the name on your account, to everyone
        who can read this case: the members of this workspace, and anyone given a read-only link or
        an export of it. Nothing else about you is shown.
      </p>
      {conflict ? (
        <div className="problem conflict" role="alert" tabIndex={-1} ref={conflictBox}>
          <WarningShape />
          <div>
            <p>
              <strong>Someone saved this case while you were writing.</strong> {conflict.detail}
            </p>
            <p>
              Your answers are still here; nothing is lost. Load the latest version to see what is
              recorded now, check your answers against it, then save again.
            </p>
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => void reload()}
            >
              Load the latest version and keep my answers
            </button>
          </div>
        </div>
      ) : null}
      {reloaded ? (
        <p className="notice" tabIndex={-1} ref={reloadedNote}>
          Revision {reloaded} is loaded, with your answers kept. Check “Recorded now” under each
          stage, then save again.
        </p>
      ) : null}
      <ProblemAlert problem={problem} />
      <form onSubmit={(e) => void save(e)} noValidate className="stack account-form">
        {document.components.length > 1 ? (
          <div className="field">
            <label htmlFor="account-part">Which part of the initiative?</label>
            <p className="hint" id="account-part-hint">
              An account is about one part. Save it, then come back for another part.
            </p>
            <select
              id="account-part"
              value={component.id}
              aria-describedby="account-part-hint"
              onChange={(e) => setPartId(e.target.value)}
            >
              {document.components.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p>
            Your account is about <strong>{component.title}</strong>.
          </p>
        )}
        <div className="field">
          <label htmlFor="account-party">Whose part do you want to speak to?</label>
          <p className="hint" id="account-party-hint">
            Answer for the stages you know about, then choose another party if you like. Your
            answers for each party are kept.
          </p>
          <select
            id="account-party"
            value={party?.id ?? ''}
            aria-describedby="account-party-hint"
            onChange={(e) => setPartyId(e.target.value)}
          >
            {document.parties.map((p) => (
              <option key={p.id} value={p.id}>
                {partyName(p)} ({partyKindWords(p.kind)})
              </option>
            ))}
          </select>
        </div>

        {party ? (
          <>
            <h2 id="stages-heading">What part did “{partyName(party)}” have?</h2>
            <p>
              For each stage, choose what you know, or leave it at “I won’t say”. Nothing you leave
              is saved, and nothing anyone else said is changed.
            </p>
            <AnswerKey />
            {STAGES.map((stage) => (
              <StageQuestion
                key={`${component.id}-${party.id}-${stage}`}
                stage={stage}
                partyLabel={partyName(party)}
                recorded={component.roles
                  .filter((r) => r.party === party.id && r.stage === stage)
                  .map((r) => ({
                    level: r.level,
                    who:
                      r.source === source
                        ? 'your earlier account'
                        : r.source === undefined
                          ? 'no source'
                          : nameOf(r.source),
                  }))}
                answer={partAnswers[key(party.id, stage)]}
                onChange={(a) => setAnswer(stage, a)}
              />
            ))}
          </>
        ) : null}

        <section aria-labelledby="your-account-heading" className="account-summary">
          <h2 id="your-account-heading">Your account, before you save</h2>
          {given.length === 0 ? (
            <p>You have not answered anything yet.</p>
          ) : (
            <ul>
              {given.map(([k, a]) => {
                const [p = '', stage = 'design'] = k.split('|');
                const who = document.parties.find((x) => x.id === p);
                return (
                  <li key={k}>
                    <LevelShape level={a.level} /> <strong>{who ? partyName(who) : p}</strong>,{' '}
                    {stageName(stage as Stage)}: {ANSWER_WORDS[a.level].toLowerCase()}
                    {a.certainty === 'reported' ? '' : ` (${a.certainty})`}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save my account'}
          </button>
          <Link href={paths.case(workspace, view.id)}>Cancel and go back to the case</Link>
        </div>
      </form>
    </Page>
  );
}

const meaningId = (level: Level): string => `answer-meaning-${level}`;

/** What each answer means, shown once above the stages; each stage's choice of that answer points
 * here (aria-describedby), so screen readers hear the meaning on every choice without a tab stop. */
function AnswerKey() {
  return (
    <section aria-labelledby="answer-key-heading" className="answer-key">
      <h3 id="answer-key-heading">What the answers mean</h3>
      <dl>
        {LEVELS.map((level) => (
          <div key={level}>
            <dt>
              <LevelShape level={level} /> {ANSWER_WORDS[level]}
            </dt>
            <dd id={meaningId(level)}>{glossaryEntry(`level-${level}`).meaning}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function StageQuestion({
  stage,
  partyLabel,
  recorded,
  answer,
  onChange,
}: {
  stage: Stage;
  partyLabel: string;
  recorded: readonly { level: Level; who: string }[];
  answer: Answer | undefined;
  onChange: (answer: Answer | undefined) => void;
}) {
  const name = `level-${stage}`;
  const hintId = `${name}-recorded`;
  return (
    <fieldset className="account-stage" aria-describedby={hintId}>
      <legend>
        <span className="visually-hidden">{partyLabel}, </span>
        {stageName(stage)}: {STAGE_QUESTIONS[stage]}
      </legend>
      <p className="hint" id={hintId}>
        Recorded now:{' '}
        {recorded.length === 0
          ? 'nothing (not recorded)'
          : recorded.map((r) => `${levelState(r.level).toLowerCase()} (${r.who})`).join('; ')}
      </p>
      <div className="level-choices">
        <label className="level-choice">
          <input
            type="radio"
            name={name}
            value=""
            checked={answer === undefined}
            onChange={() => onChange(undefined)}
          />
          <span>I won’t say</span>
        </label>
        {LEVELS.map((level) => (
          <label className="level-choice" key={level}>
            <input
              type="radio"
              name={name}
              value={level}
              checked={answer?.level === level}
              aria-describedby={meaningId(level)}
              onChange={() =>
                onChange({
                  level,
                  certainty: answer?.certainty ?? 'reported',
                  note: answer?.note ?? '',
                })
              }
            />
            <LevelShape level={level} />
            <span>{ANSWER_WORDS[level]}</span>
          </label>
        ))}
      </div>
      {answer ? (
        <div className="account-detail">
          <div className="field">
            <label htmlFor={`${name}-certainty`}>How sure are you?</label>
            <select
              id={`${name}-certainty`}
              value={answer.certainty}
              onChange={(e) => onChange({ ...answer, certainty: e.target.value as Certainty })}
            >
              {CERTAINTIES.map((c) => (
                <option key={c} value={c}>
                  {OWN_CERTAINTY[c]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${name}-note`}>A note (optional)</label>
            <p className="hint" id={`${name}-note-hint`}>
              What you remember, or where it is written down. Leave out anything that could identify
              a patient or anyone else, such as names, diagnoses or dates.
            </p>
            <textarea
              id={`${name}-note`}
              rows={2}
              maxLength={5000}
              value={answer.note}
              aria-describedby={`${name}-note-hint`}
              onChange={(e) => onChange({ ...answer, note: e.target.value })}
            />
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
