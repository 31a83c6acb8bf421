using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Accounts;

/// <summary>A refreshed pair for an API client: the session it belongs to and the next refresh token.</summary>
public sealed record RefreshedSession(Account Account, AccountSession Session, string RefreshToken);

/// <summary>
/// Sessions that can be ended: started at sign-in, checked on every request, ended by signing out (one session),
/// by signing out everywhere or by any change of the security stamp (all of them), and by erasure (the rows go with
/// the account). API sessions also hold one-use refresh tokens.
/// </summary>
public sealed class AccountSessions(BackCareDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Starts a session after a sign-in; <paramref name="twoStep"/> when a code followed the password.</summary>
    public async Task<AccountSession> StartAsync(
        Account account, SessionKind kind, bool remember, string? remoteAddress, bool twoStep = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = Now;

        // Sessions past their end are of no use to anyone: each sign-in clears its account's.
        await db.AccountSessions.Where(s => s.AccountId == account.Id && s.EndsUtc <= now).ExecuteDeleteAsync(cancellationToken);
        var session = new AccountSession(account, kind, remember, now, remoteAddress, twoStep);
        db.AccountSessions.Add(session);
        db.AccountEvents.Add(new AccountEvent(account.Id, AccountEventKind.SignedIn, now, remoteAddress));
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>
    /// True when the session exists, belongs to the account, has not reached its end, and was made under the account's
    /// current stamp. One indexed read, made on every signed-in request: there is no grace period to wait out.
    /// </summary>
    public async Task<bool> IsOpenAsync(Guid sessionId, Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return await db.AccountSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.AccountId == accountId && s.EndsUtc > now)
            .Join(db.Accounts, s => s.AccountId, a => a.Id, (s, a) => s.SecurityStamp == a.SecurityStamp)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<AccountSession?> FindAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        await db.AccountSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);

    /// <summary>Ends one session (signing out on one device); its refresh tokens go with it.</summary>
    public async Task EndAsync(Guid sessionId, Guid accountId, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        var ended = await db.AccountSessions.Where(s => s.Id == sessionId && s.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        if (ended > 0)
        {
            db.AccountEvents.Add(new AccountEvent(accountId, AccountEventKind.SignedOut, Now, remoteAddress));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Ends every session of the account: the rows go, and the stamp is renewed so that anything issued under the old
    /// one (a reset link, a session being started at this moment) is refused as well.
    /// </summary>
    public async Task EndAllAsync(Guid accountId, AccountEventKind why, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return;
        }

        account.RenewSecurityStamp();
        db.AccountEvents.Add(new AccountEvent(accountId, why, Now, remoteAddress));
        await db.SaveChangesAsync(cancellationToken);
        await db.AccountSessions.Where(s => s.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// After a change that renewed the account's stamp on purpose (two-step sign-in turned on or off), the device that
    /// made it carries on in a new session under the new stamp, of the same kind and end as before; every other session
    /// stays ended and its row goes. Null when <paramref name="endedSessionId"/> is no longer there (signed out meanwhile).
    /// </summary>
    public async Task<AccountSession?> ContinueAsync(
        Guid endedSessionId, Account account, bool twoStep, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var ended = await db.AccountSessions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == endedSessionId && s.AccountId == account.Id, cancellationToken);
        await db.AccountSessions.Where(s => s.AccountId == account.Id && s.SecurityStamp != account.SecurityStamp).ExecuteDeleteAsync(cancellationToken);
        if (ended is null || ended.EndsUtc <= Now)
        {
            return null;
        }

        var session = new AccountSession(account, ended.Kind, ended.Remembered, Now, remoteAddress, twoStep);
        session.EndNoLaterThan(ended.EndsUtc);
        db.AccountSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>The account's open sessions, newest first, for "where you are signed in".</summary>
    public async Task<IReadOnlyList<AccountSession>> OpenSessionsAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var stamp = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
        var sessions = await db.AccountSessions.AsNoTracking()
            .Where(s => s.AccountId == accountId && s.EndsUtc > now && s.SecurityStamp == stamp)
            .ToListAsync(cancellationToken);
        return [.. sessions.OrderByDescending(s => s.StartedUtc)];
    }

    /// <summary>A new refresh token for an API session; it expires with the session.</summary>
    public async Task<string> IssueRefreshTokenAsync(AccountSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var token = RefreshToken.NewToken();
        db.RefreshTokens.Add(new RefreshToken(session.Id, RefreshToken.HashOf(token), Now, session.EndsUtc));
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// Uses a refresh token once and hands out the next. Null when the token is unknown, expired, its session over, or
    /// it was already used, in which case its session ends too: a used token comes back only when it was copied.
    /// </summary>
    public async Task<RefreshedSession?> RefreshAsync(string? token, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var now = Now;
        var hash = RefreshToken.HashOf(token);
        var stored = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var session = await db.AccountSessions.SingleOrDefaultAsync(s => s.Id == stored.SessionId, cancellationToken);
        var account = session is null ? null : await db.Accounts.SingleOrDefaultAsync(a => a.Id == session.AccountId, cancellationToken);
        if (session is null || account is null)
        {
            return null;
        }

        if (stored.UsedUtc is not null)
        {
            await EndStolenAsync(session, remoteAddress, cancellationToken);
            return null;
        }

        if (stored.ExpiresUtc <= now || !session.IsOpen(now, account.SecurityStamp))
        {
            return null;
        }

        stored.MarkUsed(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same token was used by another request a moment ago: one of the two holders is not the owner.
            db.ChangeTracker.Clear();
            await EndStolenAsync(session, remoteAddress, cancellationToken);
            return null;
        }

        return new RefreshedSession(account, session, await IssueRefreshTokenAsync(session, cancellationToken));
    }

    private async Task EndStolenAsync(AccountSession session, string? remoteAddress, CancellationToken cancellationToken)
    {
        await db.AccountSessions.Where(s => s.Id == session.Id).ExecuteDeleteAsync(cancellationToken);
        db.AccountEvents.Add(new AccountEvent(session.AccountId, AccountEventKind.RefreshTokenReused, Now, remoteAddress));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records an event of the account's sign-in history.</summary>
    public async Task RecordAsync(Guid accountId, AccountEventKind kind, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        db.AccountEvents.Add(new AccountEvent(accountId, kind, Now, remoteAddress));
        await db.SaveChangesAsync(cancellationToken);
    }
}
