using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BackCare.Data.PersonalData;

/// <summary>
/// Erases a person: every row of every table in <see cref="PersonalDataTables"/>, then the account, in one
/// transaction. What remains is a single audit event saying the account was deleted (who did it, when, from where).
/// Every instance's memory of the person is forgotten as it commits (<see cref="CacheInvalidation.AnnounceErasureAsync"/>).
/// Once committed, the database is scrubbed of the deleted rows' bytes as far as it can be (<see cref="ErasureScrub"/>),
/// so the person's words do not live on in free pages or the write-ahead log.
/// </summary>
public sealed partial class AccountErasure(BackCareDbContext db, AuditLog audit, CacheInvalidation caches, ILogger<AccountErasure> logger)
{
    /// <summary>False when there is no such account (nothing is changed then).</summary>
    public async Task<bool> EraseAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        // The provider's retrying strategy (if any) must own the transaction, so the whole erasure runs through it.
        var strategy = db.Database.CreateExecutionStrategy();
        var touched = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var tables = new HashSet<string>(StringComparer.Ordinal) { TableOf(typeof(Account)), TableOf(typeof(AuditEvent)) };
            tables.UnionWith(ChangedByTheDatabase().Select(TableOf));
            await using var transaction = await db.Database.BeginTransactionAsync(ct);

            // Audit events are append-only: the database lets this transaction delete the person's, and no one else's.
            var permit = await AuditRemovalPermit.ForErasureAsync(db, accountId, ct);
            foreach (var table in PersonalDataTables.All)
            {
                if (await table.DeleteAsync(db, accountId, ct) > 0)
                {
                    tables.Add(TableOf(table.EntityType));
                }
            }

            await permit.WithdrawAsync(db, ct);

            var deleted = await db.Accounts.Where(a => a.Id == accountId).ExecuteDeleteAsync(ct);
            if (deleted == 0)
            {
                await transaction.RollbackAsync(ct);
                return null;
            }

            await audit.RecordAsync(AuditAction.Delete, accountId, nameof(Account), accountId.ToString(), ct);
            // Other instances forget the person when this commits; a rollback sends nothing.
            await CacheInvalidation.AnnounceErasureAsync(db, accountId, ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return tables;
        }, cancellationToken);

        if (touched is null)
        {
            return false;
        }

        caches.ForgetPerson(accountId);
        LogErased(logger, accountId);
        await ErasureScrub.AfterErasureAsync(db, touched, logger);
        return true;
    }

    /// <summary>
    /// A record of the erasure outside the database (the log), so that after a database is restored from a backup taken
    /// before it, the erasure can be found and made again (docs/decisions/0011-erasure-and-keys.md). The id is random.
    /// </summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Erased account {AccountId}.")]
    private static partial void LogErased(ILogger logger, Guid accountId);

    /// <summary>
    /// Tables outside <see cref="PersonalDataTables"/> whose rows the database itself deletes or unlinks along with the
    /// account or a listed row (<c>ON DELETE CASCADE</c> or <c>SET NULL</c>: a session's refresh tokens, a clinician's
    /// profile): their old versions are dead rows to vacuum too. Read from the model, so a new relation is followed.
    /// </summary>
    private IEnumerable<Type> ChangedByTheDatabase()
    {
        var listed = PersonalDataTables.All.Select(t => t.EntityType).ToHashSet();
        var deleted = new HashSet<Type>(listed) { typeof(Account) };
        var unlinked = new HashSet<Type>();
        var keys = db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys()).ToList();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var key in keys.Where(k => deleted.Contains(k.PrincipalEntityType.ClrType)))
            {
                if (key.DeleteBehavior == DeleteBehavior.Cascade)
                {
                    grew |= deleted.Add(key.DeclaringEntityType.ClrType);
                }
                else if (key.DeleteBehavior == DeleteBehavior.SetNull)
                {
                    unlinked.Add(key.DeclaringEntityType.ClrType);
                }
            }
        }

        return deleted.Union(unlinked).Where(t => t != typeof(Account) && !listed.Contains(t));
    }

    private string TableOf(Type entityType) =>
        db.Model.FindEntityType(entityType)?.GetTableName() ?? throw new InvalidOperationException($"{entityType.Name} is not in the model.");
}
