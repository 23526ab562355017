/**
 * Schema migrations. Each entry moves the store one version up, inside one transaction; the
 * version lives in schema_version. Append new migrations; never edit a released one.
 */
export const migrations: readonly string[] = [
  /* 1: pools, clients, users (with their codes), outbox, sessions, refresh tokens, devices */ `
  CREATE TABLE user_pools (
    id TEXT PRIMARY KEY,
    region TEXT NOT NULL,
    description TEXT NOT NULL,          -- UserPoolType as JSON, as DescribeUserPool returns it
    mfa_config TEXT NOT NULL DEFAULT '{}', -- SetUserPoolMfaConfig's software token / SMS / email settings
    created_at INTEGER NOT NULL
  );
  CREATE TABLE signing_keys (
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    token_use TEXT NOT NULL,            -- 'id' | 'access'
    kid TEXT NOT NULL,
    private_jwk TEXT NOT NULL,
    public_jwk TEXT NOT NULL,
    PRIMARY KEY (user_pool_id, token_use)
  );
  CREATE TABLE user_pool_clients (
    id TEXT PRIMARY KEY,
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    description TEXT NOT NULL,          -- UserPoolClientType as JSON (with ClientSecret)
    created_at INTEGER NOT NULL
  );
  CREATE INDEX user_pool_clients_by_pool ON user_pool_clients(user_pool_id, id);
  CREATE TABLE users (
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL,         -- username, lower-cased when the pool is case-insensitive
    sub TEXT NOT NULL,
    status TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    attributes TEXT NOT NULL,           -- {"email": "...", ...} as JSON
    password_salt TEXT,                 -- SRP salt and verifier: the password itself is never kept
    password_verifier TEXT,
    mfa TEXT NOT NULL DEFAULT '{}',     -- software token and preferences as JSON
    codes TEXT NOT NULL DEFAULT '{}',   -- outstanding confirmation codes by purpose, as salted HMACs (JSON)
    failed_sign_ins INTEGER NOT NULL DEFAULT 0, -- wrong passwords in a row, and the lockout they caused
    locked_until INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    email TEXT,                         -- copies of the alias attributes, indexed for sign-in by alias;
    phone_number TEXT,                  -- written only when they change (each write touches an index)
    preferred_username TEXT,
    PRIMARY KEY (user_pool_id, username_key)
  );
  CREATE UNIQUE INDEX users_by_sub ON users(user_pool_id, sub);
  CREATE INDEX users_by_email ON users(user_pool_id, lower(email));
  CREATE INDEX users_by_phone ON users(user_pool_id, phone_number);
  CREATE INDEX users_by_preferred_username ON users(user_pool_id, lower(preferred_username));
  CREATE TABLE messages (              -- the outbox: what the pool "sent"
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_pool_id TEXT NOT NULL,
    username TEXT NOT NULL,
    kind TEXT NOT NULL,
    delivery_medium TEXT NOT NULL,
    destination TEXT NOT NULL,
    code TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX messages_by_user ON messages(user_pool_id, username, id);
  CREATE TABLE auth_sessions (
    id TEXT PRIMARY KEY,                -- SHA-256 of the Session string handed to the client
    user_pool_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    username TEXT NOT NULL,
    state TEXT NOT NULL,                -- JSON: what the next step expects
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX auth_sessions_by_expiry ON auth_sessions(expires_at);
  CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY,                -- SHA-256 of the refresh token
    user_pool_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    username TEXT NOT NULL,
    origin_jti TEXT NOT NULL,
    device_key TEXT,
    auth_time INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX refresh_tokens_by_origin ON refresh_tokens(origin_jti);
  CREATE TABLE devices (
    device_key TEXT PRIMARY KEY,
    user_pool_id TEXT NOT NULL,
    username TEXT NOT NULL,
    device_group_key TEXT NOT NULL,
    confirmed INTEGER NOT NULL DEFAULT 0,
    remembered INTEGER NOT NULL DEFAULT 0,
    salt TEXT,
    verifier TEXT,
    attributes TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    last_authenticated_at INTEGER
  );
  CREATE INDEX devices_by_user ON devices(user_pool_id, username, created_at, device_key);
  `,
  /* 2: groups and who belongs to them */ `
  CREATE TABLE groups (
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    group_name TEXT NOT NULL,
    description TEXT,
    role_arn TEXT,
    precedence INTEGER,                 -- null: below every group that has one
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (user_pool_id, group_name)
  );
  CREATE TABLE group_members (
    user_pool_id TEXT NOT NULL,
    group_name TEXT NOT NULL,
    username_key TEXT NOT NULL,         -- the member's users.username_key
    added_at INTEGER NOT NULL,
    PRIMARY KEY (user_pool_id, group_name, username_key),
    FOREIGN KEY (user_pool_id, group_name) REFERENCES groups(user_pool_id, group_name) ON DELETE CASCADE
  );
  CREATE INDEX group_members_by_user ON group_members(user_pool_id, username_key);
  `,
  /* 3: the text of each message as delivered (the pool's template, or what CustomMessage wrote) */ `
  ALTER TABLE messages ADD COLUMN subject TEXT;
  ALTER TABLE messages ADD COLUMN message TEXT;
  `,
  /* 4: ListUsers searches every filterable attribute by index; new email / phone values awaiting verification */ `
  ALTER TABLE users ADD COLUMN name TEXT;          -- like email/phone_number/preferred_username: copies for the indexes
  ALTER TABLE users ADD COLUMN given_name TEXT;
  ALTER TABLE users ADD COLUMN family_name TEXT;
  ALTER TABLE users ADD COLUMN pending_attributes TEXT NOT NULL DEFAULT '{}'; -- new email/phone kept until verified (JSON)
  UPDATE users SET name = json_extract(attributes, '$.name'), given_name = json_extract(attributes, '$.given_name'),
    family_name = json_extract(attributes, '$.family_name');
  -- Each index ends with username_key (pages follow it) and holds only users who have the attribute
  -- (partial): a sign-up adds entries only for the attributes it sets. None holds status or enabled,
  -- which ConfirmSignUp and sign-in change: an index on them would double the cost of those writes.
  DROP INDEX users_by_email;
  DROP INDEX users_by_phone;
  DROP INDEX users_by_preferred_username;
  CREATE INDEX users_by_email ON users(user_pool_id, lower(email), username_key) WHERE email IS NOT NULL;
  CREATE INDEX users_by_phone ON users(user_pool_id, phone_number, username_key) WHERE phone_number IS NOT NULL;
  CREATE INDEX users_by_preferred_username ON users(user_pool_id, lower(preferred_username), username_key) WHERE preferred_username IS NOT NULL;
  CREATE INDEX users_by_name ON users(user_pool_id, lower(name), username_key) WHERE name IS NOT NULL;
  CREATE INDEX users_by_given_name ON users(user_pool_id, lower(given_name), username_key) WHERE given_name IS NOT NULL;
  CREATE INDEX users_by_family_name ON users(user_pool_id, lower(family_name), username_key) WHERE family_name IS NOT NULL;
  `,
  /* 5: password history (verifiers of earlier passwords) and the auth-event history of threat protection */ `
  CREATE TABLE password_history (      -- only SRP salts and verifiers, never a password
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_pool_id TEXT NOT NULL,
    username TEXT NOT NULL,
    salt TEXT NOT NULL,
    verifier TEXT NOT NULL
  );
  CREATE INDEX password_history_by_user ON password_history(user_pool_id, username, id);
  CREATE TABLE auth_events (           -- AdminListUserAuthEvents, kept while threat protection is on
    event_id TEXT PRIMARY KEY,
    user_pool_id TEXT NOT NULL,
    username TEXT NOT NULL,
    event_type TEXT NOT NULL,          -- SignIn | SignUp | ForgotPassword | PasswordChange | ResendCode
    event_response TEXT NOT NULL,      -- Pass | Fail | InProgress
    challenge_responses TEXT NOT NULL, -- [{"ChallengeName":"Password","ChallengeResponse":"Success"}] as JSON
    context TEXT NOT NULL,             -- EventContextData as JSON
    feedback TEXT,                     -- EventFeedback as JSON, once given
    feedback_token TEXT NOT NULL,      -- what UpdateAuthEventFeedback must be given (GET /_kognito/auth-events shows it)
    created_at INTEGER NOT NULL
  );
  CREATE INDEX auth_events_by_user ON auth_events(user_pool_id, username, created_at, event_id);
  `,
  /* 6: the OAuth side: domains, resource servers, identity providers and linked identities, client
     secrets (rotation), authorization codes and hosted sign-in sessions */ `
  CREATE TABLE user_pool_domains (
    domain TEXT PRIMARY KEY,            -- prefix or custom domain: unique across every pool
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    description TEXT NOT NULL,          -- DomainDescriptionType as JSON
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX user_pool_domains_by_pool ON user_pool_domains(user_pool_id);
  CREATE TABLE resource_servers (
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    identifier TEXT NOT NULL,
    description TEXT NOT NULL,          -- ResourceServerType as JSON
    PRIMARY KEY (user_pool_id, identifier)
  );
  CREATE TABLE identity_providers (
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    provider_name TEXT NOT NULL,
    description TEXT NOT NULL,          -- IdentityProviderType as JSON
    PRIMARY KEY (user_pool_id, provider_name)
  );
  CREATE TABLE linked_identities (     -- AdminLinkProviderForUser: an external user signs in as a pool user
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    provider_name TEXT NOT NULL,
    provider_user_id TEXT NOT NULL,     -- SourceUser.ProviderAttributeValue
    provider_attribute_name TEXT NOT NULL,
    username TEXT NOT NULL,             -- the pool user it signs in as
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_pool_id, provider_name, provider_user_id)
  );
  CREATE INDEX linked_identities_by_user ON linked_identities(user_pool_id, username);
  CREATE TABLE client_secrets (
    id TEXT PRIMARY KEY,                -- ClientSecretId: <client id>--<creation time in ms>
    client_id TEXT NOT NULL REFERENCES user_pool_clients(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX client_secrets_by_client ON client_secrets(client_id, created_at);
  INSERT INTO client_secrets (id, client_id, secret, created_at)
    SELECT id || '--' || created_at, id, json_extract(description, '$.ClientSecret'), created_at
    FROM user_pool_clients WHERE json_extract(description, '$.ClientSecret') IS NOT NULL;
  CREATE TABLE authorization_codes (
    id TEXT PRIMARY KEY,                -- SHA-256 of the code handed to the browser
    user_pool_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    details TEXT NOT NULL,              -- JSON: user, redirect_uri, scopes, PKCE challenge, nonce, auth_time
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX authorization_codes_by_expiry ON authorization_codes(expires_at);
  CREATE TABLE hosted_sessions (       -- a browser signed in to the pool's hosted pages (its cookie)
    id TEXT PRIMARY KEY,                -- SHA-256 of the cookie value
    user_pool_id TEXT NOT NULL,
    username TEXT NOT NULL,
    auth_time INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX hosted_sessions_by_expiry ON hosted_sessions(expires_at);
  ALTER TABLE refresh_tokens ADD COLUMN scopes TEXT; -- OAuth scopes granted (JSON array); NULL for API sign-in
  `,
  /* refresh token rotation: when a rotated-out refresh token stops working (its grace period) */ `
  ALTER TABLE refresh_tokens ADD COLUMN invalid_after INTEGER; -- ms; NULL while the token has not been rotated out
  `,
  /* a pool's configuration kept for the tools that set it: classic hosted UI branding, threat protection's
     risk configurations, log delivery */ `
  CREATE TABLE ui_customizations (
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,            -- an app client's id, or ALL: the pool's default
    description TEXT NOT NULL,          -- UICustomizationType as JSON
    image BLOB,                         -- SetUICustomization's ImageFile
    PRIMARY KEY (user_pool_id, client_id)
  );
  CREATE TABLE risk_configurations (
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,            -- an app client's id, or '' for the pool's own
    description TEXT NOT NULL,          -- RiskConfigurationType as JSON
    PRIMARY KEY (user_pool_id, client_id)
  );
  CREATE TABLE log_delivery_configurations (
    user_pool_id TEXT PRIMARY KEY REFERENCES user_pools(id) ON DELETE CASCADE,
    description TEXT NOT NULL           -- LogDeliveryConfigurationType as JSON
  );
  `,
  /* user import jobs: the uploaded .csv file and how far the import has read it */ `
  CREATE TABLE user_import_jobs (
    id TEXT PRIMARY KEY,                -- JobId
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    description TEXT NOT NULL,          -- the job as JSON (UserImportJobType, dates in ms, its progress)
    csv TEXT                            -- the uploaded file; NULL until uploaded
  );
  CREATE INDEX user_import_jobs_by_pool ON user_import_jobs(user_pool_id, created_at, id);
  `,
  /* managed login terms documents (CreateTerms): per app client, gone with the client or the pool */ `
  CREATE TABLE terms (
    id TEXT PRIMARY KEY,                -- TermsId
    user_pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES user_pool_clients(id) ON DELETE CASCADE,
    terms_name TEXT NOT NULL,           -- unique to the app client
    created_at INTEGER NOT NULL,
    description TEXT NOT NULL,          -- TermsType as JSON
    UNIQUE (client_id, terms_name)
  );
  CREATE INDEX terms_by_pool ON terms(user_pool_id, created_at, id);
  `,
  /* passkeys (WebAuthn): a user's registered credentials, and the registration each user has started */ `
  CREATE TABLE webauthn_credentials (
    user_pool_id TEXT NOT NULL,
    credential_id TEXT NOT NULL,        -- base64url, as the authenticator made it
    username_key TEXT NOT NULL,
    public_key BLOB NOT NULL,           -- COSE_Key, as in the attested credential data
    sign_count INTEGER NOT NULL,        -- the authenticator's signature counter last seen
    relying_party_id TEXT NOT NULL,
    friendly_name TEXT NOT NULL,
    authenticator_attachment TEXT,      -- platform | cross-platform, when the client said
    transports TEXT NOT NULL,           -- JSON array
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_pool_id, credential_id),
    FOREIGN KEY (user_pool_id, username_key) REFERENCES users(user_pool_id, username_key) ON DELETE CASCADE
  );
  CREATE INDEX webauthn_credentials_by_user ON webauthn_credentials(user_pool_id, username_key, created_at, credential_id);
  CREATE TABLE webauthn_registrations ( -- StartWebAuthnRegistration's challenge, until completed or expired
    user_pool_id TEXT NOT NULL,
    username_key TEXT NOT NULL,
    challenge TEXT NOT NULL,            -- base64url
    client_id TEXT NOT NULL,            -- the app client of the access token that started it
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (user_pool_id, username_key),
    FOREIGN KEY (user_pool_id, username_key) REFERENCES users(user_pool_id, username_key) ON DELETE CASCADE
  );
  `,
];
