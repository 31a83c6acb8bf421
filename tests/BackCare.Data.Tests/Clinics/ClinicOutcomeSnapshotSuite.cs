using System.Text.Json;
using BackCare.Data.Assessments;
using BackCare.Data.Clinics;
using BackCare.Data.Diary;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using BackCare.Data.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Clinics;

/// <summary>
/// Each clinic's kept outcomes (migration 0023, decision 0019): exactly what <see cref="ClinicOutcomes.ReadAsync"/> gives
/// at the time they were worked out, one clinic's never another's, a newer snapshot never replaced by an older, due
/// after <see cref="ClinicOutcomeSnapshot.MaxAge"/>, gone with their clinic, and worked out again when unreadable.
/// </summary>
public abstract class ClinicOutcomeSnapshotSuite(StorageTarget target)
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [StorageFact]
    public async Task Given_a_clinic_with_checks_and_diaries_When_its_snapshot_is_refreshed_Then_the_kept_figures_are_exactly_what_the_query_gives_at_that_time()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var (mine, _) = await SeedTwoClinicsAsync(services, clock.UtcNow);
        var at = clock.UtcNow;

        await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, mine, NewYork, at));

        var kept = await InScopeAsync(services, db => ClinicOutcomeSnapshot.LatestAsync(db, mine));
        var asked = await InScopeAsync(services, db => ClinicOutcomes.ReadAsync(db, mine, NewYork, at));
        kept.ShouldNotBeNull();
        JsonSerializer.Serialize(kept).ShouldBe(JsonSerializer.Serialize(asked), "every figure, to the last digit, as the query gives them at the snapshot's time");

        await AddEntryAsync(services, await PatientOfAsync(services, mine), at.AddMinutes(1), pain: 1);
        var keptLater = await InScopeAsync(services, db => ClinicOutcomeSnapshot.LatestAsync(db, mine));
        JsonSerializer.Serialize(keptLater).ShouldBe(JsonSerializer.Serialize(kept), "a snapshot does not move until it is worked out again");
        (await InScopeAsync(services, db => ClinicOutcomes.ReadAsync(db, mine, NewYork, at.AddMinutes(2)))).Recovery.Select(d => d.Day).ShouldContain(20);
        kept.Window.ToUtc.ShouldBe(at);
        kept.TriageMix.Sum(w => w.Total).ShouldBe(1);
        kept.Recovery.Select(d => (d.Day, d.People, d.Median)).ShouldBe([(0, 1, 8.0), (14, 1, 4.0), (15, 1, 4.0)]);
        kept.Improvement[0].ShouldBe(new Improvement(2, 1, 1));
        kept.RedFlags.Raised.ShouldBe(1);
    }

    [StorageFact]
    public async Task Given_two_clinics_When_each_is_refreshed_Then_each_reads_only_its_own_figures_and_a_clinic_never_refreshed_reads_none()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var (mine, theirs) = await SeedTwoClinicsAsync(services, clock.UtcNow);
        var third = await AddClinicAsync(services, "Third Clinic");

        await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, mine, NewYork, clock.UtcNow));
        await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, theirs, NewYork, clock.UtcNow));

        var ours = (await InScopeAsync(services, db => ClinicOutcomeSnapshot.LatestAsync(db, mine)))!;
        var others = (await InScopeAsync(services, db => ClinicOutcomeSnapshot.LatestAsync(db, theirs)))!;
        Mix(ours).ShouldBe(["urgent"]);
        Mix(others).ShouldBe(["routine", "routine"]);
        ours.RedFlags.Raised.ShouldBe(1);
        others.RedFlags.Raised.ShouldBe(0);
        (await InScopeAsync(services, db => ClinicOutcomeSnapshot.LatestAsync(db, third))).ShouldBeNull();
    }

    [StorageFact]
    public async Task Given_a_kept_snapshot_When_refreshed_later_Then_it_counts_the_new_records_and_an_older_refresh_never_replaces_it()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var (mine, _) = await SeedTwoClinicsAsync(services, clock.UtcNow);
        var first = clock.UtcNow;
        await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, mine, NewYork, first));
        var patient = await PatientOfAsync(services, mine);
        await AddCheckAsync(services, patient, first.AddMinutes(5), "emergency", pain: 9);

        var later = first.AddMinutes(11);
        await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, mine, NewYork, later));
        var kept = (await InScopeAsync(services, db => ClinicOutcomeSnapshot.LatestAsync(db, mine)))!;
        kept.Window.ToUtc.ShouldBe(later);
        Mix(kept).ShouldBe(["emergency", "urgent"], ignoreOrder: true);

        var returned = await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, mine, NewYork, first));
        Mix(returned).ShouldBe(["urgent"], "the refresh itself gives the figures as of its own time");
        (await InScopeAsync(services, db => ClinicOutcomeSnapshot.LatestAsync(db, mine)))!.Window.ToUtc.ShouldBe(later, "an older refresh finishing late keeps the newer");
        (await InScopeAsync(services, db => db.ClinicOutcomeSnapshots.CountAsync())).ShouldBe(1, "one row a clinic");
    }

    [StorageFact]
    public async Task Given_snapshots_of_several_ages_When_asking_which_are_due_Then_a_clinic_without_one_comes_first_then_those_at_least_ten_minutes_old_oldest_first()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var (mine, theirs) = await SeedTwoClinicsAsync(services, clock.UtcNow);
        var never = await AddClinicAsync(services, "Never Opened Clinic");
        var start = clock.UtcNow;
        await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, mine, NewYork, start));
        await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, theirs, NewYork, start.AddMinutes(3)));

        (await InScopeAsync(services, db => ClinicOutcomeSnapshot.DueAsync(db, start.AddMinutes(9)))).Select(d => d.ClinicId)
            .ShouldBe([never], "a clinic with no figures kept is due, so that its first view finds some");
        (await InScopeAsync(services, db => ClinicOutcomeSnapshot.DueAsync(db, start.AddMinutes(10)))).Select(d => d.ClinicId).ShouldBe([never, mine]);
        (await InScopeAsync(services, db => ClinicOutcomeSnapshot.DueAsync(db, start.AddMinutes(14))))
            .ShouldBe([(never, "America/New_York"), (mine, "America/New_York"), (theirs, "America/New_York")]);
        await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, never, NewYork, start.AddMinutes(9)));
        (await InScopeAsync(services, db => ClinicOutcomeSnapshot.DueAsync(db, start.AddMinutes(10)))).Select(d => d.ClinicId).ShouldBe([mine]);
        ClinicOutcomeSnapshot.IsDue(start, start.AddMinutes(10).AddTicks(-10)).ShouldBeFalse();
        ClinicOutcomeSnapshot.IsDue(start, start.AddMinutes(10)).ShouldBeTrue();
    }

    [StorageFact]
    public async Task Given_a_kept_snapshot_When_its_figures_cannot_be_read_or_its_clinic_is_deleted_Then_none_is_read_and_the_row_goes_with_the_clinic()
    {
        var (services, clock) = await StartAsync();
        await using var _ = services;
        var (mine, theirs) = await SeedTwoClinicsAsync(services, clock.UtcNow);
        await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, mine, NewYork, clock.UtcNow));
        await InScopeAsync(services, db => ClinicOutcomeSnapshot.RefreshAsync(db, theirs, NewYork, clock.UtcNow));

        await InScopeAsync(services, db => db.ClinicOutcomeSnapshots.Where(s => s.ClinicId == mine).ExecuteUpdateAsync(set => set.SetProperty(s => s.Figures, "{}")));
        (await InScopeAsync(services, db => ClinicOutcomeSnapshot.LatestAsync(db, mine))).ShouldBeNull("figures of another version are worked out again, not shown with holes");

        await InScopeAsync(services, db => db.Clinics.Where(c => c.Id == theirs).ExecuteDeleteAsync());
        (await InScopeAsync(services, db => db.ClinicOutcomeSnapshots.Select(s => s.ClinicId).ToListAsync())).ShouldBe([mine]);
    }

    private static string[] Mix(ClinicOutcomes outcomes) =>
        [.. outcomes.TriageMix.SelectMany(w => w.Counts.SelectMany((count, i) => Enumerable.Repeat(ClinicOutcomes.Dispositions[i], count)))];

    private async Task<(ServiceProvider Services, ManualClock Clock)> StartAsync()
    {
        var clock = new ManualClock();
        var database = await target.CreateDatabaseAsync();
        var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        return (services, clock);
    }

    /// <summary>
    /// "Mine": one patient, first check 20 days ago (urgent, pain 8), diary on days 0 (8) and 14 (4, improved) and a red
    /// flag on day 15. "Theirs": one patient with two routine checks and a diary of pain 2, no red flag.
    /// </summary>
    private static async Task<(Guid Mine, Guid Theirs)> SeedTwoClinicsAsync(IServiceProvider services, DateTime nowUtc)
    {
        var mine = await AddClinicAsync(services, "Riverside Spine Clinic");
        var theirs = await AddClinicAsync(services, "Hillside Back Clinic");
        var ann = await AddPatientAsync(services, mine);
        var first = nowUtc.AddDays(-20);
        await AddCheckAsync(services, ann, first, "urgent", pain: 8);
        await AddEntryAsync(services, ann, first.AddHours(2), pain: 8);
        await AddEntryAsync(services, ann, first.AddDays(14).AddHours(2), pain: 4);
        await AddEntryAsync(services, ann, first.AddDays(15).AddHours(2), pain: 4, redFlag: true);

        var zed = await AddPatientAsync(services, theirs);
        await AddCheckAsync(services, zed, first.AddDays(1), "routine", pain: 5);
        await AddCheckAsync(services, zed, first.AddDays(2), "routine", pain: 5);
        await AddEntryAsync(services, zed, first.AddDays(1).AddHours(2), pain: 2);
        return (mine, theirs);
    }

    private static Task<Guid> AddClinicAsync(IServiceProvider services, string name) =>
        InScopeAsync(services, async db =>
        {
            var clinic = new Clinic(name, "1 River Road", "+1 555 0100", "America/New_York");
            db.Clinics.Add(clinic);
            await db.SaveChangesAsync();
            return clinic.Id;
        });

    private static async Task<Guid> AddPatientAsync(IServiceProvider services, Guid clinicId)
    {
        var patient = await Samples.RegisterAsync(services);
        await InScopeAsync(services, async db =>
        {
            db.ClinicPatients.Add(new ClinicPatient(clinicId, patient.Id, ClinicPatient.PriorityOf("routine"), DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        return patient.Id;
    }

    private static Task<Guid> PatientOfAsync(IServiceProvider services, Guid clinicId) =>
        InScopeAsync(services, db => db.ClinicPatients.Where(p => p.ClinicId == clinicId).Select(p => p.PatientId).SingleAsync());

    private static Task<int> AddCheckAsync(IServiceProvider services, Guid person, DateTime atUtc, string disposition, int pain) =>
        InScopeAsync(services, db =>
        {
            var check = new SavedAssessment(person, $$$"""{"age":40,"findings":{"pain_score":{{{pain}}}}}""", "{}", disposition, 40);
            db.SavedAssessments.Add(check);
            db.Entry(check).Property(c => c.CreatedUtc).CurrentValue = atUtc;
            return db.SaveChangesAsync();
        });

    private static Task<int> AddEntryAsync(IServiceProvider services, Guid person, DateTime atUtc, int pain, bool redFlag = false) =>
        InScopeAsync(services, db =>
        {
            var entry = new DiaryEntry(person, Samples.Diary(painScore: pain), Samples.Reassessment());
            db.DiaryEntries.Add(entry);
            db.Entry(entry).Property(e => e.CreatedUtc).CurrentValue = atUtc;
            db.Entry(entry).Property(e => e.RedFlag).CurrentValue = redFlag;
            return db.SaveChangesAsync();
        });

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<BackCareDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BackCareDbContext>());
    }
}

public sealed class SqliteClinicOutcomeSnapshotTests(SqliteTarget target) : ClinicOutcomeSnapshotSuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresClinicOutcomeSnapshotTests(PostgresTarget target) : ClinicOutcomeSnapshotSuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
