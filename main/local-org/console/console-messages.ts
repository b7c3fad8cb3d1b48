/**
 * The support console's words, fr-CA and en. Support staff in Québec use the console too; the pages are
 * rendered on the server, so the console keeps its own catalog here (the renderer's catalogs are for the
 * app's screens) and follows the same glossary (renderer/i18n/glossary.json): "méthode de vérification",
 * "courriel", "demande d’aide". test/unit/main/local-org/console-messages.test.ts holds both to it.
 */
export type ConsoleLang = 'fr' | 'en';
export const CONSOLE_LANGS: readonly ConsoleLang[] = ['fr', 'en'];

const en = {
  'title': 'wiTECH support console',
  'lang.label': 'Language',
  'lang.other': 'Français',
  'nav.label': 'Console',
  'nav.signedInAs': 'Signed in: {login}',
  'nav.requests': 'Help requests',
  'nav.audit': 'Audit log',
  'nav.signOut': 'Sign out',
  'signIn.heading': 'Sign in',
  'signIn.intro': 'For support staff with an administrator role.',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.refused': 'Sign-in failed. Check the username and password, then try again.',
  'signIn.tooMany': 'Too many attempts. Wait a minute, then try again.',
  'verify.heading': 'Verification',
  'verify.method': 'Verification method',
  'verify.code': 'Verification code',
  'verify.codeHint': 'The 6-digit code from your authenticator app, or touch your YubiKey.',
  'verify.submit': 'Verify',
  'list.heading': 'Help requests',
  'list.search': 'Search',
  'list.searchHint': 'Reference, e-mail, reason or words of the message',
  'list.includeClosed': 'Include closed requests',
  'list.submit': 'Search',
  'list.empty': 'No requests',
  'col.reference': 'Reference',
  'col.email': 'E-mail',
  'col.reason': 'Reason',
  'col.status': 'Status',
  'col.received': 'Received',
  'col.message': 'Message',
  'col.diagnostics': 'Diagnostics',
  'request.heading': 'Request {reference}',
  'request.account': 'Account',
  'account.username': 'Username',
  'account.status': 'Account status',
  'account.methods': 'Verification methods',
  'account.noMethods': 'None',
  'account.missing': 'No account uses this e-mail address.',
  'action.reset-factors': 'Reset verification methods',
  'action.unlock': 'Unlock account',
  'action.resend-activation': 'Resend activation e-mail',
  'action.close': 'Close request',
  'done.reset-factors': 'Verification methods reset. The technician gets an e-mail and sets a method up again at the next sign-in.',
  'done.unlock': 'Account unlocked.',
  'done.resend-activation': 'Activation e-mail sent again.',
  'done.close': 'Request closed.',
  'close.heading': 'Close the request',
  'close.note': 'Closing note',
  'close.closed': 'Closed on {when} by {who}: {note}',
  'requestStatus.OPEN': 'Open',
  'requestStatus.CLOSED': 'Closed',
  'userStatus.STAGED': 'Created, not activated',
  'userStatus.PROVISIONED': 'Waiting for activation',
  'userStatus.ACTIVE': 'Active',
  'userStatus.RECOVERY': 'Password reset in progress',
  'userStatus.LOCKED_OUT': 'Locked',
  'userStatus.PASSWORD_EXPIRED': 'Password expired',
  'userStatus.SUSPENDED': 'Suspended',
  'userStatus.DEPROVISIONED': 'Deactivated',
  'method.google': 'Google Authenticator',
  'method.oktaCode': 'Okta Verify (code)',
  'method.oktaPush': 'Okta Verify (notification)',
  'method.question': 'Security question',
  'method.yubikeyOtp': 'YubiKey (one-touch code)',
  'method.securityKey': 'Security key',
  'methodStatus.ACTIVE': 'set up',
  'methodStatus.PENDING_ACTIVATION': 'setup not finished',
  'reason.Cannot log in': 'Cannot log in',
  'reason.Lost or replaced phone': 'Lost or replaced phone',
  'reason.Account locked': 'Account locked',
  'reason.Activation e-mail not received': 'Activation e-mail not received',
  'reason.Other': 'Other',
  'audit.heading': 'Audit log',
  'audit.when': 'When',
  'audit.who': 'Who',
  'audit.action': 'Action',
  'audit.target': 'Target',
  'audit.detail': 'Detail',
  'audit.empty': 'No entries',
  'detail.email': 'E-mail',
  'detail.note': 'Note',
  'detail.factorsRemoved': 'Methods removed',
  'detail.role': 'Role',
  'auditAction.sign-in': 'Console sign-in',
  'auditAction.reset-factors': 'Verification methods reset',
  'auditAction.unlock': 'Account unlocked',
  'auditAction.resend-activation': 'Activation e-mail sent again',
  'auditAction.close': 'Request closed',
  'auditAction.yubikey-add': 'YubiKey registered',
  'auditAction.admin-grant': 'Administrator role granted',
} as const;

export type ConsoleKey = keyof typeof en;

