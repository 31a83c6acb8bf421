using Microsoft.AspNetCore.Identity;
using BackCare.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Accounts;

public enum PasskeyChange
{
    Added,
    Removed,

    /// <summary>The account has <see cref="AccountPasskey.MaximumPerAccount"/> already.</summary>
    TooMany,

    /// <summary>The same credential is registered already (to this account or another).</summary>
    AlreadyAdded,

    /// <summary>No such passkey on this account.</summary>
    NotFound,

    /// <summary>The account no longer exists.</summary>
    Gone,
}

/// <summary>A passkey as the person sees it in their list.</summary>
public sealed record PasskeySummary(string Id, string? Name, DateTime AddedUtc, DateTime? LastUsedUtc, bool BackedUp);

/// <summary>
/// A person's passkeys: the list, adding one after the browser's registration ceremony was verified, removing one,
/// and recording a sign-in with one. The ceremonies themselves (the challenge, the signature checks) are Identity's
/// passkey handler's, in the web app. Each change goes into the account's history.
/// </summary>
public sealed class AccountPasskeys(BackCareDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<PasskeySummary>> ListAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var passkeys = await db.AccountPasskeys.AsNoTracking().Where(p => p.AccountId == accountId).ToListAsync(cancellationToken);
        return [.. passkeys.OrderBy(p => p.CreatedUtc).Select(p => new PasskeySummary(p.CredentialId, p.Name, p.CreatedUtc, p.LastUsedUtc, p.IsBackedUp))];
    }

    public Task<int> CountAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        db.AccountPasskeys.CountAsync(p => p.AccountId == accountId, cancellationToken);

    /// <summary>Adds a passkey whose registration Identity verified, under the name the person gave it.</summary>
    public async Task<PasskeyChange> AddAsync(Guid accountId, UserPasskeyInfo passkey, string? name, string? client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return PasskeyChange.Gone;
        }

        if (await CountAsync(accountId, cancellationToken) >= AccountPasskey.MaximumPerAccount)
        {
            return PasskeyChange.TooMany;
        }

        var id = AccountPasskey.IdOf(passkey.CredentialId);
        if (await db.AccountPasskeys.AnyAsync(p => p.CredentialId == id, cancellationToken))
        {
            return PasskeyChange.AlreadyAdded;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = new AccountPasskey(accountId, passkey);
        stored.Rename(name);
        db.AccountPasskeys.Add(stored);
        db.AccountEvents.Add(new AccountEvent(accountId, AccountEventKind.PasskeyAdded, now, client));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return PasskeyChange.Added;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return PasskeyChange.AlreadyAdded;
        }
    }

    public async Task<PasskeyChange> RemoveAsync(Guid accountId, string credentialId, string? client, CancellationToken cancellationToken = default)
    {
        var removed = await db.AccountPasskeys.Where(p => p.AccountId == accountId && p.CredentialId == credentialId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return PasskeyChange.NotFound;
        }

        db.AccountEvents.Add(new AccountEvent(accountId, AccountEventKind.PasskeyRemoved, clock.GetUtcNow().UtcDateTime, client));
        await db.SaveChangesAsync(cancellationToken);
        return PasskeyChange.Removed;
    }

    /// <summary>
    /// Records a sign-in with a passkey Identity verified: its new counter and backup state, when it was used, and the
    /// event. Null when the account or the passkey is gone (removed in the moment since the ceremony began).
    /// </summary>
    public async Task<Account?> SignedInAsync(Account account, UserPasskeyInfo passkey, string? client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(passkey);
        var id = AccountPasskey.IdOf(passkey.CredentialId);
        var stored = await db.AccountPasskeys.SingleOrDefaultAsync(p => p.CredentialId == id && p.AccountId == account.Id, cancellationToken);
        var current = await db.Accounts.SingleOrDefaultAsync(a => a.Id == account.Id, cancellationToken);
        if (stored is null || current is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        stored.Update(passkey);
        stored.MarkUsed(now);
        db.AccountEvents.Add(new AccountEvent(account.Id, AccountEventKind.SignedInWithPasskey, now, client));
        await db.SaveChangesAsync(cancellationToken);
        return current;
    }
}
