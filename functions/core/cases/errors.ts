// What a caller is told when a case or a referral cannot do what was asked: each error carries
// its status and code (core/errors), and says what to do next.
import { Conflict, NotFound } from '../errors';
import { caseCode, type ReferralStatus } from './model';

export class CaseNotFound extends NotFound {
  override name = 'CaseNotFound';
  constructor(caseId: string) {
    super(`No case ${caseId}; open the case from one of its tips.`);
  }
}

export class ReferralNotFound extends NotFound {
  override name = 'ReferralNotFound';
  constructor(referralId: string) {
    super(`No referral ${referralId} in this case; pick one from the case's referrals.`);
  }
}

export class AgencyNotFound extends NotFound {
  override name = 'AgencyNotFound';
  constructor(agencyId: string) {
    super(`No agency ${agencyId} in the directory; pick one from GET /api/agencies, or ask a supervisor to add it.`);
  }
}

/** 409 `already_in_case`: a tip is in one case at most; cases are not merged. */
export class AlreadyInCase extends Conflict {
  override name = 'AlreadyInCase';
  override readonly code = 'already_in_case';
  constructor(readonly caseId: string) {
    super(
      `This tip is already in case ${caseCode(caseId)}, and a tip is in one case only: link the other tip to this one instead, or work the two cases apart.`,
    );
  }
  override body() {
    return { caseId: this.caseId };
  }
}

/** 409 `case_full`. */
export class CaseFull extends Conflict {
  override name = 'CaseFull';
  override readonly code = 'case_full';
  constructor(max: number) {
    super(`This case already holds ${max} tips, the most one case takes; split it (one case per victim or place) and link this tip to the one it belongs to.`);
  }
}

/** 409 `local_authority_implicated`: the case implicates officials and the agency is a local authority. */
export class LocalAuthorityImplicated extends Conflict {
  override name = 'LocalAuthorityImplicated';
  override readonly code = 'local_authority_implicated';
  constructor(agencyName: string, bySupervisor: boolean) {
    const next = bySupervisor
      ? 'refer it to another agency (the prosecutor, the national anti-trafficking police), or send override.reason to refer it here anyway.'
      : 'refer it to another agency (the prosecutor, the national anti-trafficking police), or ask a supervisor to override.';
    super(`This case says local officials may be involved, and ${agencyName} is a local authority of its region: ${next}`);
  }
}

/** 409 `agency_inactive`. */
export class AgencyInactive extends Conflict {
  override name = 'AgencyInactive';
  override readonly code = 'agency_inactive';
  constructor(agencyName: string) {
    super(`${agencyName} is marked inactive in the directory; refer the case to another agency, or ask a supervisor to reactivate it.`);
  }
}

/** 409 `referral_backwards`: statuses only move forward. */
export class ReferralBackwards extends Conflict {
  override name = 'ReferralBackwards';
  override readonly code = 'referral_backwards';
  constructor(from: ReferralStatus, to: ReferralStatus) {
    super(`The referral is already ${from}, and a referral does not go back to ${to}; add a note with the status it has, or move it forward.`);
  }
}

/** 409 `outcome_required`: a referral is closed with what came of it. */
export class OutcomeRequired extends Conflict {
  override name = 'OutcomeRequired';
  override readonly code = 'outcome_required';
  constructor() {
    super('Record the outcome first (POST …/outcome: people rescued, arrests, charges, or why nothing was done), then close the referral.');
  }
}

/** 409: the case or referral kept changing under this request. */
export class CaseChanging extends Conflict {
  override name = 'CaseChanging';
  constructor() {
    super('The case is changing quickly right now; reload it and try again.');
  }
}
