import type { Contract, ContractForm, ContractTerms } from '../../domain/contracts.js';

/** A contract whose end is near, with one manager to tell (one row per manager). */
export interface EndingContract {
  contract: Contract;
  managerId: string;
}

/** Contract terms per person, for the workspace (projectId null) or one project. */
export interface ContractsPort {
  /** The contract for exactly this person and project (null: the workspace one). */
  find(teamId: string, userId: string, projectId: number | null): Promise<Contract | null>;
  byId(teamId: string, id: number): Promise<Contract | null>;
  /** The most specific contract: the project's, else the person's workspace one; null when neither. */
  mostSpecific(teamId: string, userId: string, projectId: number | null): Promise<Contract | null>;
  /** A person's contracts, the workspace one first, then by project key. */
  forPerson(teamId: string, userId: string): Promise<Contract[]>;
  /** Creates or replaces the contract for this person and project. */
  save(input: {
    teamId: string;
    userId: string;
    projectId: number | null;
    form: Omit<ContractForm, 'rate'> & { rateMinor: number | null; currency: string | null };
    savedBy: string;
  }): Promise<Contract>;
  /**
   * Contracts ending from `today` to `today + days`, each with every manager to tell: the project's
   * named managers, or for a workspace contract the workspace's managers and admins; none already
   * told (a closed `alertKind` delivery keyed `contractId:endsOn` for them).
   */
  endingToAlert(input: { today: string; days: number; alertKind: string }): Promise<EndingContract[]>;
}

export type { Contract, ContractTerms };
