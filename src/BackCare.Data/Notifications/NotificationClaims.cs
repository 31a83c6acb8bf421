using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Notifications;

/// <summary>
/// The senders' side of the outbox. A sender claims a due row with one conditional UPDATE (still pending, and
/// unclaimed or its lease run out) and owns it only when that UPDATE changed a row: on PostgreSQL a second sender's
/// UPDATE waits for the first to commit and then finds the condition false; on SQLite writes take turns. So however
/// many servers share the database, one of them holds a row at a time, and only the holder may mark it done.
/// A sender that dies mid-send leaves its lease to run out, and the row is tried again.
/// </summary>
public sealed class NotificationClaims(BackCareDbContext db, TimeProvider clock)
{
    /// <summary>Claims up to <paramref name="max"/> due rows for <paramref name="sender"/> until <paramref name="lease"/> from now, oldest due first.</summary>
    public async Task<IReadOnlyList<Notification>> ClaimDueAsync(string sender, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        var now = Now;
        var due = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.State == NotificationState.Pending && n.DueUtc <= now && (n.ClaimedUntilUtc == null || n.ClaimedUntilUtc < now))
            .OrderBy(n => n.DueUtc).ThenBy(n => n.Id)
            .Select(n => n.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        var claimed = new List<Guid>();
        var until = now + lease;
        foreach (var id in due)
        {
            var won = await db.Set<Notification>()
                .Where(n => n.Id == id && n.State == NotificationState.Pending && (n.ClaimedUntilUtc == null || n.ClaimedUntilUtc < now))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(n => n.ClaimedBy, sender)
                    .SetProperty(n => n.ClaimedUntilUtc, until)
                    .SetProperty(n => n.Attempts, n => n.Attempts + 1), cancellationToken);
            if (won == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count == 0)
        {
            return [];
        }

        var rows = await db.Set<Notification>().AsNoTracking().Where(n => claimed.Contains(n.Id)).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(n => n.DueUtc).ThenBy(n => n.Id)];
    }

    /// <summary>Sent. False when the sender no longer held the row (its lease ran out and another took it).</summary>
    public Task<bool> MarkSentAsync(Guid id, string sender, CancellationToken cancellationToken = default) =>
        FinishAsync(id, sender, NotificationState.Sent, cancellationToken);

    /// <summary>Not to be sent after all (the visit moved, the person opted out...).</summary>
    public Task<bool> MarkSkippedAsync(Guid id, string sender, CancellationToken cancellationToken = default) =>
        FinishAsync(id, sender, NotificationState.Skipped, cancellationToken);

    /// <summary>Every attempt failed.</summary>
    public Task<bool> MarkFailedAsync(Guid id, string sender, CancellationToken cancellationToken = default) =>
        FinishAsync(id, sender, NotificationState.Failed, cancellationToken);

    /// <summary>This attempt failed: free for any sender again at <paramref name="retryAtUtc"/>.</summary>
    public async Task<bool> RetryAtAsync(Guid id, string sender, DateTime retryAtUtc, CancellationToken cancellationToken = default) =>
        await db.Set<Notification>()
            .Where(n => n.Id == id && n.ClaimedBy == sender && n.State == NotificationState.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(n => n.DueUtc, retryAtUtc)
                .SetProperty(n => n.ClaimedBy, (string?)null)
                .SetProperty(n => n.ClaimedUntilUtc, (DateTime?)null), cancellationToken) == 1;

    private async Task<bool> FinishAsync(Guid id, string sender, NotificationState state, CancellationToken cancellationToken)
    {
        var now = Now;
        return await db.Set<Notification>()
            .Where(n => n.Id == id && n.ClaimedBy == sender && n.State == NotificationState.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(n => n.State, state)
                .SetProperty(n => n.DoneUtc, now)
                .SetProperty(n => n.ClaimedUntilUtc, (DateTime?)null), cancellationToken) == 1;
    }

    /// <summary>
    /// Puts a diary nudge for <paramref name="day"/> in for everyone who asked for one, due at <paramref name="dueUtc"/>;
    /// a nudge already there is left as it is, so every server may run this every poll. Returns how many were added.
    /// </summary>
    public async Task<int> ScheduleDiaryNudgesAsync(DateOnly day, DateTime dueUtc, CancellationToken cancellationToken = default)
    {
        var wanting = await db.Set<NotificationPreferences>().AsNoTracking()
            .Where(p => p.DiaryNudge && !db.Set<Notification>().Any(n => n.AccountId == p.AccountId && n.Kind == NotificationKind.DiaryNudge && n.DueUtc == dueUtc))
            .Select(p => p.AccountId)
            .ToListAsync(cancellationToken);
        var added = 0;
        var stamp = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var account in wanting)
        {
            var key = $"diary-nudge:{account}:{stamp}";
            db.Set<Notification>().Add(new Notification(NotificationKind.DiaryNudge, account, null, key, dueUtc));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                added++;
            }
            catch (DbUpdateException e) when (Storage.UniqueViolations.IsUniqueViolation(e))
            {
                // Another server put it in a moment ago.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return added;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
