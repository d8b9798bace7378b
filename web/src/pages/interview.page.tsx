/**
 * The interview: a case recorded (or changed) one question at a time, in plain words, saved as a
 * draft at every step; the YAML of the same draft is one tab away for experts.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { LIBRARY, paths } from '../paths.js';
import { Link, navigate, takeMoved, useLocation } from '../router.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { WarningShape } from '../ui/shapes.js';
import {
  AboutStep,
  LabelStep,
  PartiesStep,
  PartsStep,
  SourcesStep,
  aboutStepMistakes,
} from '../interview/case-steps.js';
import { components, type DraftCase } from '../interview/document.js';
import { ErrorSummary, type Mistake } from '../interview/fields.js';
import { PartStepView } from '../interview/part-steps.js';
import { ReadingSoFar } from '../interview/reading-so-far.js';
import { ReviewStep } from '../interview/review-step.js';
import { StageStep, type SourceMemory } from '../interview/stage-step.js';
import {
  PART_STEP_WORDS,
  STAGE_QUESTIONS,
  allSteps,
  findStep,
  stepKey,
  stepTitle,
  type Step,
} from '../interview/steps.js';
import { useDraft, type DraftState, type SaveStatus } from '../interview/use-draft.js';
import { YamlView } from '../interview/yaml-view.js';
import { fromYaml, toYaml } from '../interview/yaml-text.js';
import '../interview/interview.css';
import { draftPath, draftsPath } from '../interview/paths.js';
import { NotFoundPage } from './not-found.page.js';

export default function InterviewPage({
  workspace,
  draftId,
}: {
  workspace: string;
  draftId: string;
}) {
  const state = useDraft(workspace, draftId);
  if (state === undefined)
    return (
      <Page title="Loading your draft" busy>
        <p aria-busy="true">Loading your draft…</p>
      </Page>
    );
  if (!('draft' in state)) {
    if (state.status === 404 || state.status === 403 || state.status === 401)
      return (
        <NotFoundPage
          title="Draft not found"
          detail="There is no draft of yours here: it may have been published or thrown away. Your drafts are listed under “Your drafts” in the workspace."
        />
      );
    return (
      <Page title="The draft could not be opened">
        <ProblemAlert problem={state} />
      </Page>
    );
  }
  return <Interview workspace={workspace} state={state} />;
}

function stepQuestion(step: Step): string {
  switch (step.kind) {
    case 'about':
      return 'What is the initiative?';
    case 'sources':
      return 'Where does your information come from?';
    case 'parties':
      return 'Who took part?';
    case 'parts':
      return 'Is it one thing, or several parts?';
    case 'stage':
      return STAGE_QUESTIONS[step.stage].question;
    case 'part':
      return PART_STEP_WORDS[step.step].question;
    case 'label':
      return 'What does it call itself?';
    case 'review':
      return 'Check and publish';
  }
}

function Interview({ workspace, state }: { workspace: string; state: DraftState }) {
  const { draft, doc, change } = state;
  const { query } = useLocation();
  const isEdit = draft.case !== null;
  const steps = useMemo(() => allSteps(doc), [doc]);
  // The address says the step; arriving without one, the draft's own resume point does.
  const key = query.get('step') ?? draft.step;
  const step = findStep(doc, key);
  const current = stepKey(step);
  const index = steps.findIndex((s) => stepKey(s) === current);
  const view = query.get('view') === 'yaml' ? 'yaml' : 'interview';
  const [mistakes, setMistakes] = useState<Mistake[]>([]);
  const [yamlText, setYamlText] = useState<string | null>(view === 'yaml' ? toYaml(doc) : null);
  const [switchProblem, setSwitchProblem] = useState<string>();
  const [lastSource, setLastSource] = useState<string>();
  const memory: SourceMemory = useMemo(
    () => ({ last: lastSource, remember: setLastSource }),
    [lastSource],
  );
  const heading = useRef<HTMLHeadingElement>(null);

  const { rememberStep } = state;
  useEffect(() => rememberStep(current), [rememberStep, current]);

  // Each new step (and arriving from elsewhere) puts the focus on its question.
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const first = shown.current === null;
    shown.current = current;
    if (view !== 'interview') return;
    // Arriving from another page, the page's own heading has just taken the focus: the question takes it.
    const arrived = takeMoved() !== null || document.activeElement?.tagName === 'H1';
    if (arrived || !first) heading.current?.focus();
  }, [current, view]);

  const href = (next: Step, nextView = view) => {
    const q = new URLSearchParams();
    q.set('step', stepKey(next));
    if (nextView === 'yaml') q.set('view', 'yaml');
    return draftPath(workspace, draft.id, q);
  };

  const goTo = (next: Step) => {
    if (step.kind === 'about') {
      const found = aboutStepMistakes(doc);
      if (found.length > 0 && stepKey(next) !== 'about') {
        setMistakes(found);
        return;
      }
    }
    setMistakes([]);
    void state.flush();
    navigate(href(next, 'interview'));
  };

  const toYamlView = () => {
    setSwitchProblem(undefined);
    setYamlText(toYaml(doc));
    navigate(href(step, 'yaml'), { replace: true });
  };
  const toInterview = () => {
    if (yamlText !== null) {
      const read = fromYaml(yamlText);
      if (!read.ok) {
        setSwitchProblem(
          `${read.line !== undefined ? `Line ${read.line}${read.column !== undefined ? `, column ${read.column}` : ''}: ` : ''}${read.message}`,
        );
        return;
      }
      change(read.doc);
      setSwitchProblem(undefined);
      setYamlText(null);
      navigate(href(findStep(read.doc, current), 'interview'), { replace: true });
      return;
    }
    setSwitchProblem(undefined);
    navigate(href(step, 'interview'), { replace: true });
  };
  const discardYaml = () => {
    setSwitchProblem(undefined);
    setYamlText(null);
    navigate(href(step, 'interview'), { replace: true });
  };

  const title = doc.title?.trim() || 'a new initiative';
  const pageTitle = isEdit
    ? `Changing “${title}”`
    : `Recording ${doc.title ? `“${title}”` : title}`;
  const several = components(doc).length > 1;
  const partName = (part: number) =>
    several ? `Part ${part + 1}: ${components(doc)[part]?.title ?? ''}` : undefined;
  const prev = steps[index - 1];
  const next = steps[index + 1];

  return (
    <Page
      title={pageTitle}
      before={
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <ol>
            <li>
              <Link href={paths.workspace(workspace)}>
                {workspace === LIBRARY ? 'Case library' : 'Workspace'}
              </Link>
            </li>
            <li>
              <Link href={draftsPath(workspace)}>Your drafts</Link>
            </li>
            <li aria-current="page">{doc.title?.trim() || 'New initiative'}</li>
          </ol>
        </nav>
      }
    >
      <div className="interview-top">
        <p className="meta">
          {isEdit
            ? `A change to the published case, from its revision ${draft.baseRevision ?? ''}. Nothing changes for others until you publish.`
            : 'Saved as a draft as you go: only you can see it until you publish it.'}
        </p>
        <SaveLine status={state.status} retry={() => void state.flush()} />
      </div>
      <Tabs view={view} onInterview={toInterview} onYaml={toYamlView} />
      {switchProblem ? (
        <div className="problem" role="alert">
          <WarningShape />
          <div>
            <p>
              <strong>The interview can’t show this YAML yet.</strong> {switchProblem}
            </p>
            <p>
              Put the mistake right, or{' '}
              <button type="button" className="link-button" onClick={discardYaml}>
                throw away your YAML changes since the last save
              </button>
              .
            </p>
          </div>
        </div>
      ) : null}
      {view === 'yaml' && yamlText !== null ? (
        <div role="tabpanel" id="panel-yaml" aria-labelledby="tab-yaml" className="tab-panel">
          <YamlView text={yamlText} onText={setYamlText} onDoc={change} />
        </div>
      ) : (
        <div
          role="tabpanel"
          id="panel-interview"
          aria-labelledby="tab-interview"
          className="tab-panel"
        >
          <div className="interview-layout">
            <StepsNav steps={steps} current={current} href={href} goTo={goTo} doc={doc} />
            <section className="step" aria-labelledby="step-heading">
              <p className="step-count">
                Step {index + 1} of {steps.length}
                {'part' in step ? (partName(step.part) ? ` · ${partName(step.part)}` : '') : ''}
              </p>
              <h2 id="step-heading" ref={heading} tabIndex={-1}>
                {stepQuestion(step)}
              </h2>
              {step.kind === 'stage' ? (
                <p className="hint lead-hint">{STAGE_QUESTIONS[step.stage].hint}</p>
              ) : null}
              <ErrorSummary mistakes={mistakes} />
              <StepBody
                key={current}
                step={step}
                doc={doc}
                change={change}
                isEdit={isEdit}
                memory={memory}
                showMistakes={mistakes.length > 0}
                workspace={workspace}
                state={state}
                goTo={goTo}
              />
              <div className="step-nav">
                {prev ? (
                  <button type="button" className="button secondary" onClick={() => goTo(prev)}>
                    ← Back<span className="visually-hidden">: {stepTitle(prev)}</span>
                  </button>
                ) : (
                  <span />
                )}
                {next ? (
                  <button type="button" className="button primary" onClick={() => goTo(next)}>
                    {step.kind === 'about' && mistakes.length > 0
                      ? 'Continue'
                      : 'Save and continue'}
                  </button>
                ) : null}
              </div>
            </section>
            {step.kind !== 'review' ? (
              <ReadingSoFar
                doc={doc}
                problems={state.checked.problems}
                analysis={state.checked.analysis}
                goTo={goTo}
              />
            ) : null}
          </div>
        </div>
      )}
    </Page>
  );
}

function StepBody({
  step,
  doc,
  change,
  isEdit,
  memory,
  showMistakes,
  workspace,
  state,
  goTo,
}: {
  step: Step;
  doc: DraftCase;
  change: (doc: DraftCase) => void;
  isEdit: boolean;
  memory: SourceMemory;
  showMistakes: boolean;
  workspace: string;
  state: DraftState;
  goTo: (step: Step) => void;
}) {
  switch (step.kind) {
    case 'about':
      return <AboutStep doc={doc} change={change} fixedId={isEdit} showMistakes={showMistakes} />;
    case 'sources':
      return <SourcesStep doc={doc} change={change} />;
    case 'parties':
      return <PartiesStep doc={doc} change={change} />;
    case 'parts':
      return <PartsStep doc={doc} change={change} />;
    case 'stage':
      return (
        <StageStep doc={doc} change={change} part={step.part} stage={step.stage} memory={memory} />
      );
    case 'part':
      return <PartStepView doc={doc} change={change} part={step.part} step={step.step} />;
    case 'label':
      return <LabelStep doc={doc} change={change} />;
    case 'review':
      return <ReviewStep workspace={workspace} state={state} goTo={goTo} />;
  }
}

function SaveLine({ status, retry }: { status: SaveStatus; retry: () => void }) {
  return (
    <div className="save-line">
      <p className="save-status" role="status">
        {status.kind === 'saved' ? (
          <>
            <span aria-hidden="true">✓ </span>Saved
          </>
        ) : status.kind === 'failed' ? (
          <>
            <WarningShape /> Not saved: {status.problem.detail}
          </>
        ) : null}
      </p>
      {status.kind === 'pending' || status.kind === 'saving' ? (
        <p className="save-status saving" aria-hidden="true">
          Saving…
        </p>
      ) : null}
      {status.kind === 'failed' ? (
        <button type="button" className="button secondary" onClick={retry}>
          Try saving again
        </button>
      ) : null}
    </div>
  );
}

function Tabs({
  view,
  onInterview,
  onYaml,
}: {
  view: 'interview' | 'yaml';
  onInterview: () => void;
  onYaml: () => void;
}) {
  const keys = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (
      event.key !== 'ArrowRight' &&
      event.key !== 'ArrowLeft' &&
      event.key !== 'Home' &&
      event.key !== 'End'
    )
      return;
    event.preventDefault();
    const toYaml = view === 'interview';
    if (toYaml) onYaml();
    else onInterview();
    window.setTimeout(
      () => document.getElementById(toYaml ? 'tab-yaml' : 'tab-interview')?.focus(),
      0,
    );
  };
  return (
    <div role="tablist" aria-label="How to answer" className="tabs">
      <button
        type="button"
        role="tab"
        id="tab-interview"
        aria-selected={view === 'interview'}
        aria-controls="panel-interview"
        tabIndex={view === 'interview' ? 0 : -1}
        onClick={onInterview}
        onKeyDown={keys}
      >
        Interview
      </button>
      <button
        type="button"
        role="tab"
        id="tab-yaml"
        aria-selected={view === 'yaml'}
        aria-controls="panel-yaml"
        tabIndex={view === 'yaml' ? 0 : -1}
        onClick={onYaml}
        onKeyDown={keys}
      >
        YAML (for experts)
      </button>
    </div>
  );
}

function StepsNav({
  steps,
  current,
  href,
  goTo,
  doc,
}: {
  steps: readonly Step[];
  current: string;
  href: (step: Step) => string;
  goTo: (step: Step) => void;
  doc: DraftCase;
}) {
  const wide = window.matchMedia('(min-width: 60rem)').matches;
  const groups: { title: string; steps: Step[] }[] = [];
  for (const s of steps) {
    const title =
      'part' in s
        ? components(doc).length > 1
          ? `Part ${s.part + 1}: ${components(doc)[s.part]?.title ?? ''}`
          : 'Who did what, and how'
        : s.kind === 'label' || s.kind === 'review'
          ? 'Finishing'
          : 'The initiative';
    const last = groups[groups.length - 1];
    if (last && last.title === title) last.steps.push(s);
    else groups.push({ title, steps: [s] });
  }
  return (
    <nav className="steps-nav" aria-label="Steps of the interview">
      <details open={wide}>
        <summary>All steps</summary>
        {groups.map((g) => (
          <div key={g.title}>
            <h2 className="small-heading">{g.title}</h2>
            <ol>
              {g.steps.map((s) => {
                const key = stepKey(s);
                return (
                  <li key={key}>
                    <a
                      href={href(s)}
                      aria-current={key === current ? 'step' : undefined}
                      onClick={(event) => {
                        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                        event.preventDefault();
                        goTo(s);
                      }}
                    >
                      {stepTitle(s)}
                    </a>
                  </li>
                );
              })}
            </ol>
          </div>
        ))}
      </details>
    </nav>
  );
}
