import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  ALL_TABLES,
  AUDIT_TABLE,
  CASES_TABLE,
  STATISTICS_TABLE,
  CONTACT_VAULT_TABLE,
  CONTACTS_TABLE,
  EVIDENCE_TABLE,
  INTAKE_MEMORY_TABLE,
  MESSAGES_TABLE,
  PAGE_DELIVERIES_TABLE,
  PAGING_TABLE,
  RECEIPTS_TABLE,
  RESPONDER_CONTACTS_TABLE,
  ROSTER_TABLE,
  TIPS_TABLE,
  type TableShape,
} from '../functions/config/tables';

// Each table's shape, so that wiring.ts can grant Query on the named indexes instead of on
// `<table>/index/*`.
const SHAPES = new WeakMap<ITable, TableShape>();

/** The names of a table's indexes, from its shape; none for a table that Storage did not build. */
export function indexNamesOf(table: ITable): string[] {
  return (SHAPES.get(table)?.indexes ?? []).map((index) => index.name);
}

export interface StorageProps {
  /** The customer-managed key every table is encrypted with (EncryptionKeys.tables). */
  key: IKey;
}

/**
 * The tables, built from the shapes in `functions/config/tables.ts` so that the local stack
 * and AWS cannot disagree on keys, indexes or TTL. The contact vault's table is built here
 * like the others; its key and its narrow grants live in `contact-vault.ts`.
 */
export class Storage extends Construct {
  readonly tips: Table;
  readonly messages: Table;
  readonly contacts: Table;
  readonly receipts: Table;
  readonly contactVault: Table;
  /** Append-only: no grant in this app includes UpdateItem or DeleteItem on it. */
  readonly audit: Table;
  /** Responders (phones sealed), rotations, overrides and escalation policies. */
  readonly roster: Table;
  /** Contact key -> responder, so that sms-intake can recognise an ACK without the roster. */
  readonly responderContacts: Table;
  /** Each tip's paging state, and each region's paging ledger (page budget, recent starts; expires). */
  readonly paging: Table;
  readonly pageDeliveries: Table;
  /** Sealed evidence spans and their reveal requests. */
  readonly evidence: Table;
  /** sms-intake's short-lived memory: seen MessageSids, a number left open at a thread's end. */
  readonly intakeMemory: Table;
  /** Cases (linked tips) and their referrals to agencies; not on a tip's retention (tables.ts says why). */
  readonly cases: Table;
  /** The statistics: live counts per category and month, and the months as published (tables.ts). */
  readonly statistics: Table;
  /** Every table by its shape's name, for code that walks ALL_TABLES (the tests). */
  readonly byShapeName: ReadonlyMap<string, Table>;
  readonly key: IKey;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    this.key = props.key;
    const byName = new Map(ALL_TABLES.map((shape) => [shape.name, this.table(shape)]));
    this.byShapeName = byName;
    const get = (name: string): Table => {
      const table = byName.get(name);
      if (table === undefined) throw new Error(`table shape ${name} is missing from ALL_TABLES`);
      return table;
    };
    this.tips = get(TIPS_TABLE.name);
    this.messages = get(MESSAGES_TABLE.name);
    this.contacts = get(CONTACTS_TABLE.name);
    this.receipts = get(RECEIPTS_TABLE.name);
    this.contactVault = get(CONTACT_VAULT_TABLE.name);
    this.audit = get(AUDIT_TABLE.name);
    this.roster = get(ROSTER_TABLE.name);
    this.responderContacts = get(RESPONDER_CONTACTS_TABLE.name);
    this.paging = get(PAGING_TABLE.name);
    this.pageDeliveries = get(PAGE_DELIVERIES_TABLE.name);
    this.evidence = get(EVIDENCE_TABLE.name);
    this.intakeMemory = get(INTAKE_MEMORY_TABLE.name);
    this.cases = get(CASES_TABLE.name);
    this.statistics = get(STATISTICS_TABLE.name);
  }

  private table(shape: TableShape): Table {
    const table = new Table(this, shape.name, {
      partitionKey: { name: shape.partitionKey, type: AttributeType.STRING },
      ...(shape.sortKey === undefined ? {} : { sortKey: { name: shape.sortKey, type: AttributeType.STRING } }),
      ...(shape.timeToLive === undefined ? {} : { timeToLiveAttribute: shape.timeToLive }),
      // Tips arrive in bursts (a raid in the news, a radio spot) and are rare otherwise.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // A key of our own rather than aws/dynamodb: it is rotated, outlives the stack with the
      // tables, and can be disabled to cut off every reader at once.
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      // A report is evidence: deleting the stack must never delete it, nor may a stray
      // `aws dynamodb delete-table` (restoring from point-in-time recovery makes a new table).
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    SHAPES.set(table, shape);
    for (const index of shape.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        ...(index.sortKey === undefined ? {} : { sortKey: { name: index.sortKey, type: AttributeType.STRING } }),
        // The queue and thread views read whole items; a narrower projection would mean a
        // second GetItem per row.
        projectionType: ProjectionType.ALL,
      });
    }
    return table;
  }
}
