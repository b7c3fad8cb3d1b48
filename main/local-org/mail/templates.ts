/**
 * E-mail texts in the user's language (French or English), after the messages the seed articles
 * describe: the activation e-mail with its link, and the wiTECH team's notice once support has
 * reset the account. Plain text: it renders everywhere and has no remote content to block.
 */
export type MailTemplate = 'activation' | 'factors-reset' | 'account-unlocked' | 'password-recovery' | 'unlock-recovery' | 'help-request-ack' | 'email-code';
export type MailLanguage = 'fr' | 'en';

export interface MailText {
  readonly subject: string;
  readonly text: string;
}

type Vars = Readonly<Record<string, string>>;

export function languageOf(locale: string): MailLanguage {
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const TEXTS: Record<MailTemplate, Record<MailLanguage, (v: Vars) => MailText>> = {
  activation: {
    en: (v) => ({
      subject: 'Activate your wiTECH 2.0 sign-in account',
      text: `Hello ${v.firstName},\n\nA wiTECH 2.0 sign-in account was created for you (${v.login}).\n\nTo activate it, open Garage Sign-In with this link:\n${v.appLink}\n\nor open this page in a browser:\n${v.activationUrl}\n\nThis link can be used once and expires on ${v.expiresAt}.\n\nThe wiTECH team`,
    }),
    fr: (v) => ({
      subject: 'Activez votre compte de connexion wiTECH 2.0',
      text: `Bonjour ${v.firstName},\n\nUn compte de connexion wiTECH 2.0 a été créé pour vous (${v.login}).\n\nPour l’activer, ouvrez Garage Sign-In avec ce lien :\n${v.appLink}\n\nou ouvrez cette page dans un navigateur :\n${v.activationUrl}\n\nCe lien ne peut servir qu’une fois et expire le ${v.expiresAt}.\n\nL’équipe wiTECH`,
    }),
  },
  'factors-reset': {
    en: (v) => ({
      subject: 'Your wiTECH 2.0 multifactor authentication was reset',
      text: `Hello ${v.firstName},\n\nThe wiTECH team has reset the multifactor authentication of your account (${v.login}).\n\nSign in again with your password: you will be asked to set up Google Authenticator, Okta Verify or a YubiKey.\n${v.orgUrl}\n\nThe wiTECH team`,
    }),
    fr: (v) => ({
      subject: 'Votre authentification multifacteur wiTECH 2.0 a été réinitialisée',
      text: `Bonjour ${v.firstName},\n\nL’équipe wiTECH a réinitialisé l’authentification multifacteur de votre compte (${v.login}).\n\nReconnectez-vous avec votre mot de passe : vous devrez configurer Google Authenticator, Okta Verify ou une YubiKey.\n${v.orgUrl}\n\nL’équipe wiTECH`,
    }),
  },
  'account-unlocked': {
    en: (v) => ({
      subject: 'Your wiTECH 2.0 account was unlocked',
      text: `Hello ${v.firstName},\n\nYour account (${v.login}) was unlocked. You can sign in again with your current password.\n\nThe wiTECH team`,
    }),
    fr: (v) => ({
      subject: 'Votre compte wiTECH 2.0 a été déverrouillé',
      text: `Bonjour ${v.firstName},\n\nVotre compte (${v.login}) a été déverrouillé. Vous pouvez vous reconnecter avec votre mot de passe actuel.\n\nL’équipe wiTECH`,
    }),
  },
  'password-recovery': {
    en: (v) => ({
      subject: 'Reset your wiTECH 2.0 password',
      text: `Hello ${v.firstName},\n\nA password reset was requested for ${v.login}. Open Garage Sign-In with this link:\n${v.appLink}\n\nor this page:\n${v.recoveryUrl}\n\nThe link expires on ${v.expiresAt}. If you did not ask for it, ignore this e-mail.\n\nThe wiTECH team`,
    }),
    fr: (v) => ({
      subject: 'Réinitialisez votre mot de passe wiTECH 2.0',
      text: `Bonjour ${v.firstName},\n\nUne réinitialisation du mot de passe a été demandée pour ${v.login}. Ouvrez Garage Sign-In avec ce lien :\n${v.appLink}\n\nou cette page :\n${v.recoveryUrl}\n\nLe lien expire le ${v.expiresAt}. Si vous ne l’avez pas demandée, ignorez cet e-mail.\n\nL’équipe wiTECH`,
    }),
  },
  'unlock-recovery': {
    en: (v) => ({
      subject: 'Unlock your wiTECH 2.0 account',
      text: `Hello ${v.firstName},\n\nTo unlock your account (${v.login}), open Garage Sign-In with this link:\n${v.appLink}\n\nor this page:\n${v.recoveryUrl}\n\nThe link expires on ${v.expiresAt}.\n\nThe wiTECH team`,
    }),
    fr: (v) => ({
      subject: 'Déverrouillez votre compte wiTECH 2.0',
      text: `Bonjour ${v.firstName},\n\nPour déverrouiller votre compte (${v.login}), ouvrez Garage Sign-In avec ce lien :\n${v.appLink}\n\nou cette page :\n${v.recoveryUrl}\n\nLe lien expire le ${v.expiresAt}.\n\nL’équipe wiTECH`,
    }),
  },
  // Identity Engine's e-mail authenticator: a one-time code for recovery, unlock or a check of the address.
  'email-code': {
    en: (v) => ({
      subject: v.purpose === 'unlock' ? 'Unlock your wiTECH 2.0 account' : v.purpose === 'recovery' ? 'Reset your wiTECH 2.0 password' : 'Your wiTECH 2.0 verification code',
      text: `Hello ${v.firstName},\n\nYour verification code for ${v.login} is:\n\n${v.code}\n\nEnter it in Garage Sign-In, or open this link and confirm:\n${v.link}\n\nThe code and the link can be used once and expire in ${v.minutes} minutes. If you did not ask for them, ignore this e-mail.\n\nThe wiTECH team`,
    }),
    fr: (v) => ({
      subject: v.purpose === 'unlock' ? 'Déverrouillez votre compte wiTECH 2.0' : v.purpose === 'recovery' ? 'Réinitialisez votre mot de passe wiTECH 2.0' : 'Votre code de vérification wiTECH 2.0',
      text: `Bonjour ${v.firstName},\n\nVotre code de vérification pour ${v.login} est :\n\n${v.code}\n\nEntrez-le dans Garage Sign-In, ou ouvrez ce lien et confirmez :\n${v.link}\n\nLe code et le lien ne servent qu’une fois et expirent dans ${v.minutes} minutes. Si vous ne les avez pas demandés, ignorez ce courriel.\n\nL’équipe wiTECH`,
    }),
  },
  'help-request-ack': {
    en: (v) => ({
      subject: `Your help request ${v.reference} was received`,
      text: `Hello,\n\nWe received your help request (${v.reason}). Its reference is ${v.reference}.\n\nThe wiTECH team will e-mail you once your account has been reset. Please wait for that e-mail before signing in again.\n\nThe wiTECH team`,
    }),
    fr: (v) => ({
      subject: `Votre demande d’assistance ${v.reference} a été reçue`,
      text: `Bonjour,\n\nNous avons reçu votre demande d’assistance (${v.reason}). Sa référence est ${v.reference}.\n\nL’équipe wiTECH vous enverra un e-mail lorsque votre compte aura été réinitialisé. Attendez cet e-mail avant de vous reconnecter.\n\nL’équipe wiTECH`,
    }),
  },
};

export function renderMail(template: MailTemplate, locale: string, vars: Vars): MailText {
  return TEXTS[template][languageOf(locale)](vars);
}