const fr: Record<ConsoleKey, string> = {
  'title': 'Console d’assistance wiTECH',
  'lang.label': 'Langue',
  'lang.other': 'English',
  'nav.label': 'Console',
  'nav.signedInAs': 'Connecté : {login}',
  'nav.requests': 'Demandes d’aide',
  'nav.audit': 'Journal d’audit',
  'nav.signOut': 'Se déconnecter',
  'signIn.heading': 'Connexion',
  'signIn.intro': 'Pour le personnel de l’assistance ayant un rôle d’administrateur.',
  'signIn.username': 'Nom d’utilisateur',
  'signIn.password': 'Mot de passe',
  'signIn.submit': 'Se connecter',
  'signIn.refused': 'Échec de la connexion. Vérifiez le nom d’utilisateur et le mot de passe, puis réessayez.',
  'signIn.tooMany': 'Trop de tentatives. Attendez une minute, puis réessayez.',
  'verify.heading': 'Vérification',
  'verify.method': 'Méthode de vérification',
  'verify.code': 'Code de vérification',
  'verify.codeHint': 'Le code à 6 chiffres de votre application d’authentification, ou touchez votre YubiKey.',
  'verify.submit': 'Vérifier',
  'list.heading': 'Demandes d’aide',
  'list.search': 'Rechercher',
  'list.searchHint': 'Référence, courriel, motif ou mots du message',
  'list.includeClosed': 'Inclure les demandes fermées',
  'list.submit': 'Rechercher',
  'list.empty': 'Aucune demande',
  'col.reference': 'Référence',
  'col.email': 'Courriel',
  'col.reason': 'Motif',
  'col.status': 'État',
  'col.received': 'Reçue le',
  'col.message': 'Message',
  'col.diagnostics': 'Diagnostics',
  'request.heading': 'Demande {reference}',
  'request.account': 'Compte',
  'account.username': 'Nom d’utilisateur',
  'account.status': 'État du compte',
  'account.methods': 'Méthodes de vérification',
  'account.noMethods': 'Aucune',
  'account.missing': 'Aucun compte n’utilise cette adresse courriel.',
  'action.reset-factors': 'Réinitialiser les méthodes de vérification',
  'action.unlock': 'Déverrouiller le compte',
  'action.resend-activation': 'Renvoyer le courriel d’activation',
  'action.close': 'Fermer la demande',
  'done.reset-factors': 'Méthodes de vérification réinitialisées. Le technicien reçoit un courriel et configure de nouveau une méthode à sa prochaine connexion.',
  'done.unlock': 'Compte déverrouillé.',
  'done.resend-activation': 'Courriel d’activation renvoyé.',
  'done.close': 'Demande fermée.',
  'close.heading': 'Fermer la demande',
  'close.note': 'Note de fermeture',
  'close.closed': 'Fermée le {when} par {who} : {note}',
  'requestStatus.OPEN': 'Ouverte',
  'requestStatus.CLOSED': 'Fermée',
  'userStatus.STAGED': 'Créé, pas encore activé',
  'userStatus.PROVISIONED': 'En attente d’activation',
  'userStatus.ACTIVE': 'Actif',
  'userStatus.RECOVERY': 'Réinitialisation du mot de passe en cours',
  'userStatus.LOCKED_OUT': 'Verrouillé',
  'userStatus.PASSWORD_EXPIRED': 'Mot de passe expiré',
  'userStatus.SUSPENDED': 'Suspendu',
  'userStatus.DEPROVISIONED': 'Désactivé',
  'method.google': 'Google Authenticator',
  'method.oktaCode': 'Okta Verify (code)',
  'method.oktaPush': 'Okta Verify (notification)',
  'method.question': 'Question de sécurité',
  'method.yubikeyOtp': 'YubiKey (code d’une touche)',
  'method.securityKey': 'Clé de sécurité',
  'methodStatus.ACTIVE': 'configurée',
  'methodStatus.PENDING_ACTIVATION': 'configuration inachevée',
  'reason.Cannot log in': 'Impossible de se connecter',
  'reason.Lost or replaced phone': 'Téléphone perdu ou remplacé',
  'reason.Account locked': 'Compte verrouillé',
  'reason.Activation e-mail not received': 'Courriel d’activation non reçu',
  'reason.Other': 'Autre',
  'audit.heading': 'Journal d’audit',
  'audit.when': 'Date',
  'audit.who': 'Par',
  'audit.action': 'Opération',
  'audit.target': 'Objet',
  'audit.detail': 'Détail',
  'audit.empty': 'Aucune entrée',
  'detail.email': 'Courriel',
  'detail.note': 'Note',
  'detail.factorsRemoved': 'Méthodes retirées',
  'detail.role': 'Rôle',
  'auditAction.sign-in': 'Connexion à la console',
  'auditAction.reset-factors': 'Méthodes de vérification réinitialisées',
  'auditAction.unlock': 'Compte déverrouillé',
  'auditAction.resend-activation': 'Courriel d’activation renvoyé',
  'auditAction.close': 'Demande fermée',
  'auditAction.yubikey-add': 'YubiKey enregistrée',
  'auditAction.admin-grant': 'Rôle d’administrateur accordé',
};

export const CONSOLE_MESSAGES: Readonly<Record<ConsoleLang, Readonly<Record<ConsoleKey, string>>>> = { en, fr };

export type ConsoleText = (key: ConsoleKey, vars?: Readonly<Record<string, string>>) => string;

export function consoleText(lang: ConsoleLang): ConsoleText {
  const catalog = CONSOLE_MESSAGES[lang];
  return (key, vars = {}) => catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** A data value (a reason, an audit action) shown by its label when the catalog has one, as sent otherwise. */
export function labelOr(lang: ConsoleLang, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in CONSOLE_MESSAGES[lang] ? CONSOLE_MESSAGES[lang][key as ConsoleKey] : value;
}

/**
 * The page's language: the switch's `?lang=` first, then the console's language cookie, then the
 * browser's Accept-Language by preference order (q values); French when nothing says otherwise.
 */
export function pickConsoleLang(query: string | null | undefined, cookie: string | undefined, acceptLanguage: string | undefined): ConsoleLang {
  for (const choice of [query, cookie]) if (choice === 'fr' || choice === 'en') return choice;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked.find((entry) => entry.lang === 'fr' || entry.lang === 'en')?.lang as ConsoleLang | undefined) ?? 'fr';
}
