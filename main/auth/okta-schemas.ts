/**
 * Okta Authentication API response shapes, validated on `unknown` at the HTTP boundary (convention 4).
 * Objects are loose on purpose: Okta adds fields over time and a new field must not break sign-in.
 * Source: https://developer.okta.com/docs/reference/api/authn/ ("Transaction object", "Links object").
 */
import { z } from 'zod';

export const OktaLink = z.looseObject({
  href: z.url(),
  name: z.string().optional(),
  type: z.string().optional(),
});
export type OktaLink = z.infer<typeof OktaLink>;

const LinkOrList = z.union([OktaLink, z.array(OktaLink)]);

export const OktaLinks = z.looseObject({
  next: OktaLink.optional(),
  prev: OktaLink.optional(),
  cancel: OktaLink.optional(),
  skip: OktaLink.optional(),
  resend: LinkOrList.optional(),
});

export const OktaActivation = z.looseObject({
  timeStep: z.number().optional(),
  sharedSecret: z.string().optional(),
  encoding: z.string().optional(),
  keyLength: z.number().optional(),
  expiresAt: z.string().optional(),
  factorResult: z.string().optional(),
  challenge: z.string().optional(),
  _links: z.looseObject({ qrcode: OktaLink.optional() }).optional(),
});

export const OktaFactor = z.looseObject({
  id: z.string().optional(),
  factorType: z.string(),
  provider: z.string(),
  vendorName: z.string().optional(),
  status: z.string().optional(),
  enrollment: z.string().optional(),
  profile: z.record(z.string(), z.unknown()).nullish(),
  _links: z.looseObject({ enroll: OktaLink.optional(), verify: OktaLink.optional(), questions: OktaLink.optional() }).optional(),
  _embedded: z
    .looseObject({
      activation: OktaActivation.optional(),
      challenge: z.looseObject({ correctAnswer: z.number().optional(), challenge: z.string().optional() }).optional(),
    })
    .nullish(),
});
export type OktaFactor = z.infer<typeof OktaFactor>;

export const OktaPolicyComplexity = z.looseObject({
  minLength: z.number().optional(),
  minLowerCase: z.number().optional(),
  minUpperCase: z.number().optional(),
  minNumber: z.number().optional(),
  minSymbol: z.number().optional(),
  // The doc example shows the string "true"; widget fixtures use a boolean.
  excludeUsername: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  excludeAttributes: z.array(z.string()).optional(),
});

export const OktaUser = z.looseObject({
  id: z.string().optional(),
  profile: z
    .looseObject({ login: z.string(), firstName: z.string().nullish(), lastName: z.string().nullish(), locale: z.string().nullish() })
    .optional(),
});

export const OktaTransaction = z.looseObject({
  status: z.string(),
  stateToken: z.string().optional(),
  sessionToken: z.string().optional(),
  expiresAt: z.string().optional(),
  factorResult: z.string().optional(),
  recoveryType: z.string().optional(),
  _embedded: z
    .looseObject({
      user: OktaUser.optional(),
      policy: z.looseObject({ complexity: OktaPolicyComplexity.optional() }).optional(),
      factors: z.array(OktaFactor).optional(),
      factor: OktaFactor.optional(),
    })
    .optional(),
  _links: OktaLinks.optional(),
});
export type OktaTransaction = z.infer<typeof OktaTransaction>;

export const OktaErrorBody = z.looseObject({
  errorCode: z.string(),
  errorSummary: z.string().optional(),
  errorId: z.string().optional(),
  errorCauses: z.array(z.looseObject({ errorSummary: z.string().optional() })).optional(),
});
export type OktaErrorBody = z.infer<typeof OktaErrorBody>;
