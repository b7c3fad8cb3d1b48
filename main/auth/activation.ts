/**
 * Account activation from the e-mail link (seed "Créer un compte de connexion Okta", steps 1–2):
 * redeem the activation token (`POST /api/v1/authn {token}` → PASSWORD_RESET, recoveryType
 * ACCOUNT_ACTIVATION), then one "Create My Account" that sets the password, enrolls the security
 * question (Okta's `question` factor) and records the security image.
 */
import { z } from 'zod';
import type { ActivationOptionsView, TransactionView } from '../../preload/contract.ts';
import type { AppError } from '../core/errors.ts';
import { failWith, ok, type Result } from '../core/result.ts';
import type { AuthService } from './auth-service.ts';
import { requestJson, type HttpDeps } from './authn-http.ts';
import { orgImageAsDataUrl } from './security-image.ts';

const Questions = z.array(z.looseObject({ question: z.string().max(64), questionText: z.string().max(300) })).max(50);
const Images = z.array(z.looseObject({ id: z.string().max(64), href: z.string().max(2000), description: z.record(z.string(), z.string().max(200)).or(z.string().max(200)) })).max(40);

export interface ActivationDeps extends HttpDeps {
  readonly orgUrl: string;
  readonly auth: AuthService;
  readonly language?: () => string;
}

/**
 * Okta answers 401 E0000004 for every unusable activation token. The local org adds
 * `errorCauses[0].reason` (ACTIVATION_TOKEN_USED / _EXPIRED / _INVALID, see
 * main/local-org/authn/activation-token.ts); it decides the way forward the screen offers: sign in, or ask
 * for a new link. Without it (a real Okta org) the screen explains both ways.
 */
const TOKEN_REASONS: Readonly<Record<string, AppError['code']>> = {
  ACTIVATION_TOKEN_USED: 'E_AUTH_ACTIVATION_TOKEN_USED',
  ACTIVATION_TOKEN_EXPIRED: 'E_AUTH_ACTIVATION_TOKEN_EXPIRED',
};

export function activationTokenError(error: AppError): AppError {
  if (error.code !== 'E_AUTH_BAD_CREDENTIALS') return error;
  const reasons = (error.cause as { causes?: string[] } | undefined)?.causes ?? [];
  const code = reasons.map((reason) => TOKEN_REASONS[reason]).find(Boolean) ?? 'E_AUTH_ACTIVATION_TOKEN_INVALID';
  return { ...error, code };
}

function notFound(error: AppError): boolean {
  return (error.cause as { status?: unknown } | undefined)?.status === 404;
}

export function createActivation(deps: ActivationDeps) {
  const { auth } = deps;
  return {
    async redeem(token: string): Promise<Result<TransactionView>> {
      const result = await auth.redeemToken(token);
      return result.ok ? result : failWith(activationTokenError(result.error));
    },

    async options(): Promise<Result<ActivationOptionsView>> {
      const userId = auth.userId();
      if (!userId) return { ok: false, error: { code: 'E_AUTH_NO_TRANSACTION' } };
      const questions = await requestJson(deps, 'GET', new URL(`/api/v1/users/${encodeURIComponent(userId)}/factors/questions`, deps.orgUrl).toString(), undefined, Questions, { idempotent: true });
      if (!questions.ok) return questions;
      const images = await requestJson(deps, 'GET', new URL('/login/security-images', deps.orgUrl).toString(), undefined, Images, { idempotent: true });
      // An org without security images (Identity Engine removed them, okta-idx.md §6) answers 404: no image
      // to choose, and the screen says so, rather than an error.
      if (!images.ok && notFound(images.error)) return ok({ questions: questions.value.map((q) => ({ id: q.question, text: q.questionText })), images: [] });
      if (!images.ok) return images;
      const lang = deps.language?.() ?? 'fr';
      const loaded = await Promise.all(
        images.value.map(async (image) => ({
          id: image.id,
          dataUrl: (await orgImageAsDataUrl(deps.fetch, deps.orgUrl, image.href)) ?? '',
          description: typeof image.description === 'string' ? image.description : (image.description[lang] ?? image.description.en ?? image.id),
        })),
      );
      return ok({ questions: questions.value.map((q) => ({ id: q.question, text: q.questionText })), images: loaded.filter((image) => image.dataUrl !== '') });
    },

    /**
     * One "Create My Account": password, security question and image (when the org has images) in the
     * same reset_password call on Classic; on Identity Engine the client enrolls the password, then the question.
     */
    createAccount(request: { newPassword: string; question: string; answer: string; securityImage?: string | undefined }): Promise<Result<TransactionView>> {
      return auth.resetPassword(request.newPassword, {
        recoveryQuestion: { question: request.question, answer: request.answer },
        ...(request.securityImage === undefined ? {} : { securityImage: request.securityImage }),
      });
    },
  };
}
