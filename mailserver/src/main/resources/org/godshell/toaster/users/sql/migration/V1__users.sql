-- The toaster's users in PostgreSQL: what domains/<domain>/passwd and aliases hold on a single host, shared by
-- several hosts. Flyway applies this once per database (flyway_schema_history records it). Names are stored
-- lower-case, as the toaster compares them; the checks repeat the toaster's own so that a row written by hand
-- cannot become an address the toaster would refuse to read.

CREATE TABLE domains (
    name         text PRIMARY KEY
                 CHECK (name = lower(name) AND length(name) BETWEEN 1 AND 253 AND name ~ '^[a-z0-9.-]+$'),
    -- control/me of the host whose Maildirs hold this domain's mail; the other hosts relay to it.
    mailbox_host text NOT NULL CHECK (length(mailbox_host) BETWEEN 1 AND 253),
    created      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    domain      text NOT NULL REFERENCES domains (name),
    local       text NOT NULL CHECK (local = lower(local) AND length(local) BETWEEN 1 AND 64),
    -- user@domain, what Dovecot's password_query and user_query look up.
    address     text GENERATED ALWAYS AS (local || '@' || domain) STORED UNIQUE,
    -- {SCHEME}hash exactly as in a passwd file: {SHA512-CRYPT}, {SCRAM-SHA-256}, {CRAM-MD5}, or an old
    -- {MD5-CRYPT} or {CRYPT} carried over from another system.
    password    text NOT NULL CHECK (password LIKE '{%}%' AND length(password) <= 4096),
    gecos       text NOT NULL DEFAULT '' CHECK (length(gecos) <= 1024),
    -- Dovecot's quota rule, as written by the admin (500M), and the bytes it means; both or neither.
    quota       text CHECK (length(quota) <= 32),
    quota_bytes bigint CHECK (quota_bytes > 0),
    -- The order in which users were added: the first one gets postmaster's mail when nothing else does.
    serial      bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    created     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (domain, local),
    CHECK ((quota IS NULL) = (quota_bytes IS NULL))
);

CREATE TABLE aliases (
    domain   text NOT NULL REFERENCES domains (name),
    -- The local part, or * for the catch-all.
    name     text NOT NULL CHECK (name = lower(name) AND length(name) BETWEEN 1 AND 64),
    target   text NOT NULL CHECK (length(target) BETWEEN 3 AND 320),
    -- The targets' order, as toaster alias list shows it.
    position integer NOT NULL,
    PRIMARY KEY (domain, name, target)
);

CREATE INDEX aliases_by_name ON aliases (domain, name, position);
