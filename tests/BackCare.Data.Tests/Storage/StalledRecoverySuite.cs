using BackCare.Data.Assessments;
using BackCare.Data.Clinics;
using BackCare.Data.Diary;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Storage;

/// <summary>
/// Stalled recovery at one and four weeks raises a clinic's patient once per milestone, and the worklist's rows carry
/// their last 14 days of diary pain, on every provider (decision 0029). Time moves with the app's clock.
/// </summary>
public abstract class StalledRecoverySuite(StorageTarget target)
{
    private static readonly Guid Clinician = Guid.Parse("5c0f1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f");

    [StorageFact]
    public async Task Given_patients_a_week_after_their_first_check_When_the_check_runs_twice_Then_only_the_one_whose_diary_stalled_is_raised_and_only_once()
    {
        var clock = new ManualClock();
        await using var services = await NewDatabaseAsync(clock);
        var clinic = await AddClinicAsync(services);
        var stalled = await AddPatientAsync(services, clinic, clock);
        var improving = await AddPatientAsync(services, clinic, clock);
        var silent = await AddPatientAsync(services, clinic, clock);
        var tooEarly = await AddPatientAsync(services, clinic, clock);
        var worse = await AddPatientAsync(services, clinic, clock);

        clock.Advance(TimeSpan.FromDays(2));
        await AddEntryAsync(services, tooEarly, 7, DiaryProgress.Stalled);
        clock.Advance(TimeSpan.FromDays(4));
        await AddEntryAsync(services, stalled, 7, DiaryProgress.Stalled);
        await AddEntryAsync(services, improving, 3, DiaryProgress.Improving);
        await AddEntryAsync(services, worse, 9, DiaryProgress.Worse);
        await AddEntryAsync(services, tooEarly, 7, DiaryProgress.Improving);

        clock.Advance(TimeSpan.FromHours(20));
        (await InScopeAsync(services, db => StalledRecovery.RaiseDueAsync(db, clock.UtcNow))).ShouldBe(0, "a week has not passed yet");

        clock.Advance(TimeSpan.FromHours(5));
        var raised = await InScopeAsync(services, db => StalledRecovery.RaiseDueAsync(db, clock.UtcNow));

        raised.ShouldBe(2, "the stalled and the worse diaries; not the improving one, nor the one who wrote nothing");
        var rows = await InScopeAsync(services, db => db.ClinicPatients.AsNoTracking().Where(p => p.ClinicId == clinic).ToDictionaryAsync(p => p.PatientId));
        rows[stalled].StalledDays.ShouldBe(7);
        rows[stalled].StalledUtc.ShouldBe(clock.UtcNow);
        rows[stalled].IsAcknowledged.ShouldBeFalse();
        rows[stalled].Priority.ShouldBe(ClinicPatient.PriorityOf("routine"));
        rows[stalled].WaitingSinceUtc.ShouldBe(clock.UtcNow, "their wait for the stall starts now");
        rows[stalled].Disposition.ShouldBe("self_care", "the latest advice is kept");
        rows[worse].StalledDays.ShouldBe(7);
        rows[improving].StalledDays.ShouldBeNull();
        rows[improving].IsAcknowledged.ShouldBeTrue("they stay off the worklist");
        rows[silent].StalledDays.ShouldBeNull();
        rows[tooEarly].StalledDays.ShouldBeNull("their latest entry says improving");

        var page = await InScopeAsync(services, db => Worklist.PageAsync(db, clinic, null, clock.UtcNow));
        page.Rows.Select(r => r.PatientId).ShouldBe([stalled, worse], ignoreOrder: true);
        page.Rows.ShouldAllBe(r => r.StalledNow == 7);

        clock.Advance(TimeSpan.FromHours(1));
        (await InScopeAsync(services, db => StalledRecovery.RaiseDueAsync(db, clock.UtcNow))).ShouldBe(0, "a second run raises nobody again");
        (await InScopeAsync(services, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.PatientId == stalled))).StalledUtc
            .ShouldBe(clock.UtcNow.AddHours(-1));
    }

    [StorageFact]
    public async Task Given_a_stall_acknowledged_at_one_week_When_the_checks_run_on_Then_it_comes_back_once_at_four_weeks_and_never_twice_for_a_milestone()
    {
        var clock = new ManualClock();
        await using var services = await NewDatabaseAsync(clock);
        var clinic = await AddClinicAsync(services);
        var second = await AddClinicAsync(services);
        var patient = await AddPatientAsync(services, clinic, clock);
        await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Chose(second, patient, "self_care"), clock.UtcNow));

        clock.Advance(TimeSpan.FromDays(6));
        await AddEntryAsync(services, patient, 6, DiaryProgress.Stalled);
        clock.Advance(TimeSpan.FromDays(1.5));
        (await InScopeAsync(services, db => StalledRecovery.RaiseDueAsync(db, clock.UtcNow))).ShouldBe(2, "each clinic the person is a patient of");

        var row = await RowAsync(services, clinic, patient);
        (await InScopeAsync(services, db => WorklistUpdater.AcknowledgeAsync(db, clinic, patient, row.LastActivityUtc, Clinician, clock.UtcNow)))
            .ShouldBe(AcknowledgeOutcome.Acknowledged);

        // Two instances looking at once, and again later the same week: the milestone is done.
        clock.Advance(TimeSpan.FromDays(1));
        var both = await Task.WhenAll(
            InScopeAsync(services, db => StalledRecovery.RaiseDueAsync(db, clock.UtcNow)),
            InScopeAsync(services, db => StalledRecovery.RaiseDueAsync(db, clock.UtcNow)));
        both.Sum().ShouldBe(0);
        (await RowAsync(services, clinic, patient)).IsAcknowledged.ShouldBeTrue("an acknowledged stall stays acknowledged for its milestone");

        clock.Advance(TimeSpan.FromDays(19));
        await AddEntryAsync(services, patient, 6, DiaryProgress.Stalled);
        clock.Advance(TimeSpan.FromDays(1));
        var fourWeeks = await Task.WhenAll(
            InScopeAsync(services, db => StalledRecovery.RaiseDueAsync(db, clock.UtcNow)),
            InScopeAsync(services, db => StalledRecovery.RaiseDueAsync(db, clock.UtcNow)));

        fourWeeks.Sum().ShouldBe(2, "once for each clinic, however many look at once");
        row = await RowAsync(services, clinic, patient);
        row.IsAcknowledged.ShouldBeFalse("the stall at four weeks brings the row back");
        row.StalledDays.ShouldBe(28);
        row.WaitingSinceUtc.ShouldBe(clock.UtcNow);
        (await InScopeAsync(services, db => Worklist.PageAsync(db, clinic, null, clock.UtcNow))).Rows.Single().StalledNow.ShouldBe(28);

        clock.Advance(TimeSpan.FromDays(2));
        (await InScopeAsync(services, db => StalledRecovery.RaiseDueAsync(db, clock.UtcNow))).ShouldBe(0);
        clock.Advance(TimeSpan.FromDays(30));
        (await InScopeAsync(services, db => StalledRecovery.RaiseDueAsync(db, clock.UtcNow))).ShouldBe(0, "after the last milestone nothing is due");
    }

    [StorageFact]
    public async Task Given_diaries_over_three_weeks_When_the_worklist_is_read_Then_each_row_has_the_latest_pain_of_each_of_its_last_14_days_and_no_one_elses()
    {
        var clock = new ManualClock();
        await using var services = await NewDatabaseAsync(clock);
        var clinic = await AddClinicAsync(services);
        var writer = await AddPatientAsync(services, clinic, clock, onWorklist: true);
        var other = await AddPatientAsync(services, clinic, clock, onWorklist: true);
        var quiet = await AddPatientAsync(services, clinic, clock, onWorklist: true);

        await AddEntryAsync(services, writer, 9, DiaryProgress.Stalled); // day 20 before: out of the window
        clock.Advance(TimeSpan.FromDays(8));
        await AddEntryAsync(services, writer, 7, DiaryProgress.Stalled); // 12 days before the end
        await AddEntryAsync(services, other, 2, DiaryProgress.Improving);
        clock.Advance(TimeSpan.FromDays(10));
        await AddEntryAsync(services, writer, 6, DiaryProgress.Stalled); // 2 days and 3 hours before the end
        clock.Advance(TimeSpan.FromHours(1));
        await AddEntryAsync(services, writer, 5, DiaryProgress.Improving); // the same 24 hours: the later entry wins
        clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromHours(2));
        await AddEntryAsync(services, writer, 4, DiaryProgress.Improving); // the last 24 hours
        clock.Advance(TimeSpan.FromHours(4));

        var rows = (await InScopeAsync(services, db => Worklist.PageAsync(db, clinic, null, clock.UtcNow))).Rows.ToDictionary(r => r.PatientId);
        var all = (await InScopeAsync(services, db => Worklist.AllPatientsAsync(db, clinic, place: null, clock.UtcNow))).Rows.ToDictionary(r => r.PatientId);

        foreach (var list in new[] { rows, all })
        {
            var pain = list[writer].Pain.ShouldNotBeNull();
            pain.Count.ShouldBe(Worklist.PainDays);
            pain[13].ShouldBe(4);
            pain[11].ShouldBe(5, "the later of the day's two entries");
            pain[1].ShouldBe(7);
            pain.Count(p => p is not null).ShouldBe(3, "the entry of 20 days before is out of the window");
            list[other].Pain.ShouldNotBeNull()[1].ShouldBe(2);
            list[other].Pain!.Count(p => p is not null).ShouldBe(1);
            list[quiet].Pain.ShouldNotBeNull().ShouldAllBe(p => p == null);
        }
    }

    private async Task<ServiceProvider> NewDatabaseAsync(TimeProvider clock)
    {
        var database = await target.CreateDatabaseAsync();
        var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        return services;
    }

    private static Task<Guid> AddClinicAsync(IServiceProvider services) =>
        InScopeAsync(services, async db =>
        {
            var clinic = new Clinic("Riverside Spine Clinic", "1 River Road", "+1 555 0100", "America/New_York");
            db.Clinics.Add(clinic);
            await db.SaveChangesAsync();
            return clinic.Id;
        });

    /// <summary>A patient of the clinic whose first check (home care, pain 7) is now: in its list of all patients, off its worklist unless asked.</summary>
    private static async Task<Guid> AddPatientAsync(IServiceProvider services, Guid clinicId, ManualClock clock, bool onWorklist = false)
    {
        var account = await Samples.RegisterAsync(services);
        await InScopeAsync(services, async db =>
        {
            db.SavedAssessments.Add(new SavedAssessment(account.Id, "{\"age\":41,\"findings\":{\"pain_score\":7}}", "{}", "self_care", 41));
            await db.SaveChangesAsync();
            return await WorklistUpdater.RaiseAsync(
                db, onWorklist ? WorklistNews.Booked(clinicId, account.Id, "self_care") : WorklistNews.SignedUp(clinicId, account.Id), clock.UtcNow);
        });
        if (!onWorklist)
        {
            await InScopeAsync(services, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Assessed(account.Id, "self_care"), clock.UtcNow));
        }

        return account.Id;
    }

    private static Task<int> AddEntryAsync(IServiceProvider services, Guid ownerId, int pain, DiaryProgress progress) =>
        InScopeAsync(services, db =>
        {
            db.DiaryEntries.Add(new DiaryEntry(ownerId, Samples.Diary(pain), new DiaryReassessment("self_care", progress, RedFlag: false)));
            return db.SaveChangesAsync();
        });

    private static Task<ClinicPatient> RowAsync(IServiceProvider services, Guid clinicId, Guid patientId) =>
        InScopeAsync(services, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.ClinicId == clinicId && p.PatientId == patientId));

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<BackCareDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BackCareDbContext>());
    }
}

public sealed class SqliteStalledRecoveryTests(SqliteTarget target) : StalledRecoverySuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresStalledRecoveryTests(PostgresTarget target) : StalledRecoverySuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
