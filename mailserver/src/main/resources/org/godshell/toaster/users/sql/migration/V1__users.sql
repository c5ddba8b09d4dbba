-- The toaster's users in PostgreSQL: what domains/<domain>/passwd and aliases hold on a single host, shared by
-- several hosts. Flyway applies this once per database (flyway_schema_history records it). Names are stored
-- lower-case, as the toaster compares them; the checks repeat the toaster's own (users.Address, AliasTarget) so
-- that a row written by hand cannot become an address the toaster would refuse to read, nor a name with a '/' or
-- a line break that a Dovecot query or a directory name would take.

CREATE TABLE domains (
    -- A DNS name in ASCII (A-labels for IDNs): labels of a-z 0-9 -, no hyphen first or last.
    name         text PRIMARY KEY
                 CHECK (length(name) BETWEEN 1 AND 253
                        AND name ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    -- control/me of the host whose Maildirs hold this domain's mail; the other hosts relay to it.
    mailbox_host text NOT NULL CHECK (length(mailbox_host) BETWEEN 1 AND 253 AND mailbox_host ~ '^[A-Za-z0-9.-]+$'),
    created      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    domain      text NOT NULL REFERENCES domains (name),
    -- a-z 0-9 . _ + -, no dot first, last or twice in a row: it becomes a directory name.
    local       text NOT NULL CHECK (length(local) BETWEEN 1 AND 64
                                     AND local ~ '^[a-z0-9+_-]+(\.[a-z0-9+_-]+)*$'),
    -- user@domain, what Dovecot's password_query and user_query look up.
    address     text GENERATED ALWAYS AS (local || '@' || domain) STORED UNIQUE,
    -- {SCHEME}hash exactly as in a passwd file: {SHA512-CRYPT}, {SCRAM-SHA-256}, {CRAM-MD5}, or an old
    -- {MD5-CRYPT} or {CRYPT} carried over from another system. Printable ASCII with no colon, as in the file.
    password    text NOT NULL CHECK (password ~ '^\{[A-Z0-9-]+\}[!-9;-~]*$' AND length(password) <= 4096),
    -- The full name: no colon and no control character, as in a passwd line.
    gecos       text NOT NULL DEFAULT '' CHECK (length(gecos) <= 1024 AND gecos !~ '[:[:cntrl:]]'),
    -- Dovecot's quota rule, as written by the admin (500M), and the bytes it means; both or neither.
    quota       text CHECK (quota ~ '^[0-9]{1,15}[bkmgtBKMGT]?$'),
    quota_bytes bigint CHECK (quota_bytes > 0),
    -- The order in which users were added: the first one gets postmaster's mail when nothing else does.
    serial      bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    created     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (domain, local),
    CHECK ((quota IS NULL) = (quota_bytes IS NULL))
);

CREATE INDEX users_by_serial ON users (domain, serial);

CREATE TABLE aliases (
    domain   text NOT NULL REFERENCES domains (name),
    -- The local part, or * for the catch-all.
    name     text NOT NULL CHECK (name = '*' OR length(name) BETWEEN 1 AND 64
                                  AND name ~ '^[a-z0-9+_-]+(\.[a-z0-9+_-]+)*$'),
    -- An address as AliasTarget checked it: printable ASCII, no quote, comma, angle bracket or backslash, one @,
    -- a lower-case domain name, nothing that /etc/aliases would read as a pipe, a file or an include.
    target   text NOT NULL CHECK (length(target) BETWEEN 3 AND 320 AND target ~ '^[!-~]+$'
                                  AND target ~ '^[^@<>",\\]+@[a-z0-9.-]+$' AND target !~ '^([|/]|:include:)'),
    -- The targets' order, as toaster alias list shows it.
    position integer NOT NULL,
    PRIMARY KEY (domain, name, target)
);

CREATE INDEX aliases_by_name ON aliases (domain, name, position);
