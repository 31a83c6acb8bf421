using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Auditing;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// How many years audit events are kept: whole months that ended longer ago than this are removed by the leader's
    /// upkeep (<see cref="Storage.StorageUpkeep"/>). Six years by default, HIPAA's retention of documentation
    /// (45 CFR 164.316(b)(2)).
    /// </summary>
    public int RetentionYears { get; set; } = 6;

    /// <summary>Throws when the setting is not a whole number of at least one year, so a typo shows at start.</summary>
    public void Validate()
    {
        if (RetentionYears is < 1 or > 100)
        {
            throw new InvalidOperationException($"{Section}:RetentionYears must be a whole number of years from 1 to 100, got {RetentionYears}.");
        }
    }

    /// <summary>
    /// Rows older than this are in months that ended more than <see cref="RetentionYears"/> ago: the first instant (UTC)
    /// of the month holding the moment exactly that many years before <paramref name="nowUtc"/>. A month that still
    /// holds one younger row is never before it.
    /// </summary>
    public DateTime RemovedBefore(DateTime nowUtc)
    {
        var edge = nowUtc.AddYears(-RetentionYears);
        return new DateTime(edge.Year, edge.Month, 1, 0, 0, 0, DateTimeKind.Utc);
    }
}

/// <summary>
/// Leave to delete audit events, held only inside the transaction that deletes them: the database's append-only trigger
/// refuses a DELETE of an audit event unless a permit names its person (an erasure) or a time after it (retention).
/// The permit is added and removed in that one transaction, so no other transaction ever sees it (decision 0025).
/// </summary>
public sealed class AuditRemovalPermit
{
    private AuditRemovalPermit(Guid? subjectId, DateTime? removedBeforeUtc)
    {
        Id = Guid.CreateVersion7();
        SubjectId = subjectId;
        RemovedBeforeUtc = removedBeforeUtc;
    }

    public Guid Id { get; private set; }

    /// <summary>The person being erased: their audit trail goes with them.</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>Retention: events before this instant are expired.</summary>
    public DateTime? RemovedBeforeUtc { get; private set; }

    /// <summary>
    /// Grants the permit in the open transaction. Withdraw it (<see cref="WithdrawAsync"/>) before committing; if the
    /// transaction fails instead, its rollback takes the permit away with everything else.
    /// </summary>
    public static Task<AuditRemovalPermit> ForErasureAsync(BackCareDbContext db, Guid subjectId, CancellationToken cancellationToken) =>
        GrantAsync(db, new AuditRemovalPermit(subjectId, null), cancellationToken);

    /// <inheritdoc cref="ForErasureAsync"/>
    public static Task<AuditRemovalPermit> ForRetentionAsync(BackCareDbContext db, DateTime removedBeforeUtc, CancellationToken cancellationToken) =>
        GrantAsync(db, new AuditRemovalPermit(null, removedBeforeUtc), cancellationToken);

    /// <summary>Takes the permit away, in the same transaction, so that no committed row ever holds one.</summary>
    public async Task WithdrawAsync(BackCareDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Set<AuditRemovalPermit>().Where(p => p.Id == Id).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task<AuditRemovalPermit> GrantAsync(BackCareDbContext db, AuditRemovalPermit permit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An audit removal permit is granted only inside the transaction that uses it.");
        }

        db.Add(permit);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(permit).State = EntityState.Detached;
        return permit;
    }
}

/// <summary>
/// One run of audit retention: when, under which setting, which months it removed with how many events each, and how
/// many in all. No person is named: this is the trace that the removal happened (decision 0025).
/// </summary>
public sealed class AuditRetentionRun
{
    public AuditRetentionRun(DateTime ranUtc, int retentionYears, DateTime removedBeforeUtc, IReadOnlyList<(string Month, long Rows)> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        Id = Guid.CreateVersion7();
        RanUtc = ranUtc;
        RetentionYears = retentionYears;
        RemovedBeforeUtc = removedBeforeUtc;
        Months = string.Join(",", months.Select(m => $"{m.Month}={m.Rows}"));
        RowsRemoved = months.Sum(m => m.Rows);
    }

    private AuditRetentionRun()
    {
    }

    public Guid Id { get; private set; }

    public DateTime RanUtc { get; private set; }

    public int RetentionYears { get; private set; }

    /// <summary>Events before this instant were expired (the first instant of a month, UTC).</summary>
    public DateTime RemovedBeforeUtc { get; private set; }

    /// <summary>Each month removed and its events, as <c>2020-01=1234,2020-02=55</c>; empty when nothing had expired.</summary>
    public string Months { get; private set; } = "";

    public long RowsRemoved { get; private set; }
}

internal sealed class AuditRemovalPermitConfiguration : IEntityTypeConfiguration<AuditRemovalPermit>
{
    public void Configure(EntityTypeBuilder<AuditRemovalPermit> builder)
    {
        builder.ToTable("audit_removal_permits", t =>
            t.HasCheckConstraint("ck_audit_removal_permits_one_kind", "(subject_id IS NULL) <> (removed_before_utc IS NULL)"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
    }
}

internal sealed class AuditRetentionRunConfiguration : IEntityTypeConfiguration<AuditRetentionRun>
{
    public void Configure(EntityTypeBuilder<AuditRetentionRun> builder)
    {
        builder.ToTable("audit_retention_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Months).IsRequired();
        builder.HasIndex(r => r.RanUtc);
    }
}
