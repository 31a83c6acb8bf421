using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Clinics;

/// <summary>
/// A clinic's outcomes as <see cref="ClinicOutcomes.ReadAsync"/> worked them out at <see cref="ComputedUtc"/>, kept so
/// that the outcomes page and its CSV read one row instead of the clinic's records (decision 0019, migration 0023). One
/// row a clinic: a newer snapshot replaces it. The figures are aggregates; no person's record is in them.
/// </summary>
public sealed class ClinicOutcomeSnapshot
{
    /// <summary>How old a snapshot may be before it is worked out again: the figures are twelve-week trends.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private static readonly JsonSerializerOptions Json = new() { RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true };

    private ClinicOutcomeSnapshot(Guid clinicId, DateTime computedUtc, string figures)
    {
        ClinicId = clinicId;
        ComputedUtc = computedUtc;
        Figures = figures;
    }

    public Guid ClinicId { get; private set; }

    /// <summary>The instant the figures were worked out for: the end of their window.</summary>
    public DateTime ComputedUtc { get; private set; }

    /// <summary>The figures as JSON (<see cref="ClinicOutcomes"/>).</summary>
    public string Figures { get; private set; }

    /// <summary>Whether figures worked out at <paramref name="computedUtc"/> are to be worked out again at <paramref name="nowUtc"/>.</summary>
    public static bool IsDue(DateTime computedUtc, DateTime nowUtc) => nowUtc - computedUtc >= MaxAge;

    /// <summary>The clinic's latest figures, or null when none were kept (or kept in a form this version cannot read).</summary>
    public static async Task<ClinicOutcomes?> LatestAsync(BackCareDbContext db, Guid clinicId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var figures = await db.ClinicOutcomeSnapshots.AsNoTracking()
            .Where(s => s.ClinicId == clinicId)
            .Select(s => s.Figures)
            .SingleOrDefaultAsync(cancellationToken);
        return figures is null ? null : Read(figures);
    }

    /// <summary>
    /// Works the clinic's figures out as of <paramref name="nowUtc"/> and keeps them, unless a newer snapshot was kept
    /// meanwhile (by another instance, or a first view at the same moment); returns the figures worked out.
    /// </summary>
    public static async Task<ClinicOutcomes> RefreshAsync(BackCareDbContext db, Guid clinicId, TimeZoneInfo zone, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var outcomes = await ClinicOutcomes.ReadAsync(db, clinicId, zone, nowUtc, cancellationToken);
        var figures = JsonSerializer.Serialize(outcomes, Json);
        if (await ReplaceOlderAsync(db, clinicId, nowUtc, figures, cancellationToken) > 0
            || await db.ClinicOutcomeSnapshots.AnyAsync(s => s.ClinicId == clinicId, cancellationToken))
        {
            return outcomes;
        }

        db.ClinicOutcomeSnapshots.Add(new ClinicOutcomeSnapshot(clinicId, nowUtc, figures));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance kept the clinic's first snapshot between the look and the insert: keep the newer.
            db.ChangeTracker.Clear();
            await ReplaceOlderAsync(db, clinicId, nowUtc, figures, cancellationToken);
        }

        return outcomes;
    }

    /// <summary>
    /// The clinics whose snapshot is due at <paramref name="nowUtc"/>, with their time zones: those with none yet first
    /// (so that a clinic's very first outcomes view finds figures kept, stop 27), then the oldest.
    /// </summary>
    public static async Task<IReadOnlyList<(Guid ClinicId, string TimeZoneId)>> DueAsync(BackCareDbContext db, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var before = nowUtc - MaxAge;
        var due = await (
            from clinic in db.Clinics.AsNoTracking()
            join kept in db.ClinicOutcomeSnapshots.AsNoTracking() on clinic.Id equals kept.ClinicId into snapshots
            from snapshot in snapshots.DefaultIfEmpty()
            where snapshot == null || snapshot.ComputedUtc <= before
            orderby snapshot == null ? 0 : 1, snapshot!.ComputedUtc
            select new { clinic.Id, clinic.TimeZoneId })
            .ToListAsync(cancellationToken);
        return [.. due.Select(d => (d.Id, d.TimeZoneId))];
    }

    /// <summary>The figures kept as JSON; null when this version cannot read them, so that they are worked out again.</summary>
    internal static ClinicOutcomes? Read(string figures)
    {
        try
        {
            return JsonSerializer.Deserialize<ClinicOutcomes>(figures, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task<int> ReplaceOlderAsync(BackCareDbContext db, Guid clinicId, DateTime nowUtc, string figures, CancellationToken cancellationToken) =>
        db.ClinicOutcomeSnapshots
            .Where(s => s.ClinicId == clinicId && s.ComputedUtc < nowUtc)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.ComputedUtc, nowUtc).SetProperty(s => s.Figures, figures), cancellationToken);
}

internal sealed class ClinicOutcomeSnapshotConfiguration : IEntityTypeConfiguration<ClinicOutcomeSnapshot>
{
    public void Configure(EntityTypeBuilder<ClinicOutcomeSnapshot> builder)
    {
        builder.ToTable("clinic_outcome_snapshots");
        builder.HasKey(s => s.ClinicId);
        builder.Property(s => s.ClinicId).ValueGeneratedNever();
        builder.Property(s => s.Figures).IsRequired();
        builder.HasOne<Clinic>().WithMany().HasForeignKey(s => s.ClinicId).OnDelete(DeleteBehavior.Cascade);
    }
}
