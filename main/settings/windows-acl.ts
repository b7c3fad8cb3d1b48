/**
 * Who may change the machine policy on Windows, read from the file's security descriptor in SDDL (Microsoft,
 * "Security Descriptor String Format", "ACE Strings", "SID Strings"), as PowerShell prints it with
 * `(Get-Acl -LiteralPath <file>).Sddl`. Why SDDL and not icacls: icacls prints no owner ("owner … not
 * saved", `icacls /?`), and prints account names in the Windows display language ("BUILTIN\Administrateurs"
 * on a French-Canadian PC), whereas SDDL gives the owner and every ACE by SID, the same in every language.
 *
 * The rule: owner Administrators, SYSTEM or TrustedInstaller, and no ACE that applies to the object allows
 * any write-class right (data, append, attributes, extended attributes, delete, delete child, change
 * permissions or owner, generic write/all) to anyone else — Users, Authenticated Users, Everyone,
 * Interactive, or a single user's SID. ProgramData lets every user create folders and files (they become
 * their owner), which is exactly what the owner check refuses.
 */

const WELL_KNOWN: Record<string, string> = {
  BA: 'S-1-5-32-544', // BUILTIN\Administrators
  SY: 'S-1-5-18', // NT AUTHORITY\SYSTEM
  BU: 'S-1-5-32-545', // BUILTIN\Users
  AU: 'S-1-5-11', // Authenticated Users
  WD: 'S-1-1-0', // Everyone
  IU: 'S-1-5-4', // Interactive
  AN: 'S-1-5-7', // Anonymous
  BG: 'S-1-5-32-546', // Guests
  PU: 'S-1-5-32-547', // Power Users
  CO: 'S-1-3-0', // CREATOR OWNER
  CG: 'S-1-3-1', // CREATOR GROUP
  OW: 'S-1-3-4', // OWNER RIGHTS
  LS: 'S-1-5-19', // LOCAL SERVICE
  NS: 'S-1-5-20', // NETWORK SERVICE
  AC: 'S-1-15-2-1', // ALL APPLICATION PACKAGES
};
export const SID = { administrators: 'S-1-5-32-544', system: 'S-1-5-18', trustedInstaller: 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464' } as const;
const TRUSTED_OWNERS = new Set<string>([SID.administrators, SID.system, SID.trustedInstaller]);
/** May hold write rights: the trusted owners, and the owner placeholders (the owner is one of them). */
const TRUSTED_WRITERS = new Set<string>([...TRUSTED_OWNERS, WELL_KNOWN.CO as string, WELL_KNOWN.OW as string]);

/** Access-right abbreviations of ACE strings, as mask bits. */
const RIGHTS: Record<string, number> = {
  GA: 0x10000000, GR: 0x80000000, GW: 0x40000000, GX: 0x20000000,
  RC: 0x20000, SD: 0x10000, WD: 0x40000, WO: 0x80000,
  RP: 0x10, WP: 0x20, CC: 0x1, DC: 0x2, LC: 0x4, SW: 0x8, LO: 0x80, DT: 0x40, CR: 0x100,
  FA: 0x1f01ff, FR: 0x120089, FW: 0x120116, FX: 0x1200a0,
  KA: 0xf003f, KR: 0x20019, KW: 0x20006, KX: 0x20019,
};
/** FILE_WRITE_DATA, FILE_APPEND_DATA, FILE_WRITE_EA, FILE_DELETE_CHILD, FILE_WRITE_ATTRIBUTES, DELETE, WRITE_DAC, WRITE_OWNER, GENERIC_ALL, GENERIC_WRITE. */
const WRITE_MASK = 0x2 | 0x4 | 0x10 | 0x40 | 0x100 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;

export interface Ace {
  readonly type: string;
  readonly flags: readonly string[];
  readonly mask: number;
  readonly sid: string;
}
export interface SecurityDescriptor {
  readonly owner?: string;
  /** undefined: no DACL at all, or NO_ACCESS_CONTROL — everyone has full access. */
  readonly dacl?: readonly Ace[];
}

const sidOf = (text: string) => WELL_KNOWN[text] ?? text.toUpperCase();

function rightsMask(text: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length % 2 !== 0) return undefined;
  let mask = 0;
  for (let i = 0; i < text.length; i += 2) {
    const bits = RIGHTS[text.slice(i, i + 2).toUpperCase()];
    if (bits === undefined) return undefined;
    mask |= bits;
  }
  return mask >>> 0;
}

/** Parses an SDDL string; undefined when it is not one (the caller then refuses the file). */
export function parseSddl(text: string): SecurityDescriptor | undefined {
  const sddl = text.trim();
  // Top-level sections start with O:, G:, D: or S: outside parentheses.
  const sections = new Map<string, string>();
  let depth = 0;
  let current: string | undefined;
  let start = 0;
  for (let i = 0; i < sddl.length; i += 1) {
    const c = sddl[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (depth === 0 && sddl[i + 1] === ':' && 'OGDS'.includes(c ?? '')) {
      if (current) sections.set(current, sddl.slice(start, i));
      current = c;
      start = i + 2;
      i += 1;
    }
    if (depth < 0) return undefined;
  }
  if (!current || depth !== 0) return undefined;
  sections.set(current, sddl.slice(start));
  const owner = sections.get('O');
  const daclText = sections.get('D');
  if (daclText === undefined || daclText.startsWith('NO_ACCESS_CONTROL')) return { ...(owner ? { owner: sidOf(owner) } : {}) };
  const open = daclText.indexOf('(');
  const aceTexts = open === -1 ? [] : daclText.slice(open).match(/\(([^)]*)\)/g);
  const dacl: Ace[] = [];
  for (const raw of aceTexts ?? []) {
    const [type, flags, rights, , , account] = raw.slice(1, -1).split(';');
    const mask = rightsMask(rights ?? '');
    if (!type || mask === undefined || !account) return undefined;
    dacl.push({ type: type.toUpperCase(), flags: (flags ?? '').match(/../g) ?? [], mask, sid: sidOf(account) });
  }
  return { ...(owner ? { owner: sidOf(owner) } : {}), dacl };
}

/** Why this descriptor lets someone other than an administrator change the file, or undefined. */
export function windowsAclProblem(sddl: string): string | undefined {
  const descriptor = parseSddl(sddl);
  if (!descriptor) return 'unreadable security descriptor';
  if (!descriptor.owner || !TRUSTED_OWNERS.has(descriptor.owner)) return `owned by ${descriptor.owner ?? 'nobody'}, not Administrators, SYSTEM or TrustedInstaller`;
  if (!descriptor.dacl) return 'no access control list: everyone may write';
  for (const ace of descriptor.dacl) {
    if (ace.flags.includes('IO')) continue; // inherit-only: applies to children, not to this object
    if (!['A', 'XA', 'ZA', 'OA'].includes(ace.type)) continue; // deny and audit entries grant nothing
    if ((ace.mask & WRITE_MASK) !== 0 && !TRUSTED_WRITERS.has(ace.sid)) return `writable by ${ace.sid}`;
  }
  return undefined;
}
