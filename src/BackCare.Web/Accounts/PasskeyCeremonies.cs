using BackCare.Data.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace BackCare.Web.Accounts;

/// <summary>What a browser needs to start a passkey ceremony: the options for <c>navigator.credentials</c>, and the state to send back.</summary>
public sealed record PasskeyStart(string OptionsJson, string State);

/// <summary>
/// The two passkey ceremonies, registering and signing in, on Identity's passkey handler (the WebAuthn checks of the
/// origin, the challenge, the signature and the counter are all its own). BackCare keeps no state between the two
/// halves of a ceremony: the handler's state (the challenge) goes to the browser sealed with Data Protection, bound to
/// its purpose and, for a registration, to the account, and lasts <see cref="Lifetime"/> by the injected clock. A
/// sign-in asks for the device's user verification (its PIN, fingerprint or face), so a passkey is two factors in one
/// and opens what two-step sign-in opens.
/// </summary>
public sealed class PasskeyCeremonies(IPasskeyHandler<Account> handler, IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private const string Registering = "register";
    private const string SigningIn = "sign-in";

    private readonly IDataProtector _protector = provider.CreateProtector("BackCare.Accounts.Passkeys.v1");

    /// <summary>Options to create a passkey for <paramref name="account"/>, naming the passkeys it already has so a device is not added twice.</summary>
    public async Task<PasskeyStart> StartRegistrationAsync(Account account, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(account);
        var user = new PasskeyUserEntity { Id = account.Id.ToString(), Name = account.Email, DisplayName = account.DisplayName };
        var options = await handler.MakeCreationOptionsAsync(user, context);
        return new PasskeyStart(options.CreationOptionsJson, Seal(Registering, account.Id, options.AttestationState));
    }

    /// <summary>The verified passkey, or null when the state is not this account's, is old, or the browser's answer does not verify.</summary>
    public async Task<PasskeyAttestationResult?> FinishRegistrationAsync(Account account, string? credentialJson, string? state, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (string.IsNullOrEmpty(credentialJson) || credentialJson.Length > MaximumCredentialLength || Open(state, Registering, account.Id) is not { } opened)
        {
            return null;
        }

        return await handler.PerformAttestationAsync(new PasskeyAttestationContext
        {
            HttpContext = context,
            CredentialJson = credentialJson,
            AttestationState = opened,
        });
    }

    /// <summary>Options to sign in with any passkey of this site the device holds (the person is not asked who they are first).</summary>
    public async Task<PasskeyStart> StartSignInAsync(HttpContext context)
    {
        var options = await handler.MakeRequestOptionsAsync(null, context);
        return new PasskeyStart(options.RequestOptionsJson, Seal(SigningIn, Guid.Empty, options.AssertionState));
    }

    /// <summary>The account and its passkey, or null when the state is old or not for signing in, or the browser's answer does not verify.</summary>
    public async Task<PasskeyAssertionResult<Account>?> FinishSignInAsync(string? credentialJson, string? state, HttpContext context)
    {
        if (string.IsNullOrEmpty(credentialJson) || credentialJson.Length > MaximumCredentialLength || Open(state, SigningIn, Guid.Empty) is not { } opened)
        {
            return null;
        }

        return await handler.PerformAssertionAsync(new PasskeyAssertionContext
        {
            HttpContext = context,
            CredentialJson = credentialJson,
            AssertionState = opened,
        });
    }

    /// <summary>
    /// Whether passkeys can work for this request: WebAuthn ties a key to a domain name, so a site reached by an IP
    /// address (http://127.0.0.1:5080) cannot make or use one, and the pages do not offer them there.
    /// </summary>
    public static bool Possible(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !System.Net.IPAddress.TryParse(request.Host.Host.Trim('[', ']'), out _);
    }

    /// <summary>
    /// A passkey answer is taken only from a page of this site, not from a frame inside another: its origin must be the
    /// one this request came to (the scheme and host the browser used, as a trusted proxy forwards them). Identity's own
    /// check compares it with the request's Origin header, which the browser sends as "null" on a form post from pages
    /// that, like BackCare's, send no referrer.
    /// </summary>
    public static bool IsOwnOrigin(PasskeyOriginValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        return !context.CrossOrigin
            && string.Equals(context.Origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A browser's answer is a few kilobytes; anything much longer is not one.</summary>
    private const int MaximumCredentialLength = 64 * 1024;

    private sealed record Sealed(string Purpose, Guid AccountId, string? State, DateTime ExpiresUtc);

    private string Seal(string purpose, Guid accountId, string? state) =>
        SealedJson.Seal(_protector, new Sealed(purpose, accountId, state, clock.GetUtcNow().UtcDateTime + Lifetime));

    private string? Open(string? token, string purpose, Guid accountId) =>
        SealedJson.Open<Sealed>(_protector, token, maximumLength: 16 * 1024) is { } opened
        && opened.Purpose == purpose && opened.AccountId == accountId && opened.ExpiresUtc > clock.GetUtcNow().UtcDateTime
            ? opened.State ?? ""
            : null;
}
