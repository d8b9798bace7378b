/**
 * The rulebook: how the source paper's reasoning reads a record, as data. Each model's verdict
 * rules are tried in order and the first that holds decides; a rule whose facts are unknown is
 * passed over, and the uncertainties say what it would take. Change a rule's meaning, change
 * its id and the version.
 */
import { SIDES, type Condition, type LevelTest, type Rule, type Rulebook } from './rule.types.js';
import type { Stage } from './vocabulary.js';

const MAKING: Stage[] = ['design', 'delivery'];
const OTHER_PRODUCING: Stage[] = ['piloting', 'governance', 'staff-training'];
const KEY_STAGES: Stage[] = ['design', 'delivery', 'governance'];
const COMMUNITY_STAGES: Stage[] = [
  'needs-assessment',
  'design',
  'delivery',
  'evaluation',
  'outreach',
];
const ALL_STAGES: Stage[] = [
  'initiation',
  'needs-assessment',
  'design',
  'piloting',
  'governance',
  'staff-training',
  'delivery',
  'evaluation',
  'outreach',
];

const usersAtLeast = (level: 'consulted' | 'partner' | 'leads'): LevelTest => ({
  side: 'users',
  atLeast: level,
});
const professionalsPartner: LevelTest = { side: 'professionals', atLeast: 'partner' };
// Professionals not recorded as partners: the contrast user-led and user-alone readings draw.
const professionalsBelowPartner: LevelTest = {
  side: 'professionals',
  below: 'partner',
  unlessRecorded: true,
};
const together = (stages: Stage[], ...where: LevelTest[]): Condition => ({
  atStage: { stages, where },
});
// Governance is rarely written down: user-led control of it is read from the record as it stands,
// unless someone without lived experience is recorded as leading it, or professionals as sharing it.
const governanceNotHeldByOthers: LevelTest[] = [
  {
    // Everyone but service users; parties with lived experience are left out below.
    side: SIDES.filter((side) => side !== 'users' && side !== 'lived-experience'),
    except: 'lived-experience',
    below: 'leads',
    unlessRecorded: true,
  },
  { side: 'professionals', except: 'lived-experience', below: 'partner', unlessRecorded: true },
];

// The user-led reading: people with lived experience (of any kind) lead, and professionals
// without lived experience are not recorded as partners.
const usersLeadAlone: LevelTest[] = [
  { side: 'lived-experience', atLeast: 'leads' },
  { ...professionalsBelowPartner, except: 'lived-experience' },
];

