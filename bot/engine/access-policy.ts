/**
 * What a command or a click needs. `member`: anyone the allowed domains let in, for buttons whose
 * own rules say who may press them (a vote: the approval policy names the voters).
 */
export type Permission = 'anyone' | 'member' | 'view' | 'start' | 'approve';
export type Role = 'partnerAdmin' | 'approver' | 'viewer';

export interface Roles {
  readonly partnerAdmins: readonly string[];
  readonly approvers: readonly string[];
  readonly viewers: readonly string[];
  /** When set, only these email domains get in at all. */
  readonly allowedDomains?: readonly string[];
  /** Whom people without access should ask. */
  readonly contact: string;
}

export type Decision =
  { readonly allowed: true } | { readonly allowed: false; readonly reason: 'outsider' | 'domain' | 'role' };

const grants: Record<Role, readonly Permission[]> = {
  partnerAdmin: ['anyone', 'view', 'start'],
  approver: ['anyone', 'view', 'approve'],
  viewer: ['anyone', 'view'],
};

/** Who may do what, from config; checked at the seam for text and for card clicks alike. */
export class AccessPolicy {
  private readonly byEmail = new Map<string, Role[]>();

  constructor(readonly roles: Roles) {
    const add = (emails: readonly string[], role: Role) => {
      for (const email of emails)
        this.byEmail.set(email.toLowerCase(), [...(this.byEmail.get(email.toLowerCase()) ?? []), role]);
    };
    add(roles.partnerAdmins, 'partnerAdmin');
    add(roles.approvers, 'approver');
    add(roles.viewers, 'viewer');
  }

  rolesOf(email: string | undefined): readonly Role[] {
    return email ? (this.byEmail.get(email.toLowerCase()) ?? []) : [];
  }

  check(email: string | undefined, needs: Permission): Decision {
    if (needs === 'anyone') return { allowed: true };
    const domain = email?.split('@')[1]?.toLowerCase();
    if (this.roles.allowedDomains && (!domain || !this.roles.allowedDomains.includes(domain)))
      return { allowed: false, reason: 'domain' };
    if (needs === 'member') return { allowed: true };
    const roles = this.rolesOf(email);
    if (roles.length === 0) return { allowed: false, reason: 'outsider' };
    return roles.some((role) => grants[role].includes(needs)) ? { allowed: true } : { allowed: false, reason: 'role' };
  }
}
