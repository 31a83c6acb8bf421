using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.PersonalData;

/// <summary>
/// Erases a person: every row of every table in <see cref="PersonalDataTables"/>, then the account, in one
/// transaction. What remains is a single audit event saying the account was deleted (who did it, when, from where).
/// </summary>
public sealed class AccountErasure(BackCareDbContext db, AuditLog audit)
{
    /// <summary>False when there is no such account (nothing is changed then).</summary>
    public async Task<bool> EraseAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        // The provider's retrying strategy (if any) must own the transaction, so the whole erasure runs through it.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var table in PersonalDataTables.All)
            {
                await table.DeleteAsync(db, accountId, ct);
            }

            var deleted = await db.Accounts.Where(a => a.Id == accountId).ExecuteDeleteAsync(ct);
            if (deleted == 0)
            {
                await transaction.RollbackAsync(ct);
                return false;
            }

            await audit.RecordAsync(AuditAction.Delete, accountId, nameof(Account), accountId.ToString(), ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return true;
        }, cancellationToken);
    }
}
