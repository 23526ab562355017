/**
 * The hosted pages: plain server-rendered HTML, no script, one form each. Fields and buttons have
 * stable ids and labels (the sign-in form keeps Cognito's classic names: signInFormUsername,
 * signInFormPassword, signInSubmitButton) so people and browser automation find them alike.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const STYLE = `body{font-family:system-ui,sans-serif;background:#f2f3f3;margin:0;color:#16191f}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:6px;box-shadow:0 1px 4px #0002}
h1{font-size:1.25rem;margin:0 0 1.25rem}label{display:block;font-size:.9rem;margin:.9rem 0 .3rem}
input[type=text],input[type=password],input[type=email]{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #aab7b8;border-radius:4px;font-size:1rem}
input[type=submit],button{margin-top:1.2rem;width:100%;padding:.6rem;border:0;border-radius:4px;background:#ec7211;color:#fff;font-size:1rem;cursor:pointer}
.secondary{background:#545b64}.error{color:#d13212;background:#fde7e9;padding:.6rem;border-radius:4px;font-size:.9rem}
.note{font-size:.85rem;color:#545b64}code{word-break:break-all}hr{border:0;border-top:1px solid #eaeded;margin:1.5rem 0 .5rem}`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
</main></body>
</html>
`;
}

const hidden = (fields: Record<string, string | undefined>) =>
  Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');

const errorBlock = (id: string, error: string | undefined) =>
  error ? `<p id="${id}" class="error" role="alert">${escapeHtml(error)}</p>` : '';

export interface FormContext {
  /** Where the form posts (the page's own URL, query included). */
  action: string;
  csrf: string;
  /** What a step needs again when it is shown anew (required attributes, choices, the new secret). */
  carry?: Record<string, string>;
}

/** UNSURE: the hosted UI's text for a client with no identity provider (SupportedIdentityProviders empty). */
export const NO_LOGIN_OPTION = 'Login option is not available. Please try another one';

export function loginPage(form: FormContext & { error?: string; username?: string; cognito: boolean; providers: { name: string; href: string }[] }): string {
  const providers = form.providers
    .map((p) => `<a href="${escapeHtml(p.href)}"><button type="button" id="idp-${escapeHtml(p.name)}" class="secondary">Continue with ${escapeHtml(p.name)}</button></a>`)
    .join('\n');
  const cognito = form.cognito
    ? `<form id="signInForm" method="post" action="${escapeHtml(form.action)}">
${hidden({ _csrf: form.csrf })}
${errorBlock('loginErrorMessage', form.error)}
<label for="signInFormUsername">Username</label>
<input id="signInFormUsername" name="username" type="text" autocomplete="username" autocapitalize="none" required value="${escapeHtml(form.username ?? '')}">
<label for="signInFormPassword">Password</label>
<input id="signInFormPassword" name="password" type="password" autocomplete="current-password" required>
<input id="signInSubmitButton" name="signInSubmitButton" type="submit" value="Sign in">
</form>`
    : errorBlock('loginErrorMessage', form.error ?? (form.providers.length ? undefined : NO_LOGIN_OPTION));
  return layout('Sign in', `<h1>Sign in with your username and password</h1>\n${cognito}${providers ? `\n<hr>\n${providers}` : ''}`);
}

/** The code of an MFA challenge (authenticator app, SMS or email). */
export function mfaPage(form: FormContext & { session: string; challenge: string; username: string; error?: string; destination?: string }): string {
  const what =
    form.challenge === 'SOFTWARE_TOKEN_MFA'
      ? 'Enter the code from your authenticator app.'
      : `Enter the code we sent${form.destination ? ` to ${escapeHtml(form.destination)}` : ''}.`;
  return layout(
    'Multi-factor authentication',
    `<h1>Multi-factor authentication</h1>
<p class="note">${what}</p>
<form id="mfaForm" method="post" action="${escapeHtml(form.action)}">
${hidden({ _csrf: form.csrf, session: form.session, challenge: form.challenge, username: form.username, ...form.carry })}
${errorBlock('mfaErrorMessage', form.error)}
<label for="mfaCode">Code</label>
<input id="mfaCode" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required>
<input id="mfaSubmitButton" name="signInSubmitButton" type="submit" value="Sign in">
</form>`,
  );
}

export function selectMfaPage(form: FormContext & { session: string; username: string; options: string[] }): string {
  const names: Record<string, string> = { SOFTWARE_TOKEN_MFA: 'Authenticator app', SMS_MFA: 'Text message (SMS)', EMAIL_OTP: 'Email' };
  const buttons = form.options
    .map((option) => `<button type="submit" id="mfaType-${escapeHtml(option)}" name="answer" value="${escapeHtml(option)}">${escapeHtml(names[option] ?? option)}</button>`)
    .join('\n');
  return layout(
    'Choose how to sign in',
    `<h1>Choose a multi-factor authentication method</h1>
<form id="selectMfaForm" method="post" action="${escapeHtml(form.action)}">
${hidden({ _csrf: form.csrf, session: form.session, challenge: 'SELECT_MFA_TYPE', username: form.username, ...form.carry })}
${buttons}
</form>`,
  );
}

