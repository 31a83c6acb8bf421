using BackCare.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Accounts;

/// <summary>A refreshed pair for an API client: the session it belongs to and the next refresh token.</summary>
public sealed record RefreshedSession(Account Account, AccountSession Session, string RefreshToken);

/// <summary>
/// Sessions that can be ended: started at sign-in, checked on every request, ended by signing out (one session),
/// by signing out everywhere or by any change of the security stamp (all of them), and by erasure (the rows go with
/// the account). API sessions also hold one-use refresh tokens. Sessions found open are kept in memory
/// (<see cref="OpenSessions"/>) and forgotten, on every instance, by whatever ends them (decision 0032).
/// </summary>
public sealed class AccountSessions(BackCareDbContext db, TimeProvider clock, OpenSessions open, CacheInvalidationInterceptor changes)
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
    /// current stamp. Asked on every signed-in request: answered from <see cref="OpenSessions"/> when this process found
    /// the session open and nothing has ended it since (its end compared with the clock each time), otherwise by one
    /// indexed read. There is no grace period to wait out: whatever ends a session forgets it first (decision 0032).
    /// </summary>
    public async Task<bool> IsOpenAsync(Guid sessionId, Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        if (open.IsOpen(sessionId, accountId, now))
        {
            return true;
        }

        var generation = open.Generation;
        var ends = await db.AccountSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.AccountId == accountId && s.EndsUtc > now)
            .Join(db.Accounts, s => s.AccountId, a => a.Id, (s, a) => new { s.EndsUtc, Current = s.SecurityStamp == a.SecurityStamp })
            .Where(s => s.Current)
            .Select(s => (DateTime?)s.EndsUtc)
            .SingleOrDefaultAsync(cancellationToken);
        if (ends is not { } endsUtc)
        {
            return false;
        }

        open.Keep(sessionId, accountId, endsUtc, now, generation);
        return true;
    }

    public async Task<AccountSession?> FindAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        await db.AccountSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);

    /// <summary>Ends one session (signing out on one device); its refresh tokens go with it.</summary>
    public async Task EndAsync(Guid sessionId, Guid accountId, string? remoteAddress, CancellationToken cancellationToken = default) =>
        await EndWhereAsync(accountId, s => s.Id == sessionId, AccountEventKind.SignedOut, remoteAddress, cancellationToken);

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

        // The new stamp ends every session on every instance as it commits (the save announces it); the rows follow.
        account.RenewSecurityStamp();
        db.AccountEvents.Add(new AccountEvent(accountId, why, Now, remoteAddress));
        await db.SaveChangesAsync(cancellationToken);
        await EndWhereAsync(accountId, _ => true, null, remoteAddress, cancellationToken);
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
        var stamp = account.SecurityStamp;
        await EndWhereAsync(account.Id, s => s.SecurityStamp != stamp, null, remoteAddress, cancellationToken);
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
        var sessionId = session.Id;
        await EndWhereAsync(session.AccountId, s => s.Id == sessionId, AccountEventKind.RefreshTokenReused, remoteAddress, cancellationToken, always: true);
    }

    /// <summary>
    /// Deletes the account's sessions that <paramref name="which"/> picks and, in the same transaction, makes every
    /// instance forget the account's open sessions (a bulk delete passes the save hooks by); records <paramref name="why"/>
    /// when a session ended (or <paramref name="always"/>).
    /// </summary>
    private async Task EndWhereAsync(
        Guid accountId, System.Linq.Expressions.Expression<Func<AccountSession, bool>> which, AccountEventKind? why, string? remoteAddress,
        CancellationToken cancellationToken, bool always = false)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var ended = await db.AccountSessions.Where(s => s.AccountId == accountId).Where(which).ExecuteDeleteAsync(cancellationToken);
        await changes.AnnounceAsync(db, CacheTopics.OpenSessions, accountId, cancellationToken);
        if (why is { } kind && (ended > 0 || always))
        {
            db.AccountEvents.Add(new AccountEvent(accountId, kind, Now, remoteAddress));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Records an event of the account's sign-in history.</summary>
    public async Task RecordAsync(Guid accountId, AccountEventKind kind, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        db.AccountEvents.Add(new AccountEvent(accountId, kind, Now, remoteAddress));
        await db.SaveChangesAsync(cancellationToken);
    }
}
