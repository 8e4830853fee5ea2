/**
 * Every word the participant's portal shows, in English: the source of the portal's catalogue
 * (docs/surfaces.md#portal-language, docs/decisions/023-portal-copy-catalogue.md). The `/p/…` pages, the
 * words the portal API answers with (`next.message`, the AI notice, refusals) and what `/p/portal.js`
 * shows all come from here; no portal file holds English of its own.
 *
 * Adding a string:
 * 1. Add it here, in the group of the page or rule that shows it, with a comment when the context is not
 *    obvious. Plain text only: the pages escape every string, so no HTML (split a sentence around markup).
 *    A sentence with a value in it is a function (`hello: (name: string) => …`); a date is formatted with
 *    `dates` so it reads in the copy's locale.
 * 2. Add it to every other language (`es.ts`, …): each is typed `PortalCopy`, so a missing key fails the
 *    typecheck until it is there.
 * 3. Use it as `copy.group.key` where `copy` is the participant's (`PortalAccess.copy` on the server,
 *    a `copy` parameter in the domain). A refusal a participant's own command can meet goes in `refusals`
 *    and is raised with `participantConflict(refusal('key', …args))` (refusal.ts).
 *
 * Adding a language: copy `es.ts` to `<tag>.ts`, translate every string, set `language` and the `dates`
 * locale, and list it in `COPIES` (pick.ts). A template whose `language` is that tag (or starts with it:
 * `pt` serves `pt-BR`) then gets it.
 */
import type { DomainErrorCode } from '../../errors.ts';
import type { InterviewEndedBy } from '../../interview/turns.ts';
import type { ParticipantStatus, SessionStatus } from '../../progression/entities.ts';
import type { StageType } from '../../schemas/stage.ts';
import type { SelfIdentifiedRaceEthnicity, SelfIdentifiedSex } from '../../self-identification/categories.ts';
import { dateWords } from './dates.ts';

type Ended = Exclude<ParticipantStatus, 'active'>;
/** Why a participant may not start their stage themselves (portal/sessions.ts). */
type StartRefusal = 'needs_consent' | 'team_run' | 'declined';

const dates = dateWords('en-GB');

