import * as vscode from 'vscode';
import type { PanelStrings } from '../../protocol/panel';
import { predictionStrings } from './predictionStrings';

/** The webview's fixed texts, localised here and sent once in `init` (the webview has no l10n of its own). */
export function panelStrings(): PanelStrings {
  return {
    tabToken: vscode.l10n.t('Your token'),
    tabExercise: vscode.l10n.t('Exercise: the handoff'),
    diagramTitle: vscode.l10n.t('How a token travels from Clerk to your Convex function'),
    stageLabels: {
      issue: vscode.l10n.t('Clerk issues a token'),
      attach: vscode.l10n.t('Client attaches Authorization: Bearer …'),
      match: vscode.l10n.t('Convex matches a provider (iss + aud)'),
      discover: vscode.l10n.t("Convex fetches the issuer's keys"),
      verify: vscode.l10n.t('Signature and expiry verified'),
      identity: vscode.l10n.t('ctx.auth.getUserIdentity()'),
      data: vscode.l10n.t('Your function returns data'),
    },
    statusWords: {
      pass: vscode.l10n.t('Passed'),
      fail: vscode.l10n.t('Failed'),
      warn: vscode.l10n.t('Warning'),
      info: vscode.l10n.t('Note'),
      unchecked: vscode.l10n.t('Not checked'),
      skipped: vscode.l10n.t('Not reached'),
      pending: vscode.l10n.t('Waiting'),
    },
    identityPredicted: vscode.l10n.t('Identity predicted below'),
    signatureNotChecked: vscode.l10n.t('Expiry and algorithm checked; signature not yet (Verify Signature)'),
    stoppedAt: vscode.l10n.t('Convex stops at “{0}”'),
    allPassed: vscode.l10n.t('The token made it through every stage checked so far.'),
    pasteLabel: vscode.l10n.t('Paste a token (a JWT, with or without “Bearer ”)'),
    pastePlaceholder: vscode.l10n.t('eyJhbGciOi…'),
    decode: vscode.l10n.t('Decode'),
    clear: vscode.l10n.t('Clear'),
    verify: vscode.l10n.t('Verify Signature'),
    verifyHint: vscode.l10n.t(
      'Decoding happens here, offline. Only two buttons go online, when you press them: “Verify Signature” (to the token’s own issuer) and “Ask this deployment” (the token, to the Convex URL shown below). The token is never saved.',
    ),
    verifying: vscode.l10n.t('Fetching the issuer’s discovery document and keys…'),
    verifyUntrusted: vscode.l10n.t(
      'Signature verification fetches keys from the network, so it needs a trusted workspace. Decoding and every local check still work.',
    ),
    normalised: vscode.l10n.t('Cleaned up before decoding: removed {0}.'),
    hiddenFound: vscode.l10n.t('Invisible or direction-changing characters are shown as [U+…] marks: {0}.'),
    tokenParts: vscode.l10n.t('Token (header · payload · signature)'),
    checksTitle: vscode.l10n.t('Checks, in the order Convex makes them'),
    headerTitle: vscode.l10n.t('Header'),
    claimsTitle: vscode.l10n.t('Claims'),
    claimColumn: vscode.l10n.t('Claim'),
    valueColumn: vscode.l10n.t('Value'),
    meaningColumn: vscode.l10n.t('What it means'),
    identityTitle: vscode.l10n.t('What ctx.auth.getUserIdentity() would return'),
    identityNone: vscode.l10n.t(
      'Convex would reject this token, so no identity reaches your function (the request fails before it runs).',
    ),
    modeTitle: vscode.l10n.t('Where this token comes from in Clerk'),
    modes: {
      integration: vscode.l10n.t(
        'A Clerk session token with aud “convex”: the Convex integration is activated in the Clerk dashboard.',
      ),
      template: vscode.l10n.t(
        'A token from the Clerk JWT template named “convex” (the older setup; keep the template’s name).',
      ),
      'session-without-aud': vscode.l10n.t(
        'A Clerk session token without aud: the Convex integration is not activated and no “convex” template was used, so Convex finds no provider.',
      ),
      'session-template-path': vscode.l10n.t(
        'A Clerk session token whose aud is not exactly the string “convex” (an array, or another name): ConvexProviderWithClerk does not send it, and asks for the “convex” JWT template instead.',
      ),
      'convex-deployment': vscode.l10n.t(
        'Not from Clerk: a Convex deployment signed it (ctx.auth.signJwt, ES256), as Convex Auth 2.0 does. It needs a customJwt provider with algorithm “ES256”.',
      ),
      unknown: vscode.l10n.t('Not recognisably a Clerk token.'),
    },
    projectTitle: vscode.l10n.t('Your project'),
    convexSays: vscode.l10n.t('Convex would say:'),
    emptyHint: vscode.l10n.t(
      'Paste a token above, or run “Decode Token from Clipboard” or “Decode Selected Token” from the Command Palette.',
    ),
    cleared: vscode.l10n.t('Cleared. Nothing was kept.'),
    moreDepth: vscode.l10n.t('… (nested deeper than 32 levels, not shown)'),
    moreSize: vscode.l10n.t('… (more not shown)'),
    moreCount: vscode.l10n.t('… ({0} more not shown)'),
    copyValue: vscode.l10n.t('Copy whole value'),
    copied: vscode.l10n.t('Copied.'),
    pasteTooLarge: vscode.l10n.t(
      'The pasted text is {0} MiB, more than the {1} MiB this panel accepts, so it was not decoded. A Clerk session token is about 1 KiB: copy only the token.',
    ),
    exerciseIntro: vscode.l10n.t(
      'A token is issued, attached to a request, and verified server-side before any data is returned. An anonymous request gets nothing; a request carrying a valid token gets the user’s data.',
    ),
    runIt: vscode.l10n.t('Run it'),
    runItHint: vscode.l10n.t('Sends an anonymous request, then one carrying a valid token.'),
    scenarioLabels: {
      anonymous: vscode.l10n.t('Anonymous'),
      valid: vscode.l10n.t('Valid token'),
      expired: vscode.l10n.t('Expired token'),
      'wrong-audience': vscode.l10n.t('Wrong audience'),
      'wrong-issuer': vscode.l10n.t('Wrong issuer'),
      tampered: vscode.l10n.t('Tampered payload'),
      'unknown-key': vscode.l10n.t('Unknown signing key'),
    },
    scenarioHints: {
      anonymous: vscode.l10n.t('No Authorization header at all.'),
      valid: vscode.l10n.t('A fresh token for a sample user.'),
      expired: vscode.l10n.t('exp is in the past; Convex allows no leeway.'),
      'wrong-audience': vscode.l10n.t(
        'A session token without aud: Clerk’s Convex integration is not activated (and no “convex” template is used).',
      ),
      'wrong-issuer': vscode.l10n.t('iss is another Clerk instance, as with a dev key against a prod domain.'),
      tampered: vscode.l10n.t('The payload was edited after signing.'),
      'unknown-key': vscode.l10n.t('Signed by a key the issuer does not publish (kid not found).'),
    },
    requestTitle: vscode.l10n.t('Request'),
    responseTitle: vscode.l10n.t('Response'),
    stagesTitle: vscode.l10n.t('Stages'),
    noAuthorization: vscode.l10n.t('No Authorization header: this request is anonymous.'),
    signedInAs: vscode.l10n.t('as {0}'),
    running: vscode.l10n.t('Running “{0}”…'),
    scenariosLabel: vscode.l10n.t('Scenarios'),
    prediction: predictionStrings(),
  };
}