/** MFA_SETUP: the new secret for the authenticator app, and its first code. */
export function mfaSetupPage(form: FormContext & { session: string; username: string; secretCode: string; otpauthUri: string; error?: string }): string {
  return layout(
    'Set up multi-factor authentication',
    `<h1>Set up your authenticator app</h1>
<p class="note">Add this key to your authenticator app, then enter the code it shows.</p>
<p>Secret key: <code id="secretCode">${escapeHtml(form.secretCode)}</code></p>
<p class="note"><a id="otpauthUri" href="${escapeHtml(form.otpauthUri)}">${escapeHtml(form.otpauthUri)}</a></p>
<form id="mfaSetupForm" method="post" action="${escapeHtml(form.action)}">
${hidden({ _csrf: form.csrf, session: form.session, challenge: 'MFA_SETUP', username: form.username, ...form.carry })}
${errorBlock('mfaErrorMessage', form.error)}
<label for="mfaCode">Code</label>
<input id="mfaCode" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required>
<input id="mfaSubmitButton" name="signInSubmitButton" type="submit" value="Verify">
</form>`,
  );
}

/** MFA_SETUP by email (a pool whose only factor to set up is EMAIL_OTP): the address the codes go to. */
export function mfaEmailSetupPage(form: FormContext & { session: string; username: string; error?: string }): string {
  return layout(
    'Set up multi-factor authentication',
    `<h1>Set up email multi-factor authentication</h1>
<p class="note">Enter the email address your sign-in codes should go to.</p>
<form id="mfaEmailSetupForm" method="post" action="${escapeHtml(form.action)}">
${hidden({ _csrf: form.csrf, session: form.session, challenge: 'MFA_SETUP', username: form.username, ...form.carry })}
${errorBlock('mfaErrorMessage', form.error)}
<label for="mfaEmail">Email address</label>
<input id="mfaEmail" name="email" type="email" autocomplete="email" required>
<input id="mfaSubmitButton" name="signInSubmitButton" type="submit" value="Send code">
</form>`,
  );
}

/** NEW_PASSWORD_REQUIRED: a new password, and the required attributes the user has no value for. */
export function newPasswordPage(form: FormContext & { session: string; username: string; requiredAttributes: string[]; error?: string }): string {
  const attributes = form.requiredAttributes
    .map(
      (name) => `<label for="requiredAttribute-${escapeHtml(name)}">${escapeHtml(name)}</label>
<input id="requiredAttribute-${escapeHtml(name)}" name="userAttributes.${escapeHtml(name)}" type="text" required>`,
    )
    .join('\n');
  return layout(
    'Change password',
    `<h1>Change password</h1>
<p class="note">Please enter a new password.</p>
<form id="newPasswordForm" method="post" action="${escapeHtml(form.action)}">
${hidden({ _csrf: form.csrf, session: form.session, challenge: 'NEW_PASSWORD_REQUIRED', username: form.username, ...form.carry })}
${errorBlock('newPasswordErrorMessage', form.error)}
<label for="newPassword">New password</label>
<input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required>
<label for="confirmNewPassword">Enter new password again</label>
<input id="confirmNewPassword" name="confirmNewPassword" type="password" autocomplete="new-password" required>
${attributes}
<input id="newPasswordSubmitButton" name="signInSubmitButton" type="submit" value="Send">
</form>`,
  );
}

/** The stand-in for an external identity provider's sign-in: the test (or developer) chooses who signs in. */
export function federationPage(form: FormContext & { provider: string; providerType: string; claims: string[] }): string {
  const claims = form.claims
    .map((claim) => `<label for="claim-${escapeHtml(claim)}">${escapeHtml(claim)}</label>\n<input id="claim-${escapeHtml(claim)}" name="claim.${escapeHtml(claim)}" type="text">`)
    .join('\n');
  return layout(
    `Sign in with ${form.provider}`,
    `<h1>Sign in with ${escapeHtml(form.provider)}</h1>
<p class="note">kognito stands in for the ${escapeHtml(form.providerType)} provider ${escapeHtml(form.provider)}: choose the external user who signs in.</p>
<form id="federationForm" method="post" action="${escapeHtml(form.action)}">
${hidden({ _csrf: form.csrf, provider: form.provider })}
<label for="externalUserId">External user id (the provider's subject)</label>
<input id="externalUserId" name="sub" type="text" required>
${claims}
<input id="federationSubmitButton" name="federationSubmitButton" type="submit" value="Sign in">
</form>`,
  );
}

export const ERROR_TITLE = 'An error was encountered with the requested page.';

export function errorPage(error: string, description?: string): string {
  return layout(
    'Error',
    `<h1 id="errorTitle">${ERROR_TITLE}</h1>
<p id="errorCode">${escapeHtml(error)}</p>
${description ? `<p id="errorDescription" class="note">${escapeHtml(description)}</p>` : ''}`,
  );
}
