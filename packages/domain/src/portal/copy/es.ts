/**
 * The portal's words in Spanish (neutral Spanish, addressing the participant as "tú"). A translation of
 * en.ts, key for key: typed `PortalCopy`, so a string added there fails the typecheck until it is here.
 */
import type { SessionStatus } from '../../progression/entities.ts';
import { dateWords } from './dates.ts';
import type { PortalCopy } from './en.ts';

const dates = dateWords('es');

/** A session's state after "está" / "ha sido" in a sentence. */
const SESSION_STATE: Record<SessionStatus, string> = {
  scheduled: 'reservada',
  in_progress: 'en curso',
  completed: 'terminada',
  failed: 'sin terminar',
  cancelled: 'cancelada',
};

export const es: PortalCopy = {
  language: 'es',
  dates,

  common: {
    back: 'Volver a tu evaluación',
    stageGone: 'Una etapa que ya no forma parte de la evaluación',
  },

  link: {
    title: 'Continuar a tu evaluación',
    heading: 'Tu evaluación',
    text: 'Este enlace privado abre tu evaluación. Continúa en este dispositivo para ver en qué punto estás.',
    continue: 'Continuar',
    crossSiteTitle: 'Abre tu enlace directamente',
    crossSiteText: 'Abre en tu navegador el enlace que te enviaron y pulsa Continuar.',
    unknown: {
      title: 'Este enlace no funciona',
      text: 'No encontramos este enlace. Comprueba que abriste el enlace completo de tu mensaje o pide uno nuevo al equipo que te lo envió.',
    },
    expired: {
      title: 'Este enlace ha caducado',
      text: 'Los enlaces a tu evaluación funcionan durante un tiempo limitado. Pide uno nuevo al equipo que te lo envió.',
    },
    revoked: {
      title: 'Este enlace ya no es válido',
      text: 'El equipo sustituyó o retiró este enlace. Si te enviaron uno más reciente, usa ese; si no, pídeles un enlace nuevo.',
    },
  },

  signedOut: {
    title: 'Vuelve a abrir tu enlace',
    home: 'Tu sesión ha terminado o este dispositivo aún no ha abierto tu enlace. Abre el enlace que te enviaron para continuar.',
    elsewhere: 'Abre el enlace que te enviaron y continúa desde allí.',
  },

  tooMany: {
    title: 'Demasiadas solicitudes',
    text: 'Espera un minuto y vuelve a cargar esta página.',
  },

  home: {
    title: 'Tu evaluación',
    hello: (name) => `Hola, ${name}`,
    evaluation: 'Tu evaluación:',
    recommendation: 'Recomendación final',
    next: 'Qué pasa ahora',
    stage: 'Etapa',
    attemptsLeft: 'Intentos restantes',
    attemptsOf: (left, allowed) => `${left} de ${allowed}`,
    retakeFrom: 'Puedes volver a intentarlo desde',
    afterThis: 'Después de esta etapa',
    startNow: 'Empezar ahora',
    readNotice: 'Leer sobre esta etapa',
    answer: 'Responder tu evaluación escrita',
    reviewAnswers: 'Ver las respuestas que enviaste',
    stages: 'Tus etapas',
    minutes: (minutes) => `${minutes} minutos`,
    feedback: 'Comentarios',
    sessions: 'Tus sesiones',
    withdraw: 'Retirarte de esta evaluación',
  },

  stageStates: { done: 'Hecha', current: 'Ahora', upcoming: 'Próximamente' },

  sessionStatuses: {
    scheduled: 'Reservada',
    in_progress: 'En curso',
    completed: 'Terminada',
    failed: 'Sin terminar',
    cancelled: 'Cancelada',
  },

  stageTypes: {
    ai_interview: 'Entrevista con IA',
    roleplay_simulation: 'Simulación de rol',
    practice_session: 'Sesión de práctica',
    manual_review: 'Revisión del equipo',
    async_assessment: 'Evaluación escrita',
    final_review: 'Revisión final del equipo',
  },

  next: {
    underWay: 'Tu sesión de esta etapa está en curso.',
    booked: 'Tu sesión de esta etapa está reservada; la hora aparece abajo.',
    reviewing: 'El equipo está revisando tu resultado. Te dirán qué viene después.',
    personRuns:
      'Pediste que una persona dirija esta etapa. Alguien del equipo se pondrá en contacto contigo para organizarla.',
    coolDown: 'Podrás volver a hacer esta etapa cuando termine el tiempo de espera indicado abajo.',
    readNoticeFirst:
      'Esta etapa la dirige un entrevistador de IA. Primero lee la información y luego elige cómo quieres hacerla.',
    again: 'Puedes volver a hacer esta etapa.',
    ready: 'Esta etapa está lista para ti.',
    teamInTouch: 'El equipo se pondrá en contacto contigo sobre tu siguiente paso.',
  },

  closing: {
    completed: 'Tu evaluación ha terminado; el equipo se pondrá en contacto contigo.',
    rejected: 'Tu evaluación ha terminado y el equipo no seguirá adelante con ella esta vez. Gracias por participar.',
    withdrawn: 'Te has retirado de esta evaluación. Si fue un error, ponte en contacto con el equipo que te invitó.',
  },

  recommendations: {
    hire: 'Contratar',
    no_hire: 'No contratar',
    admit: 'Admitir',
    reject: 'No admitir',
    pass: 'Aprobado',
    fail: 'No aprobado',
    ready: 'Preparado',
    needs_training: 'Necesita más formación',
    certified: 'Certificado',
    not_certified: 'No certificado',
  },

  start: {
    crossSiteTitle: 'Empieza desde tu portal',
    crossSiteText: 'Abre tu portal y pulsa Empezar ahora.',
    refused: 'No se pudo empezar',
  },

  withdraw: {
    endedTitle: 'Tu evaluación ha terminado',
    title: 'Retirarte de tu evaluación',
    text: 'Si te retiras, tu evaluación termina ahora: se cancela cualquier sesión que hayas reservado o empezado, y no podrás continuar más tarde con este enlace. El equipo verá que te retiraste.',
    yes: 'Sí, retirarme',
    no: 'No, volver a mi evaluación',
    crossSiteTitle: 'Retírate desde tu portal',
    crossSiteText: 'Abre tu portal para retirarte.',
    refused: 'No pudiste retirarte',
  },

  notice: {
    theTeam: 'el equipo',
    whatHappens: {
      ai_interview: 'un entrevistador de IA te hace preguntas',
      roleplay_simulation: 'una IA interpreta un papel en un juego de rol contigo',
      practice_session: 'una IA dirige contigo una sesión de práctica',
      other: 'un entrevistador de IA dirige la sesión contigo',
    },
    about: (stage, evaluation, whatHappens, scored) =>
      `En ${stage}, parte de ${evaluation}, ${whatHappens}. Es un programa informático, no una persona. Lo que digas queda por escrito en una transcripción${scored ? ', y la IA puntúa tus respuestas en los puntos de abajo' : ''}.`,
    duration: (minutes) => (minutes === null ? 'El equipo te dirá cuánto dura.' : `Dura unos ${minutes} minutos.`),
    review: {
      approval: (org) =>
        `Una persona de ${org} revisa tu resultado antes de decidir nada. Las puntuaciones del entrevistador de IA están para ayudarle, no para decidir.`,
      person: (org) =>
        `Una persona de ${org} mira tu resultado y decide qué viene después. Las puntuaciones del entrevistador de IA están para ayudarle, no para decidir.`,
      passMark: (org) =>
        `Tu resultado se compara con la nota mínima que fijó ${org}, y eso decide si avanzas. Las personas de ${org} pueden ver cada resultado y la transcripción.`,
      passMarkThenPerson: (org) =>
        `Si tu resultado alcanza la nota mínima que fijó ${org}, avanzas enseguida. Si no la alcanza, no se decide nada en tu contra hasta que una persona de ${org} lo haya revisado.`,
    },
    retention: (org, days) =>
      days === null
        ? `${org} guarda la transcripción con tu evaluación solo mientras la necesite para tomar su decisión. Pregúntales si quieres saber más.`
        : `${org} guarda la transcripción de tu sesión durante ${days} ${days === 1 ? 'día' : 'días'}.`,
    alternative: (org) =>
      `No tienes que hacer esta etapa con una IA. Si prefieres hablar con una persona, dilo abajo: alguien de ${org} hará la etapa contigo en su lugar y se pondrá en contacto contigo. No se tiene nada en tu contra y no gasta ninguno de tus intentos.`,
    contact: (org, contact) =>
      contact
        ? `¿Preguntas? ${contact}`
        : `¿Preguntas? Responde al mensaje en el que recibiste tu enlace o ponte en contacto con el equipo de ${org} que te invitó.`,
  },

  noticePage: {
    intro: 'Lee esto antes de elegir cómo hacer esta etapa.',
    evaluates: 'Qué se evalúa',
    duration: 'Cuánto dura',
    review: 'Quién decide',
    transcript: 'Tu transcripción',
    alternative: 'Si prefieres hablar con una persona',
    accept: 'Aceptar',
    decline: 'Prefiero hablar con una persona',
    about: (stage) => `Sobre ${stage}`,
    accepted: (stage) => `Aceptaste: puedes empezar ${stage} desde la página de tu evaluación cuando quieras.`,
    declinedTitle: (stage) => `Una persona dirigirá ${stage}`,
    declinedTitleAnyStage: 'Una persona dirigirá esta etapa',
    declined: (stage, org) =>
      `Gracias por decírnoslo. Una persona de ${org} hará ${stage} contigo en lugar del entrevistador de IA y se pondrá en contacto contigo para organizarlo. No se tiene nada en tu contra.`,
    nothingTitle: 'Ahora no hay nada que leer aquí',
    crossSiteTitle: 'Responde desde tu portal',
    crossSiteText: 'Abre tu portal y lee la información sobre la etapa.',
    refused: 'Tu respuesta no se guardó',
  },

  answers: {
    intro:
      'Responde cada pregunta de abajo. Tus respuestas se guardan mientras escribes, y Guardar también las guarda, así que puedes volver más tarde. Cuando termines, pulsa Enviar respuestas: después ya no podrán cambiar.',
    question: (n) => `Pregunta ${n}`,
    limit: (max) => `Hasta ${max} caracteres.`,
    save: 'Guardar',
    submit: 'Enviar respuestas',
    saved: 'Tus respuestas están guardadas.',
    submittedTitle: 'Tus respuestas están enviadas',
    submittedText: (when) => `Enviaste tus respuestas el ${when}. El equipo las revisará y te dirá qué pasa después.`,
    endedText: 'Esta evaluación ha terminado, así que sus respuestas ya no pueden cambiar.',
    noAnswer: 'Sin respuesta',
    confirmTitle: '¿Enviar tus respuestas?',
    confirmCount: (answered, total) => `Respondiste ${answered} de ${total} preguntas.`,
    confirmText: 'Una vez enviadas, no podrás cambiar tus respuestas.',
    confirmYes: 'Sí, enviar mis respuestas',
    confirmNo: 'No, seguir editando',
    fixTitle: 'Algunas respuestas no se pudieron guardar',
    notFoundTitle: 'No encontramos esta evaluación',
    notFoundText: 'Abre tu evaluación y elige la evaluación escrita desde allí.',
    refusedTitle: 'Esto no se puede hacer ahora',
    crossSiteTitle: 'Responde desde tu portal',
    crossSiteText: 'Abre tu portal y responde allí las preguntas.',
    script: {
      unsaved: 'Aún sin guardar…',
      saving: 'Guardando…',
      saved: 'Guardado',
      failed: 'No se guardó. Mantén esta página abierta y pulsa Guardar.',
      count: '{n} de {max} caracteres',
    },
  },

  interview: {
    continue: 'Continuar tu entrevista',
    notOpenTitle: 'Esta entrevista no está abierta',
    conversation: 'Conversación',
    interviewer: 'Entrevistador',
    you: 'Tú',
    ended: {
      interviewer: 'La entrevista ha terminado. Gracias: tus respuestas están guardadas y el equipo las revisará.',
      time: 'Se acabó el tiempo de esta entrevista. Gracias: tus respuestas están guardadas y el equipo las revisará.',
      participant: 'Terminaste la entrevista. Gracias: tus respuestas están guardadas y el equipo las revisará.',
    },
    unavailable: 'El entrevistador no está disponible; tus respuestas están guardadas',
    failed: 'Algo salió mal por nuestra parte; tus respuestas están guardadas.',
    begin: 'Empezar la entrevista',
    tryAgain: 'Intentar de nuevo',
    answer: 'Tu respuesta',
    send: 'Enviar',
    finish: 'Terminar la entrevista',
    emptyAnswer: 'Primero escribe tu respuesta en el cuadro y luego pulsa Enviar.',
    crossSiteTitle: 'Responde desde tu portal',
    crossSiteText: 'Abre tu portal y continúa allí tu entrevista.',
    answerRefused: 'Tu respuesta no se envió',
    resumeRefused: 'La entrevista no pudo continuar',
    finishRefused: 'No se pudo terminar la entrevista',
    script: {
      timeUp: 'Se acabó tu tiempo: envía tu última respuesta o termina la entrevista.',
      underAMinute: 'Queda menos de un minuto.',
      oneMinute: 'Queda alrededor de 1 minuto.',
      minutes: 'Quedan alrededor de {n} minutos.',
      lost: 'Se perdió la conexión. Tus respuestas están guardadas: pulsa Intentar de nuevo.',
      reload: 'Algo salió mal. Vuelve a cargar la página e inténtalo de nuevo.',
      said: 'Entrevistador:',
    },
  },
  selfId: {
    title: 'Preguntas voluntarias sobre ti',
    offer:
      '¿Nos cuentas un poco sobre ti? Es voluntario y nos ayuda a comprobar que nuestra evaluación trata a todas las personas con equidad.',
    offerLink: 'Responder a las preguntas voluntarias',
    answered: 'Gracias por responder a las preguntas voluntarias sobre ti.',
    changeLink: 'Cambiar tus respuestas',
    why: {
      purpose:
        'Hacemos estas preguntas para comprobar que nuestra evaluación trata a todas las personas con equidad: que personas de todo sexo, raza y origen étnico avanzan por sus etapas en proporciones parecidas.',
      voluntary:
        'Responder es voluntario. Puedes saltarte estas preguntas o elegir «Prefiero no responder», y en ningún caso cambia nada de tu evaluación.',
      privacy:
        'Tus respuestas se guardan aparte de tu evaluación. Las personas que revisan tu evaluación nunca las ven; las pocas personas que comprueban la equidad solo ven totales de todos, nunca tu propia respuesta.',
    },
    sexQuestion: 'Sexo',
    raceQuestion: 'Raza y origen étnico',
    sex: {
      male: 'Hombre',
      female: 'Mujer',
      decline_to_answer: 'Prefiero no responder',
    },
    race: {
      hispanic_or_latino: 'Hispano o latino',
      white: 'Blanco (no hispano ni latino)',
      black_or_african_american: 'Negro o afroamericano (no hispano ni latino)',
      native_hawaiian_or_other_pacific_islander: 'Nativo de Hawái u otras islas del Pacífico (no hispano ni latino)',
      asian: 'Asiático (no hispano ni latino)',
      american_indian_or_alaska_native: 'Indígena americano o nativo de Alaska (no hispano ni latino)',
      two_or_more_races: 'Dos o más razas (no hispano ni latino)',
      decline_to_answer: 'Prefiero no responder',
    },
    save: 'Guardar mis respuestas',
    skip: 'Saltar estas preguntas',
    saved: 'Gracias. Tus respuestas están guardadas; puedes cambiarlas aquí cuando quieras.',
    choose: 'Elige una respuesta, o «Prefiero no responder».',
    fixTitle: 'Responde a las dos preguntas, por favor',
    crossSiteTitle: 'Responde desde tu portal las preguntas voluntarias',
    crossSiteText: 'Abre tu portal y responde allí a las preguntas voluntarias.',
    refused: 'Tus respuestas no se guardaron',
  },

  refusals: {
    evaluationNotFound: () => 'No encontramos tu evaluación.',
    ended: (status) =>
      ({
        completed:
          'Tu evaluación está completa, así que aquí no queda nada por hacer. El equipo se pondrá en contacto contigo.',
        rejected: 'Tu evaluación ha terminado, así que aquí no queda nada por hacer. Gracias por participar.',
        withdrawn: 'Te has retirado de esta evaluación, así que aquí no queda nada por hacer.',
      })[status],
    noStage: () =>
      'Ahora mismo no estás en ninguna etapa. El equipo se pondrá en contacto contigo sobre tu siguiente paso.',
    stageChanging: () => 'El equipo está cambiando la etapa en la que estás. Inténtalo de nuevo más tarde.',
    coolDown: (stage, endsAt) => `Podrás volver a hacer ${stage} desde el ${dates.utc(endsAt)}.`,
    noAttemptsLeft: (stage) => `Has usado todos tus intentos en ${stage}. El equipo se pondrá en contacto contigo.`,
    alreadyBooked: (stage) => `Ya tienes una sesión reservada para ${stage}.`,
    alreadyUnderWay: (stage) => `Tu sesión de ${stage} ya está en curso.`,
    reviewing: (stage) => `El equipo está revisando tu resultado en ${stage}. Te dirán qué viene después.`,
    passed: (stage) => `Has superado ${stage}. El equipo te dirá qué viene después.`,
    over: (stage) => `La etapa ${stage} ha terminado para ti. El equipo se pondrá en contacto contigo.`,
    cannotStart: (stage, why) =>
      `No puedes empezar ${stage} aquí: ${
        {
          needs_consent: 'esta etapa la dirige un entrevistador de IA y primero necesita tu consentimiento',
          team_run: 'esta etapa la dirige el equipo; se pondrán en contacto contigo',
          declined: 'pediste que una persona dirija esta etapa; el equipo se pondrá en contacto contigo',
        }[why]
      }`,
    notUnderWay: (status) => `Esta sesión está ${SESSION_STATE[status]}; solo se puede terminar una sesión en curso.`,
    endsWithAnswers: () => 'Esta evaluación termina cuando envías tus respuestas',
    sessionNotFound: () => 'No encontramos esta sesión entre las tuyas.',
    otherStage: (stage) =>
      `Solo puedes responder sobre la etapa en la que estás ahora, ${stage}. Vuelve a cargar la página y léela de nuevo.`,
    notAiRun: (stage) => `La etapa ${stage} no la dirige un entrevistador de IA, así que no hay nada que aceptar.`,
    alreadyAccepted: (stage) =>
      `Ya aceptaste hacer ${stage} con el entrevistador de IA. Si ahora prefieres hablar con una persona, ponte en contacto con el equipo.`,
    alreadyDeclined: (stage) =>
      `Pediste que una persona dirija ${stage} y el equipo se pondrá en contacto contigo. Si al final quieres hacerla con el entrevistador de IA, díselo.`,
    declineUnderWay: (stage) =>
      `Tu sesión de ${stage} está en curso. Si prefieres hablar con una persona, ponte en contacto con el equipo.`,
    resultIn: (stage) =>
      `El equipo ya tiene tu resultado de ${stage}. Si tienes preguntas, ponte en contacto con ellos.`,
    notAtStage: () => 'Ahora mismo no estás en ninguna etapa.',
    formOutOfDate: () => 'Este formulario está desactualizado. Vuelve a tu evaluación y abre de nuevo la información.',
    notAssessment: () => 'Esta sesión no es una evaluación escrita',
    alreadySubmitted: () => 'Ya enviaste estas respuestas; ya no pueden cambiar',
    answersEnded: () => 'Tu evaluación ha terminado; las respuestas ya no pueden cambiar',
    notStarted: () => 'Esta evaluación aún no ha empezado; empiézala primero',
    answersClosed: (status) => `Esta evaluación está ${SESSION_STATE[status]}; sus respuestas ya no pueden cambiar`,
    noQuestions: () => 'Esta evaluación no tiene preguntas que responder',
    answerNoSuchQuestion: () => 'esta evaluación no tiene esa pregunta',
    answerTwice: (n) => `la pregunta ${n} tiene dos respuestas`,
    answerTooLong: (n, prompt, length, limit) =>
      `la respuesta a la pregunta ${n} («${prompt}») tiene ${length} caracteres; como máximo ${limit}`,
    interviewClosed: () => 'Tu evaluación ha terminado, así que esta entrevista está cerrada.',
    noInterviewHere: () => 'Esta sesión no tiene una entrevista que hacer aquí; el equipo la dirige contigo.',
    noInterviewer: (stage) =>
      `${stage ?? 'Esta etapa'} aún no tiene un entrevistador configurado; el equipo se pondrá en contacto contigo.`,
    interviewNeedsConsent: () =>
      'Esta entrevista primero necesita tu consentimiento: lee sobre la etapa en la página de tu evaluación.',
    interviewDeclined: () =>
      'Pediste que una persona dirija esta etapa, así que aquí no tiene entrevista; el equipo se pondrá en contacto contigo.',
    interviewSessionClosed: (status) =>
      `Esta sesión está ${SESSION_STATE[status]}, así que su entrevista está cerrada.`,
    interviewEnded: () => 'Esta entrevista ha terminado; tus respuestas están guardadas.',
    interviewerNotAsked: () =>
      'El entrevistador aún no ha hecho su siguiente pregunta. Espérala, o pulsa Intentar de nuevo si no llega.',
    interviewerWaiting: () => 'El entrevistador está esperando tu respuesta.',
    conversationMovedOn: () => 'La conversación siguió mientras el entrevistador respondía. Vuelve a cargar la página.',
    answerSentOtherwise: () =>
      'Esta respuesta ya se envió con otras palabras. Vuelve a cargar la página para ver la conversación.',
    idempotencyReused: () =>
      'Esta Idempotency-Key ya se usó para otra solicitud: envía una clave nueva con cada solicitud nueva.',
    changedMeanwhile: () =>
      'Tu evaluación cambió mientras se guardaba esto. Vuelve a cargar la página e inténtalo de nuevo.',
  },

  mail: {
    portalLink: {
      subject: (evaluation) => `Tu enlace a ${evaluation}`,
      hello: (name) => `Hola, ${name}:`,
      intro: (team, evaluation) =>
        `${team} te invita a seguir ${evaluation}. Tu enlace privado muestra en qué punto estás y qué viene después, y te deja hacer las etapas que puedes hacer por tu cuenta.`,
      open: 'Abrir tu evaluación',
      copyHint: 'Si el botón no funciona, copia esta dirección en tu navegador:',
      until: (date) => `El enlace funciona hasta el ${date}.`,
      private:
        'Es solo para ti: cualquiera que lo tenga puede abrir tu evaluación, así que no lo reenvíes. Si tenías un enlace anterior, ya no funciona.',
      why: (team) => `Recibes este correo porque ${team} te añadió a esta evaluación.`,
    },
  },

  refusalKinds: {
    NOT_FOUND: 'No encontramos eso en tu evaluación. Vuelve a tu evaluación e inténtalo de nuevo.',
    CONFLICT: 'Esto no se puede hacer ahora mismo. Vuelve a tu evaluación para ver en qué punto estás.',
    PRECONDITION_FAILED: 'El equipo está cambiando tu evaluación. Inténtalo de nuevo más tarde.',
    BAD_REQUEST: 'Algo en la solicitud no era correcto. Vuelve a tu evaluación e inténtalo de nuevo.',
  },
};