const SESSION_STATE: Record<SessionStatus, string> = {
  scheduled: 'scheduled',
  in_progress: 'in progress',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** A session's state in "This session is …, so its interview is closed". */
const INTERVIEW_SESSION_STATE: Record<SessionStatus, string> = {
  scheduled: 'booked but not started',
  in_progress: 'under way',
  completed: 'finished',
  failed: 'stopped',
  cancelled: 'cancelled',
};

export const en = {
  /** The BCP-47 tag of these words: the pages' `<html lang>`, `language` in `GET /me`. */
  language: 'en',
  dates,

  /** Shared by several pages. */
  common: {
    back: 'Back to your evaluation',
    /** A session's stage when the stage has since left the template. */
    stageGone: 'A stage no longer in the evaluation',
  },

  /** `GET /p/{token}`: the Continue page, and the pages of a link that does not open. */
  link: {
    title: 'Continue to your evaluation',
    heading: 'Your evaluation',
    text: 'This private link opens your evaluation. Continue on this device to see where you stand.',
    continue: 'Continue',
    crossSiteTitle: 'Open your link directly',
    crossSiteText: 'Open the link you were sent in your browser, then press Continue.',
    unknown: {
      title: 'This link does not work',
      text: 'We could not find this link. Check that you opened the whole link from your message, or ask the team that sent it for a new one.',
    },
    expired: {
      title: 'This link has expired',
      text: 'Links to your evaluation work for a limited time. Ask the team that sent it for a new one.',
    },
    revoked: {
      title: 'This link is no longer valid',
      text: 'The team replaced or withdrew this link. If you were sent a newer one, use that; otherwise ask them for a new link.',
    },
  },

  /** A portal page without the participant's session cookie. */
  signedOut: {
    title: 'Open your link again',
    home: 'Your session has ended, or this device has not opened your link yet. Open the link you were sent to continue.',
    elsewhere: 'Open the link you were sent, then continue from there.',
  },

  /** The 429 page. */
  tooMany: {
    title: 'Too many requests',
    text: 'Please wait a minute, then reload this page.',
  },

  /** `/p/`: the portal itself. */
  home: {
    title: 'Your evaluation',
    hello: (name: string) => `Hello ${name}`,
    /** Before the template's name: "Your evaluation: Sales hiring". */
    evaluation: 'Your evaluation:',
    recommendation: 'Final recommendation',
    next: 'What happens next',
    stage: 'Stage',
    attemptsLeft: 'Attempts left',
    attemptsOf: (left: number, allowed: number) => `${left} of ${allowed}`,
    retakeFrom: 'You can try again from',
    afterThis: 'After this stage',
    startNow: 'Start now',
    readNotice: 'Read about this stage',
    answer: 'Answer your written assessment',
    reviewAnswers: 'See your submitted answers',
    stages: 'Your stages',
    minutes: (minutes: number) => `${minutes} minutes`,
    feedback: 'Feedback',
    sessions: 'Your sessions',
    withdraw: 'Withdraw from this evaluation',
  },

  /** A stage's place in the participant's list. */
  stageStates: { done: 'Done', current: 'Now', upcoming: 'Coming up' },

  /** A session's status in the participant's list. */
  sessionStatuses: {
    scheduled: 'Booked',
    in_progress: 'Under way',
    completed: 'Finished',
    failed: 'Did not finish',
    cancelled: 'Cancelled',
  } satisfies Record<SessionStatus, string>,

  /** A stage's type as a participant reads it. */
  stageTypes: {
    ai_interview: 'AI interview',
    roleplay_simulation: 'Role-play simulation',
    practice_session: 'Practice session',
    manual_review: 'Review by the team',
    async_assessment: 'Written assessment',
    final_review: 'Final review by the team',
  } satisfies Record<StageType, string>,

  /** "What happens next" at their current stage (portal/view.ts picks one). */
  next: {
    underWay: 'Your session for this stage is under way.',
    booked: 'Your session for this stage is booked; the time is below.',
    reviewing: 'The team is reviewing your result. They will let you know what comes next.',
    personRuns: 'You asked for a person to run this stage. Someone from the team will be in touch to arrange it.',
    coolDown: 'You can take this stage again once the waiting time below ends.',
    readNoticeFirst:
      'An AI interviewer runs this stage. Read about it first, then choose how you would like to take it.',
    again: 'You can take this stage again.',
    ready: 'This stage is ready for you.',
    teamInTouch: 'The team will be in touch about your next step.',
  },

  /** For a participant whose evaluation has ended. */
  closing: {
    completed: 'Your evaluation is complete; the team will be in touch.',
    rejected: 'Your evaluation has ended and the team will not take it further this time. Thank you for taking part.',
    withdrawn: 'You have withdrawn from this evaluation. If that was a mistake, contact the team that invited you.',
  } satisfies Record<Ended, string>,

  /** The built-in recommendation labels (docs/rules.md#recommendation-labels); custom ones are shown as written. */
  recommendations: {
    hire: 'Hire',
    no_hire: 'Do not hire',
    admit: 'Admit',
    reject: 'Do not admit',
    pass: 'Pass',
    fail: 'Not passed',
    ready: 'Ready',
    needs_training: 'Needs more training',
    certified: 'Certified',
    not_certified: 'Not certified',
  },

  /** `POST /p/start`. */
  start: {
    crossSiteTitle: 'Start from your portal',
    crossSiteText: 'Open your portal, then press Start now.',
    refused: 'This could not start',
  },

  /** `/p/withdraw`. */
  withdraw: {
    endedTitle: 'Your evaluation has ended',
    title: 'Withdraw from your evaluation',
    text: 'If you withdraw, your evaluation ends now: any session you have booked or started is cancelled, and you cannot continue later with this link. The team will see that you withdrew.',
    yes: 'Yes, withdraw',
    no: 'No, go back to your evaluation',
    crossSiteTitle: 'Withdraw from your portal',
    crossSiteText: 'Open your portal to withdraw.',
    refused: 'You could not withdraw',
  },

  /** The AI notice's sentences (portal/notice.ts builds the notice from them). */
  notice: {
    /** Who runs the evaluation when the workspace has no name to give. */
    theTeam: 'the team',
    whatHappens: {
      ai_interview: 'an AI interviewer asks you questions',
      roleplay_simulation: 'an AI plays a part in a role-play with you',
      practice_session: 'an AI runs a practice session with you',
      other: 'an AI interviewer runs the session with you',
    },
    about: (stage: string, evaluation: string, whatHappens: string, scored: boolean) =>
      `In ${stage}, part of ${evaluation}, ${whatHappens}. It is a computer program, not a person. What you say is written down as a transcript${scored ? ', and the AI scores your answers on the points below' : ''}.`,
    duration: (minutes: number | null) =>
      minutes === null ? 'The team will tell you how long it takes.' : `It takes about ${minutes} minutes.`,
    /** Who decides, by the stage's automation rule. */
    review: {
      approval: (org: string) =>
        `A person from ${org} reviews your result before anything is decided. The AI interviewer's scores are there to help them, not to decide.`,
      person: (org: string) =>
        `A person from ${org} looks at your result and decides what comes next. The AI interviewer's scores are there to help them, not to decide.`,
      passMark: (org: string) =>
        `Your result is compared with the pass mark ${org} set, and that decides whether you move on. People from ${org} can see every result and the transcript.`,
      passMarkThenPerson: (org: string) =>
        `If your result reaches the pass mark ${org} set, you move on straight away. If it does not, no decision is made against you until a person from ${org} has reviewed it.`,
    },
    retention: (org: string, days: number | null) =>
      days === null
        ? `${org} keeps the transcript with your evaluation only for as long as they need it to make their decision. Ask them if you want to know more.`
        : `${org} keeps the transcript of your session for ${days} ${days === 1 ? 'day' : 'days'}.`,
    alternative: (org: string) =>
      `You do not have to take this stage with an AI. If you would rather speak with a person, say so below: someone from ${org} will run the stage with you instead and be in touch. Nothing is held against you, and it does not use one of your attempts.`,
    contact: (org: string, contact: string | null) =>
      contact
        ? `Questions? ${contact}`
        : `Questions? Reply to the message your link came in, or contact the team at ${org} that invited you.`,
  },

  /** `/p/notice` and its two answers. */
  noticePage: {
    intro: 'Please read this before you choose how to take this stage.',
    evaluates: 'What it looks at',
    duration: 'How long it takes',
    review: 'Who decides',
    transcript: 'Your transcript',
    alternative: 'If you would rather speak with a person',
    accept: 'Accept',
    decline: "I'd rather speak with a person",
    about: (stage: string) => `About ${stage}`,
    accepted: (stage: string) =>
      `You accepted: you can start ${stage} from your evaluation page whenever you are ready.`,
    declinedTitle: (stage: string) => `A person will run ${stage}`,
    declinedTitleAnyStage: 'A person will run this stage',
    declined: (stage: string, org: string) =>
      `Thank you for telling us. A person from ${org} will run ${stage} with you instead of the AI interviewer, and will be in touch to arrange it. Nothing is held against you.`,
    nothingTitle: 'Nothing to read here now',
    crossSiteTitle: 'Answer from your portal',
    crossSiteText: 'Open your portal, then read about the stage.',
    refused: 'Your answer was not saved',
  },

  /** A written assessment's pages (`/p/sessions/{id}`…). */
  answers: {
    intro:
      'Answer each question below. Your answers are saved as you type, and Save keeps them too, so you can come back later. When you are done, press Submit answers: after that they cannot change.',
    question: (n: number) => `Question ${n}`,
    limit: (max: number) => `Up to ${max} characters.`,
    save: 'Save',
    submit: 'Submit answers',
    saved: 'Your answers are saved.',
    submittedTitle: 'Your answers are submitted',
    submittedText: (when: string) =>
      `You submitted your answers on ${when}. The team will review them and let you know what happens next.`,
    endedText: 'This assessment has ended, so its answers can no longer change.',
    noAnswer: 'No answer',
    confirmTitle: 'Submit your answers?',
    confirmCount: (answered: number, total: number) => `You answered ${answered} of ${total} questions.`,
    confirmText: 'Once you submit, you cannot change your answers.',
    confirmYes: 'Yes, submit my answers',
    confirmNo: 'No, keep editing',
    fixTitle: 'Some answers could not be saved',
    notFoundTitle: 'We could not find this assessment',
    notFoundText: 'Open your evaluation and choose the assessment from there.',
    refusedTitle: 'This cannot be done now',
    crossSiteTitle: 'Answer from your portal',
    crossSiteText: 'Open your portal, then answer the questions there.',
    /** What `/p/portal.js` shows; the page hands them to it in `data-*` attributes. */
    script: {
      unsaved: 'Not saved yet…',
      saving: 'Saving…',
      saved: 'Saved',
      failed: 'Not saved. Keep this page open and press Save.',
      /** `{n}` and `{max}` are filled in by the script as the participant types. */
      count: '{n} of {max} characters',
    },
  },

  /** The interview page (`/p/sessions/{id}/interview`), its link on `/p/`, and what `/p/interview.js` shows. */
  interview: {
    /** On `/p/` while an interview is under way. */
    continue: 'Continue your interview',
    notOpenTitle: 'This interview is not open',
    conversation: 'Conversation',
    /** Who said a turn. */
    interviewer: 'Interviewer',
    you: 'You',
    /** Shown once the interview has ended, by what ended it. */
    ended: {
      interviewer: 'The interview is complete. Thank you: your answers are saved, and the team will review them.',
      time: 'The time for this interview is up. Thank you: your answers are saved, and the team will review them.',
      participant: 'You finished the interview. Thank you: your answers are saved, and the team will review them.',
    } satisfies Record<InterviewEndedBy, string>,
    unavailable: 'The interviewer is unavailable; your answers are saved',
    /** Something we did not expect failed while the interviewer was answering. */
    failed: 'Something went wrong on our side; your answers are saved.',
    begin: 'Begin the interview',
    tryAgain: 'Try again',
    answer: 'Your answer',
    send: 'Send',
    finish: 'Finish interview',
    emptyAnswer: 'Write your answer in the box first, then press Send.',
    crossSiteTitle: 'Answer from your portal',
    crossSiteText: 'Open your portal, then continue your interview there.',
    answerRefused: 'Your answer was not sent',
    resumeRefused: 'The interview could not go on',
    finishRefused: 'The interview could not be finished',
    /**
     * The time left (`{n}`: whole minutes) and the script's own words; the page hands them to
     * `/p/interview.js` in `data-say-*` attributes, and words the time left the same way.
     */
    script: {
      timeUp: 'Your time is up: send your last answer, or finish the interview.',
      underAMinute: 'Less than a minute left.',
      oneMinute: 'About 1 minute left.',
      minutes: 'About {n} minutes left.',
      lost: 'The connection was lost. Your answers are saved: press Try again.',
      reload: 'Something went wrong. Reload the page and try again.',
      /** Before the interviewer's words, for screen readers, when its turn has arrived. */
      said: 'Interviewer:',
    },
  },

  /**
   * The voluntary self-identification questions (`/p/about-you`, `GET /api/portal/v1/self-identification`),
   * offered on `/p/` once no AI notice waits to be read (docs/rules.md#self-identification).
   */
  selfId: {
    title: 'Voluntary questions about you',
    /** On `/p/`, before they answer. */
    offer:
      'Would you tell us a little about yourself? It is voluntary, and it helps us check that our evaluation treats everyone fairly.',
    offerLink: 'Answer the voluntary questions',
    /** On `/p/`, once they have answered. */
    answered: 'Thank you for answering the voluntary questions about you.',
    changeLink: 'Change your answers',
    why: {
      purpose:
        'We ask these questions to check that our evaluation treats everyone fairly: that people of every sex, race and ethnicity move through its stages at similar rates.',
      voluntary:
        'Answering is voluntary. You can skip these questions or choose “I prefer not to answer”, and either way nothing about your evaluation changes.',
      privacy:
        'Your answers are kept apart from your evaluation. The people who review your evaluation never see them; the few people who check fairness see them only as totals for everyone, never as your own answer.',
    },
    sexQuestion: 'Sex',
    raceQuestion: 'Race and ethnicity',
    sex: {
      male: 'Male',
      female: 'Female',
      decline_to_answer: 'I prefer not to answer',
    } satisfies Record<SelfIdentifiedSex, string>,
    race: {
      hispanic_or_latino: 'Hispanic or Latino',
      white: 'White (not Hispanic or Latino)',
      black_or_african_american: 'Black or African American (not Hispanic or Latino)',
      native_hawaiian_or_other_pacific_islander: 'Native Hawaiian or Other Pacific Islander (not Hispanic or Latino)',
      asian: 'Asian (not Hispanic or Latino)',
      american_indian_or_alaska_native: 'American Indian or Alaska Native (not Hispanic or Latino)',
      two_or_more_races: 'Two or more races (not Hispanic or Latino)',
      decline_to_answer: 'I prefer not to answer',
    } satisfies Record<SelfIdentifiedRaceEthnicity, string>,
    save: 'Save my answers',
    skip: 'Skip these questions',
    saved: 'Thank you. Your answers are saved; you can change them here at any time.',
    /** Beside a question left unanswered on the form. */
    choose: 'Choose an answer, or “I prefer not to answer”.',
    fixTitle: 'Please answer both questions',
    crossSiteTitle: 'Answer from your portal',
    crossSiteText: 'Open your portal, then answer the questions there.',
    refused: 'Your answers were not saved',
  },

  /**
   * Refusals a participant's own command can meet (docs/errors.md#refusals-a-participant-reads), raised as
   * data (`refusal('key', …args)`) and worded here in the participant's language. The `answer…` ones are a
   * field's issue: lowercase, after the field's name (a page capitalises them).
   */
  refusals: {
    evaluationNotFound: () => 'We could not find your evaluation.',
    ended: (status: Ended) =>
      ({
        completed: 'Your evaluation is complete, so there is nothing more to do here. The team will be in touch.',
        rejected: 'Your evaluation has ended, so there is nothing more to do here. Thank you for taking part.',
        withdrawn: 'You have withdrawn from this evaluation, so there is nothing more to do here.',
      })[status],
    noStage: () => 'You are not in a stage right now. The team will be in touch about your next step.',
    stageChanging: () => 'The team is changing the stage you are in. Please try again later.',
    coolDown: (stage: string, endsAt: string) => `You can take ${stage} again from ${dates.utc(endsAt)}.`,
    noAttemptsLeft: (stage: string) => `You have used all your attempts at ${stage}. The team will be in touch.`,
    alreadyBooked: (stage: string) => `You already have a session booked for ${stage}.`,
    alreadyUnderWay: (stage: string) => `Your session for ${stage} is already under way.`,
    reviewing: (stage: string) =>
      `The team is reviewing your result at ${stage}. They will let you know what comes next.`,
    passed: (stage: string) => `You have passed ${stage}. The team will let you know what comes next.`,
    over: (stage: string) => `${stage} is over for you. The team will be in touch.`,
    cannotStart: (stage: string, why: StartRefusal) =>
      `You cannot start ${stage} here: ${
        {
          needs_consent: 'this stage is run by an AI interviewer and needs your consent first',
          team_run: 'this stage is run by the team; they will be in touch',
          declined: 'you asked for a person to run this stage; the team will be in touch',
        }[why]
      }`,
    notUnderWay: (status: SessionStatus) =>
      `This session is ${SESSION_STATE[status]}; only a session under way can be finished.`,
    endsWithAnswers: () => 'This assessment ends when you submit your answers',
    sessionNotFound: () => 'We could not find this session among yours.',
    otherStage: (stage: string) =>
      `You can only answer for the stage you are at now, ${stage}. Reload your page and read it again.`,
    notAiRun: (stage: string) => `${stage} is not run by an AI interviewer, so there is nothing to agree to.`,
    alreadyAccepted: (stage: string) =>
      `You already agreed to take ${stage} with the AI interviewer. If you would rather speak with a person now, contact the team.`,
    alreadyDeclined: (stage: string) =>
      `You asked for a person to run ${stage}, and the team will be in touch. To take it with the AI interviewer after all, contact them.`,
    declineUnderWay: (stage: string) =>
      `Your session for ${stage} is under way. If you would rather speak with a person, contact the team.`,
    resultIn: (stage: string) => `The team already has your result for ${stage}. If you have questions, contact them.`,
    notAtStage: () => 'You are not at a stage right now.',
    formOutOfDate: () => 'This form is out of date. Go back to your evaluation and open the notice again.',
    notAssessment: () => 'This session is not a written assessment',
    alreadySubmitted: () => 'You already submitted these answers; they can no longer change',
    answersEnded: () => 'Your evaluation has ended; answers can no longer change',
    notStarted: () => 'This assessment has not started yet; start it first',
    answersClosed: (status: SessionStatus) =>
      `This assessment is ${SESSION_STATE[status]}; its answers can no longer change`,
    noQuestions: () => 'This assessment has no questions to answer',
    answerNoSuchQuestion: () => 'this assessment has no such question',
    answerTwice: (n: number) => `question ${n} is answered twice`,
    answerTooLong: (n: number, prompt: string, length: number, limit: number) =>
      `the answer to question ${n} ("${prompt}") is ${length} characters; at most ${limit}`,
    interviewClosed: () => 'Your evaluation has ended, so this interview is closed.',
    noInterviewHere: () => 'This session has no interview to take here; the team runs it with you.',
    noInterviewer: (stage: string | null) =>
      `${stage ?? 'This stage'} has no interviewer set up yet; the team will be in touch.`,
    interviewNeedsConsent: () =>
      'This interview needs your consent first: read about the stage on your evaluation page.',
    interviewDeclined: () =>
      'You asked for a person to run this stage, so it has no interview here; the team will be in touch.',
    interviewSessionClosed: (status: SessionStatus) =>
      `This session is ${INTERVIEW_SESSION_STATE[status]}, so its interview is closed.`,
    interviewEnded: () => 'This interview has ended; your answers are saved.',
    interviewerNotAsked: () =>
      "The interviewer has not asked its next question yet. Wait for it, or press Try again if it doesn't come.",
    interviewerWaiting: () => 'The interviewer is waiting for your answer.',
    conversationMovedOn: () => 'The conversation moved on while the interviewer was answering. Reload the page.',
    answerSentOtherwise: () =>
      'This answer was already sent with other words. Reload the page to see the conversation.',
    idempotencyReused: () =>
      'This Idempotency-Key was already used for a different request: send a new key with a new request.',
    changedMeanwhile: () => 'Your evaluation changed while this was being saved. Reload the page and try again.',
  },

  /** The email with their portal link (packages/domain/src/mail/portal-link-mail.ts, docs/mail.md#templates). */
  mail: {
    portalLink: {
      subject: (evaluation: string) => `Your link to ${evaluation}`,
      hello: (name: string) => `Hello ${name},`,
      intro: (team: string, evaluation: string) =>
        `${team} invites you to follow ${evaluation}. Your private link shows where you stand and what comes next, and lets you take the stages you can take yourself.`,
      open: 'Open your evaluation',
      copyHint: 'If the button does not work, copy this address into your browser:',
      until: (date: string) => `The link works until ${date}.`,
      private:
        'It is for you alone: anyone who has it can open your evaluation, so please do not forward it. If you had an earlier link, it no longer works.',
      why: (team: string) => `You received this email because ${team} added you to this evaluation.`,
    },
  },

  /** A refusal with no words of its own for the participant, by its kind (portal/refusals.ts). */
  refusalKinds: {
    NOT_FOUND: 'We could not find that in your evaluation. Go back to your evaluation and try again.',
    CONFLICT: 'This cannot be done right now. Go back to your evaluation to see where you stand.',
    PRECONDITION_FAILED: 'The team is changing your evaluation. Please try again later.',
    BAD_REQUEST: 'Something in the request was not right. Go back to your evaluation and try again.',
  } satisfies Record<DomainErrorCode, string>,
};

/** The portal's words in one language: `en` is the source, and every other language is typed by it. */
export type PortalCopy = typeof en;