const RULES: Rule[] = [
  // Co-production: service users and mental health professionals make something together.
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'does-not-fit',
    id: 'cp.nothing-produced',
    statement:
      'If nothing is produced (a right, or a way of living), nothing is co-produced, however equal the relationships.',
    finding: 'Nothing is produced here, so nothing can be produced together',
    when: { field: 'produces', in: ['nothing'] },
  },
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'partly-fits',
    id: 'cp.other-field',
    statement:
      'Service users and mental health professionals making a service together in a field other than mental health (such as housing) is co-production only in part.',
    finding:
      'Service users and mental health professionals work as partners, but the service is not a mental health service',
    when: {
      all: [
        together(MAKING, usersAtLeast('partner'), professionalsPartner),
        {
          field: 'serviceDomain',
          in: ['housing', 'employment', 'education', 'public-awareness', 'other'],
        },
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'fits',
    id: 'cp.made-together',
    statement:
      'Co-production fits when service users and mental health professionals both take part as partners or leaders in the same stage of making the service: its design or its delivery.',
    finding:
      'Service users and mental health professionals make it together, as partners at the same stage',
    when: together(MAKING, usersAtLeast('partner'), professionalsPartner),
  },
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'partly-fits',
    id: 'cp.with-another-service',
    statement:
      'Service users working as partners with another public service (housing officials, teachers), rather than with mental health professionals, is co-production only in part.',
    finding: 'Service users work as partners with another service, not with mental health services',
    when: together(MAKING, usersAtLeast('partner'), {
      side: 'other-professionals',
      atLeast: 'partner',
    }),
  },
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'partly-fits',
    id: 'cp.partners-elsewhere',
    statement:
      'A partnership between service users and professionals only in piloting, governance or staff training, not in design or delivery, is co-production only in part.',
    finding:
      'Service users and professionals are partners, but only at a stage other than design and delivery',
    when: together(OTHER_PRODUCING, usersAtLeast('partner'), {
      side: ['professionals', 'other-professionals'],
      atLeast: 'partner',
    }),
  },
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'partly-fits',
    id: 'cp.consulted-on-design',
    statement:
      'Service users asked for their views on a design that others decide is co-production only in part.',
    finding:
      'Service users were asked for their views on the design, but did not decide it as equals',
    when: together(['design'], usersAtLeast('consulted'), {
      side: 'users',
      below: 'partner',
      unlessRecorded: true,
    }),
  },
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'does-not-fit',
    id: 'cp.roles-kept-apart',
    statement:
      'Where the record says the component keeps service users and professionals in their separate roles, and users take no equal part in delivery, it is not co-production.',
    finding: 'The roles of professional and service user stay apart',
    when: {
      all: [
        {
          relationship: {
            between: ['service-users', 'mental-health-professionals'],
            effect: 'keeps-apart',
          },
        },
        together(['delivery'], { side: 'users', below: 'partner' }),
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'does-not-fit',
    id: 'cp.partners-with-community',
    statement:
      'A partnership between service users and the community, not mental health professionals, is not co-production as meant here: co-production with whom?',
    finding:
      'The partnership is between service users and community members, not mental health professionals',
    when: together(
      ALL_STAGES,
      usersAtLeast('partner'),
      { side: 'community', atLeast: 'partner' },
      professionalsBelowPartner,
    ),
  },
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'does-not-fit',
    id: 'cp.users-alone',
    statement:
      'Service users making a service without mental health professionals as partners goes beyond co-production: it is user-led.',
    finding:
      'Service users make it without mental health professionals as partners, which goes beyond co-production',
    when: together(MAKING, usersAtLeast('partner'), professionalsBelowPartner),
  },
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'does-not-fit',
    id: 'cp.users-absent',
    statement:
      'If service users are known to take no equal part in design or delivery, and no partnership is recorded elsewhere, it is not co-production, whatever else is unknown.',
    finding: 'Service users take no equal part in making it',
    when: {
      atStage: { stages: MAKING, every: true, where: [{ side: 'users', below: 'partner' }] },
    },
  },
  {
    kind: 'verdict',
    model: 'co-production',
    fit: 'undetermined',
    id: 'cp.unsettled',
    statement:
      'If the record does not say who designed and delivered it, co-production cannot be settled.',
    finding:
      'The record does not say how far service users and professionals took part in design and delivery',
    when: { always: true },
  },
  {
    kind: 'note',
    model: 'co-production',
    id: 'cp.attempt',
    statement:
      'An attempt at co-production that failed or is still going on is reported with the reading.',
    finding: 'Attempted',
    when: { attempt: { outcome: ['failed', 'ongoing'] } },
  },

  // Evidence-based practice: research evidence drives the change, and the change is tested.
  {
    kind: 'verdict',
    model: 'evidence-based-practice',
    fit: 'fits',
    id: 'ebp.evidence-cycle',
    statement:
      'Evidence-based practice fits when research evidence drove the change, the evidence was reviewed, and the change was evaluated by a pilot, a before-and-after comparison or a trial.',
    finding: 'Research evidence drove the change, and the change was tested',
    when: {
      all: [
        { field: 'evidence.drivenByEvidence', is: true },
        { field: 'evidence.reviewed', is: true },
        { field: 'evidence.evaluation', in: ['pilot', 'before-after', 'controlled-trial'] },
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'evidence-based-practice',
    fit: 'partly-fits',
    id: 'ebp.part-of-cycle',
    statement:
      'Evidence-based practice fits in part when only some of the cycle is there: evidence drove or was reviewed for the change, or the change was properly evaluated.',
    finding: 'Part of the evidence cycle is there',
    when: {
      any: [
        { field: 'evidence.drivenByEvidence', is: true },
        { field: 'evidence.reviewed', is: true },
        { field: 'evidence.evaluation', in: ['pilot', 'before-after', 'controlled-trial'] },
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'evidence-based-practice',
    fit: 'does-not-fit',
    id: 'ebp.no-evidence',
    statement:
      'Evidence-based practice does not fit when evidence neither drove nor was reviewed for the change, and it was not evaluated beyond feedback.',
    finding: 'Research evidence played no part',
    when: {
      all: [
        { field: 'evidence.drivenByEvidence', is: false },
        { field: 'evidence.reviewed', is: false },
        { field: 'evidence.evaluation', in: ['none', 'feedback'] },
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'evidence-based-practice',
    fit: 'undetermined',
    id: 'ebp.unsettled',
    statement:
      'If the record does not say what evidence drove and tested the change, evidence-based practice cannot be settled.',
    finding:
      'The record does not say enough about the evidence behind the change and its evaluation',
    when: { always: true },
  },
  {
    kind: 'note',
    model: 'evidence-based-practice',
    id: 'ebp.involvement-neither-way',
    statement:
      'Evidence-based practice neither needs nor rules out service user involvement; its reading says nothing about involvement.',
    finding: 'This model neither needs nor rules out service user involvement',
    when: { always: true },
  },

  // Service user-led: people with lived experience control the key stages, professionals do not share them.
  {
    kind: 'verdict',
    model: 'service-user-led',
    fit: 'fits',
    id: 'ul.users-control',
    statement:
      'Service user-led fits when people with lived experience lead design and delivery without professionals as partners, and no one else is recorded as holding governance (money, staff and policy) or sharing it with professionals.',
    finding:
      'People with lived experience lead design and delivery, and no one else is recorded as holding governance',
    when: {
      all: [
        { atStage: { stages: MAKING, every: true, where: usersLeadAlone } },
        { atStage: { stages: ['governance'], where: governanceNotHeldByOthers } },
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'service-user-led',
    fit: 'partly-fits',
    id: 'ul.some-stages',
    statement:
      'Service user-led fits in part when people with lived experience lead some key stages (design, delivery or governance) without professionals as partners, but not all of them.',
    finding: 'People with lived experience lead some key stages but not all',
    when: { atStage: { stages: KEY_STAGES, where: usersLeadAlone } },
  },
  {
    kind: 'verdict',
    model: 'service-user-led',
    fit: 'does-not-fit',
    id: 'ul.not-user-led',
    statement:
      'Service user-led does not fit when people with lived experience are known not to lead design or delivery on their own.',
    finding: 'People with lived experience do not lead design or delivery',
    when: { not: { atStage: { stages: MAKING, where: usersLeadAlone } } },
  },
  {
    kind: 'verdict',
    model: 'service-user-led',
    fit: 'undetermined',
    id: 'ul.unsettled',
    statement:
      'If the record does not say who led design and delivery, service user-led cannot be settled.',
    finding: 'The record does not say who led design and delivery',
    when: { always: true },
  },
  {
    kind: 'note',
    model: 'service-user-led',
    id: 'ul.designed-by-others',
    statement: 'User-led delivery of something that others designed is user-led at delivery only.',
    finding: 'Service users run the delivery, but did not lead the design',
    when: {
      all: [
        together(['delivery'], ...usersLeadAlone),
        together(['design'], { side: 'lived-experience', below: 'partner' }),
      ],
    },
  },
  {
    kind: 'note',
    model: 'service-user-led',
    id: 'ul.attempt',
    statement:
      'An attempt at a user-led approach that failed or is still going on is reported with the reading.',
    finding: 'Attempted',
    when: { attempt: { outcome: ['failed', 'ongoing'] } },
  },

  // Community involvement: community members take part, or users' place in the community is evened out.
  {
    kind: 'verdict',
    model: 'community-involvement',
    fit: 'fits',
    id: 'ci.community-partners',
    statement:
      'Community involvement fits when community members take part as partners or leaders in assessing needs, planning, delivery, evaluation or outreach.',
    finding: 'Community members take part as partners or leaders',
    when: {
      atStage: { stages: COMMUNITY_STAGES, where: [{ side: 'community', atLeast: 'partner' }] },
    },
  },
  {
    kind: 'verdict',
    model: 'community-involvement',
    fit: 'fits',
    id: 'ci.inclusion-with-community',
    statement:
      'Community involvement fits when the component evens out the relationship between service users and the wider public, and community members take some part.',
    finding:
      'It evens out the relationship between service users and the community, with community members taking part',
    when: {
      all: [
        { relationship: { between: ['service-users', 'community'], effect: 'equalises' } },
        { atStage: { stages: ALL_STAGES, where: [{ side: 'community', atLeast: 'informed' }] } },
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'community-involvement',
    fit: 'partly-fits',
    id: 'ci.some-community-part',
    statement:
      'Community involvement fits in part when community members are asked for their views, or the component aims to even out users\u2019 relationship with the public without a recorded community role.',
    finding: 'Community members have some part, or the aim is inclusion in the community',
    when: {
      any: [
        {
          atStage: {
            stages: COMMUNITY_STAGES,
            where: [{ side: 'community', atLeast: 'consulted' }],
          },
        },
        { relationship: { between: ['service-users', 'community'], effect: 'equalises' } },
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'community-involvement',
    fit: 'does-not-fit',
    id: 'ci.no-community',
    statement:
      'Community involvement does not fit when no community members take part and the component does not aim to even out users\u2019 relationship with the public.',
    finding: 'No community members take part, and inclusion in the community is not its aim',
    when: {
      all: [
        { not: { party: { side: 'community' } } },
        { not: { relationship: { between: ['service-users', 'community'], effect: 'equalises' } } },
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'community-involvement',
    fit: 'undetermined',
    id: 'ci.unsettled',
    statement:
      'If the record does not say what part community members took, community involvement cannot be settled.',
    finding: 'The record does not say what part community members took',
    when: { always: true },
  },

  // User-centred design: an iterative design process that answers to end users.
  {
    kind: 'verdict',
    model: 'user-centred-design',
    fit: 'fits',
    id: 'ucd.iterative',
    statement:
      'User-centred design fits when the design was prototyped or tested, revised at least once, and revised in response to end users.',
    finding: 'The design was tried out and revised in response to end users',
    when: {
      all: [
        { field: 'design.stages', includesAny: ['prototype', 'test'] },
        { field: 'design.iterations', atLeast: 1 },
        { field: 'design.respondsToEndUsers', is: true },
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'user-centred-design',
    fit: 'does-not-fit',
    id: 'ucd.not-responsive',
    statement:
      'User-centred design does not fit when the design was not revised in response to end users.',
    finding: 'The design did not answer to end users',
    when: { field: 'design.respondsToEndUsers', is: false },
  },
  {
    kind: 'verdict',
    model: 'user-centred-design',
    fit: 'partly-fits',
    id: 'ucd.some-design-work',
    statement:
      'User-centred design fits in part when there was some design work (research, ideas, prototypes or tests) or end users were asked about the design, but not a full cycle of revision in response to them.',
    finding:
      'Some user-centred design work is recorded, but not a full cycle of revision in response to end users',
    when: {
      any: [
        { field: 'design.stages', includesAny: ['research', 'ideation', 'prototype', 'test'] },
        { field: 'design.respondsToEndUsers', is: true },
        together(['design', 'piloting'], usersAtLeast('consulted')),
      ],
    },
  },
  {
    kind: 'verdict',
    model: 'user-centred-design',
    fit: 'undetermined',
    id: 'ucd.unsettled',
    statement:
      'If the record does not describe the design process, user-centred design cannot be settled.',
    finding: 'The record does not describe the design process',
    when: { always: true },
  },
  {
    kind: 'note',
    model: 'user-centred-design',
    id: 'ucd.no-power-gap',
    statement:
      'When the designers and the client themselves have lived experience, the usual power gap between them and end users is absent.',
    finding:
      'The designers and the client have lived experience, so the usual gap in power between them and end users is absent',
    whenFit: ['fits', 'partly-fits'],
    when: {
      all: [
        { party: { kind: 'designers', livedExperience: true } },
        { party: { kind: 'funder-or-client', livedExperience: true } },
      ],
    },
  },
  {
    kind: 'note',
    model: 'user-centred-design',
    id: 'ucd.usual-hierarchy',
    statement:
      'Where neither designer nor client has lived experience, end users sit at the bottom of the designer\u2013client\u2013user triangle, short of an equal partnership.',
    finding:
      'Neither designer nor client is recorded as having lived experience, so end users are likely to have the least power in the design',
    whenFit: ['fits', 'partly-fits'],
    when: {
      all: [
        { not: { party: { kind: 'designers', livedExperience: true } } },
        { not: { party: { kind: 'funder-or-client', livedExperience: true } } },
      ],
    },
  },

  // Relationships the component evens out, found from the roles.
  {
    kind: 'equalises',
    id: 'eq.users-professionals',
    between: ['service-users', 'mental-health-professionals'],
    statement:
      'Service users and mental health professionals working as partners at the same stage evens out their relationship.',
    finding: 'Service users and mental health professionals are partners at the same stage',
    when: together(ALL_STAGES, usersAtLeast('partner'), professionalsPartner),
  },
  {
    kind: 'equalises',
    id: 'eq.users-community',
    between: ['service-users', 'community'],
    statement:
      'Service users and community members working as partners at the same stage evens out their relationship.',
    finding: 'Service users and community members are partners at the same stage',
    when: together(ALL_STAGES, usersAtLeast('partner'), { side: 'community', atLeast: 'partner' }),
  },
  {
    kind: 'equalises',
    id: 'eq.users-other-services',
    between: ['service-users', 'other-professionals'],
    statement:
      'Service users working as partners with other services (housing, education) at the same stage evens out their relationship.',
    finding: 'Service users and other services are partners at the same stage',
    when: together(ALL_STAGES, usersAtLeast('partner'), {
      side: 'other-professionals',
      atLeast: 'partner',
    }),
  },

  // Readings across models; their tests are the same for every case and are built in.
  {
    kind: 'reading',
    id: 'eq.recorded',
    statement:
      'A relationship the record says the component evens out is listed as equalised, with its source.',
  },
  {
    kind: 'reading',
    id: 'hum.without-equalising',
    statement:
      'Humane features with no relationship evened out are humanising without equalising: good, but not a flattening of hierarchy.',
  },
  {
    kind: 'reading',
    id: 'hum.with-equalising',
    statement: 'Humane features alongside an evened-out relationship are noted as both.',
  },
  {
    kind: 'reading',
    id: 'label.not-supported',
    statement:
      'When the initiative describes itself as a model that the reading does not find to fit, the label is not supported, and the models that do fit are named.',
  },
  {
    kind: 'reading',
    id: 'overall.strongest',
    statement:
      'The initiative as a whole fits a model as strongly as its strongest component: fits, then partly fits, then undetermined, then does not fit.',
  },
];

/** The rulebook in force. Bump the version whenever a rule's meaning changes. */
export const RULEBOOK: Rulebook = { version: '1.0.0', rules: RULES };
