"""The demo database schema (docs/demo-data.md), version 2.

Tables that hold an mspcore record type have exactly that record's fields as columns (the
decoders refuse unknown keys), so a loader is ``SELECT *``; facts the APIs do not take live in
companion tables (asset_inventory, ticket_status, initiative_costs, ...). Money is TEXT
holding a decimal ("1450.00"), never REAL; dates are TEXT "YYYY-MM-DD"; instants are TEXT
ISO-8601 UTC "YYYY-MM-DDTHH:MM:SSZ" (every API parses them, and they sort as text); flags
are INTEGER 0/1 with NULL for unknown.
"""
from __future__ import annotations

USER_VERSION = 2

SCHEMA = """
CREATE TABLE meta (seed INTEGER NOT NULL, as_of TEXT NOT NULL, generator_version TEXT NOT NULL,
  clients INTEGER NOT NULL, assets INTEGER NOT NULL, os_table_version TEXT NOT NULL);
CREATE TABLE clients (tenant TEXT PRIMARY KEY, name TEXT NOT NULL, industry TEXT NOT NULL, country TEXT NOT NULL,
  holiday_rule TEXT NOT NULL, time_zone TEXT NOT NULL, currency TEXT NOT NULL, tier TEXT NOT NULL,
  users INTEGER NOT NULL, client_since TEXT NOT NULL);
CREATE TABLE calendars (tenant TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (tenant, name));
CREATE TABLE sla_policies (tenant TEXT PRIMARY KEY, tier TEXT NOT NULL, spec TEXT NOT NULL);

CREATE TABLE contract_lines (tenant TEXT NOT NULL, contract_id TEXT NOT NULL, line_id TEXT NOT NULL,
  sku TEXT NOT NULL, quantity INTEGER NOT NULL, unit_price TEXT NOT NULL, currency TEXT NOT NULL,
  billing_period TEXT, billing_mode TEXT, term_start TEXT NOT NULL, term_end TEXT, term_kind TEXT,
  proration TEXT, commitment_minimum INTEGER, true_down TEXT, tolerance_units INTEGER, tolerance_percent TEXT,
  PRIMARY KEY (tenant, contract_id, line_id));
CREATE TABLE observations (tenant TEXT NOT NULL, sku TEXT NOT NULL, source TEXT NOT NULL, quantity INTEGER,
  as_of TEXT NOT NULL, units TEXT);
CREATE TABLE sku_map (name TEXT PRIMARY KEY, sku TEXT NOT NULL);

CREATE TABLE assets (id TEXT NOT NULL, tenant TEXT NOT NULL, type TEXT NOT NULL, make TEXT, model TEXT, serial TEXT,
  purchase_date TEXT, warranty_end TEXT, os TEXT, os_version TEXT, os_edition TEXT, replacement_value TEXT,
  currency TEXT, criticality TEXT, PRIMARY KEY (tenant, id));
CREATE TABLE asset_inventory (tenant TEXT NOT NULL, id TEXT NOT NULL, hostname TEXT NOT NULL, managed INTEGER NOT NULL,
  assigned_user TEXT, PRIMARY KEY (tenant, id));
CREATE TABLE licences (tenant TEXT NOT NULL, sku TEXT NOT NULL, seats INTEGER NOT NULL, term_end TEXT,
  renewal_price TEXT, currency TEXT, auto_renew INTEGER, PRIMARY KEY (tenant, sku));

CREATE TABLE tickets (tenant TEXT NOT NULL, id TEXT PRIMARY KEY, created TEXT NOT NULL, first_response TEXT,
  resolved TEXT, priority TEXT NOT NULL, category TEXT NOT NULL, reopened INTEGER NOT NULL, first_contact INTEGER,
  csat INTEGER, nps INTEGER, work_hours REAL, reactive INTEGER NOT NULL, device_id TEXT);
CREATE INDEX tickets_tenant ON tickets (tenant, created);
CREATE TABLE ticket_status (tenant TEXT NOT NULL, ticket TEXT NOT NULL, at TEXT NOT NULL, status TEXT NOT NULL);
CREATE INDEX ticket_status_tenant ON ticket_status (tenant, ticket);

CREATE TABLE vendor_accounts (tenant TEXT NOT NULL, source TEXT NOT NULL, account_id TEXT NOT NULL,
  account_name TEXT NOT NULL, site_id TEXT, site_name TEXT, PRIMARY KEY (source, account_id));
CREATE TABLE alerts (tenant TEXT NOT NULL, source TEXT NOT NULL, source_id TEXT NOT NULL, first_seen TEXT NOT NULL,
  payload TEXT NOT NULL, PRIMARY KEY (source, source_id));
CREATE INDEX alerts_tenant ON alerts (tenant, first_seen);
CREATE TABLE vulnerabilities (tenant TEXT NOT NULL, id TEXT NOT NULL, device_id TEXT NOT NULL, cvss TEXT NOT NULL,
  epss REAL, kev INTEGER NOT NULL);
CREATE TABLE patch_compliance (tenant TEXT NOT NULL, month TEXT NOT NULL, devices INTEGER NOT NULL,
  compliant INTEGER NOT NULL, PRIMARY KEY (tenant, month));
CREATE TABLE risk_register (tenant TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, likelihood INTEGER NOT NULL,
  impact INTEGER NOT NULL, PRIMARY KEY (tenant, id));

CREATE TABLE initiatives (tenant TEXT NOT NULL, id TEXT NOT NULL, title TEXT, quarter TEXT NOT NULL,
  priority INTEGER, status TEXT NOT NULL, depends_on TEXT, PRIMARY KEY (tenant, id));
CREATE TABLE initiative_costs (tenant TEXT NOT NULL, initiative TEXT NOT NULL, name TEXT, kind TEXT NOT NULL,
  period TEXT, basis TEXT, amount TEXT NOT NULL, count INTEGER, currency TEXT NOT NULL, category TEXT NOT NULL);

CREATE TABLE standards (id TEXT PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL);
CREATE TABLE standard_sections (standard TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, weight INTEGER NOT NULL,
  PRIMARY KEY (standard, id));
CREATE TABLE standard_questions (standard TEXT NOT NULL, id TEXT NOT NULL, section TEXT NOT NULL, text TEXT NOT NULL,
  weight INTEGER NOT NULL, PRIMARY KEY (standard, id));
CREATE TABLE alignment_answers (tenant TEXT NOT NULL, standard TEXT NOT NULL, question TEXT NOT NULL,
  answer TEXT NOT NULL, answered TEXT NOT NULL, note TEXT, PRIMARY KEY (tenant, standard, question));

CREATE TABLE rmm_devices (tenant TEXT NOT NULL, source TEXT NOT NULL, id TEXT NOT NULL, name TEXT, device_class TEXT,
  os TEXT, site TEXT, last_seen TEXT, online INTEGER, reboot_required INTEGER, patch_status TEXT,
  patches_pending INTEGER, backup_expected INTEGER, retired INTEGER, PRIMARY KEY (tenant, source, id));
CREATE TABLE backup_results (tenant TEXT NOT NULL, device_id TEXT NOT NULL, source TEXT NOT NULL, id TEXT NOT NULL,
  at TEXT NOT NULL, outcome TEXT NOT NULL, copy TEXT, verification TEXT, data_source TEXT, errors INTEGER,
  detail TEXT, PRIMARY KEY (source, id));
CREATE INDEX backup_results_tenant ON backup_results (tenant, at);
CREATE TABLE patches (tenant TEXT NOT NULL, device_id TEXT NOT NULL, source TEXT NOT NULL, patch_id TEXT NOT NULL,
  title TEXT, severity TEXT, state TEXT NOT NULL, released TEXT, installed_at TEXT, reboot_required INTEGER,
  PRIMARY KEY (tenant, source, device_id, patch_id));
CREATE TABLE monitoring_events (tenant TEXT NOT NULL, device_id TEXT NOT NULL, source TEXT NOT NULL, id TEXT NOT NULL,
  monitor TEXT, priority TEXT, opened TEXT NOT NULL, resolved TEXT, outage INTEGER, ticket TEXT, detail TEXT,
  PRIMARY KEY (source, id));
CREATE INDEX monitoring_events_tenant ON monitoring_events (tenant, opened);
"""
