/** The `coprism/1` case format: the one source of its types, its validation and its JSON Schema. */
import { z } from 'zod';
import {
  CERTAINTIES,
  DESIGN_STAGES,
  EFFECTS,
  EVALUATIONS,
  FORMAT,
  LEVELS,
  MODELS,
  OUTCOMES,
  PARTY_KINDS,
  PRODUCTS,
  SERVICE_DOMAINS,
  SOURCE_KINDS,
  STAGES,
  UNKNOWN,
} from './vocabulary.js';
import { LIMITS } from './limits.js';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = (what: string) =>
  z
    .string()
    .max(LIMITS.id)
    .regex(ID_PATTERN)
    .describe(`The ${what}'s id: lower-case words joined by hyphens, e.g. peer-support-groups.`);
const text = (what: string) => z.string().min(1).max(LIMITS.text).describe(what);
const year = z.number().int().min(1800).max(2200);

export const SourceSchema = z
  .strictObject({
    id: id('source'),
    kind: z.enum(SOURCE_KINDS).describe('What kind of source this is.'),
    citation: text('The full reference: authors, title, where and when published.'),
    url: z
      .string()
      .min(1)
      .max(LIMITS.text)
      .optional()
      .describe('Where the source can be read, if public.'),
  })
  .describe('A source that claims rest on.');

export const PartySchema = z
  .strictObject({
    id: id('party'),
    kind: z.enum(PARTY_KINDS).describe('Which kind of party this is.'),
    label: text('Who they are, in plain words.').optional(),
    livedExperience: z
      .boolean()
      .optional()
      .describe('True for a designer, facilitator or client who has used mental health services.'),
    userLed: z
      .boolean()
      .optional()
      .describe('True for an organisation run by and for people who use services.'),
  })
  .describe('A person or group who took part. The list is taken as complete.');

export const RoleSchema = z
  .strictObject({
    party: id('party').describe('The id of a party in this case.'),
    stage: z.enum(STAGES).describe('The stage of the initiative.'),
    level: z.enum(LEVELS).describe('How far the party took part at this stage.'),
    source: id('source').optional().describe('The id of the source this claim rests on.'),
    certainty: z
      .enum(CERTAINTIES)
      .optional()
      .describe('How sure the claim is; reported when left out.'),
    note: text('A short note: page, section or context.').optional(),
  })
  .describe('A claim that a party took part in a stage at a level.');

const withUnknown = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum([...values, UNKNOWN] as [...T, typeof UNKNOWN]);

export const EvidenceSchema = z
  .strictObject({
    drivenByEvidence: z
      .boolean()
      .optional()
      .describe('Was the change started from research evidence?'),
    reviewed: z.boolean().optional().describe('Was the evidence searched and reviewed?'),
    evaluation: z.enum(EVALUATIONS).optional().describe('The strongest evaluation done.'),
  })
  .describe('What research evidence drove and tested the change. Fields left out are unknown.');

export const DesignSchema = z
  .strictObject({
    stages: z.array(z.enum(DESIGN_STAGES)).optional().describe('Design stages that took place.'),
    iterations: z.number().int().min(0).optional().describe('How many design-and-revise cycles.'),
    respondsToEndUsers: z
      .boolean()
      .optional()
      .describe('Was the design revised in response to end users?'),
  })
  .describe('The design process. Fields left out are unknown.');

export const RelationshipSchema = z
  .strictObject({
    between: z.tuple([z.enum(PARTY_KINDS), z.enum(PARTY_KINDS)]).describe('Two party kinds.'),
    effect: z
      .enum(EFFECTS)
      .describe('Whether the component evens out the relationship or keeps it apart.'),
    source: id('source').optional(),
    note: text('A short note.').optional(),
  })
  .describe('A relationship the component evens out or keeps apart.');

export const AttemptSchema = z
  .strictObject({
    model: z.enum(MODELS).describe('The model that was tried for.'),
    with: z.enum(PARTY_KINDS).optional().describe('The kind of party it was tried with.'),
    outcome: z.enum(OUTCOMES).describe('Whether it happened.'),
    source: id('source').optional(),
    note: text('A short note.').optional(),
  })
  .describe('An attempt to work in a given way, and how it turned out.');

export const ComponentSchema = z
  .strictObject({
    id: id('component'),
    title: text('The name of this part of the initiative.'),
    summary: text('What this part does, in a sentence.').optional(),
    serviceDomain: withUnknown(SERVICE_DOMAINS)
      .optional()
      .describe('The field it serves; unknown when left out.'),
    produces: withUnknown(PRODUCTS).optional().describe('What it produces; unknown when left out.'),
    roles: z
      .array(RoleSchema)
      .max(LIMITS.roles)
      .describe('Who took part in which stage, and how far.'),
    evidence: EvidenceSchema.optional(),
    design: DesignSchema.optional(),
    relationships: z.array(RelationshipSchema).max(LIMITS.items).optional(),
    humanising: z.array(text('A humane feature, in plain words.')).max(LIMITS.items).optional(),
    attempts: z.array(AttemptSchema).max(LIMITS.items).optional(),
  })
  .describe('A part of the initiative, analysed on its own.');

export const CaseSchema = z
  .strictObject({
    format: z.literal(FORMAT).describe(`The format name: always ${FORMAT}.`),
    id: id('case'),
    title: text('The initiative\u2019s name.'),
    summary: text('What it is, in a sentence or two.').optional(),
    setting: text('Where it happened.').optional(),
    period: z
      .strictObject({ start: year.optional(), end: year.optional() })
      .optional()
      .describe('The years it ran; either may be left out.'),
    describedAs: z
      .array(z.enum(MODELS))
      .max(LIMITS.items)
      .optional()
      .describe('Models the initiative claims for itself.'),
    sources: z.array(SourceSchema).max(LIMITS.sources).optional(),
    parties: z.array(PartySchema).min(1).max(LIMITS.parties).describe('Everyone who took part.'),
    components: z
      .array(ComponentSchema)
      .min(1)
      .max(LIMITS.components)
      .describe('The parts of the initiative.'),
  })
  .describe('A Coprism case: one mental health service initiative, in the coprism/1 format.');

export type CaseFile = z.infer<typeof CaseSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Party = z.infer<typeof PartySchema>;
export type Role = z.infer<typeof RoleSchema>;
export type Component = z.infer<typeof ComponentSchema>;
export type Relationship = z.infer<typeof RelationshipSchema>;
export type Attempt = z.infer<typeof AttemptSchema>;

/** The JSON Schema of the case format, for editors and other tools. */
export function caseJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CaseSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $id: 'urn:coprism:schema:coprism-1',
    title: 'Coprism case (coprism/1)',
    ...schema,
  };
}
