using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using BackCare.Data.Clinics;
using BackCare.Data.Risk;
using BackCare.Data.Storage;
using BackCare.Web.Diary;
using BackCare.Web.Tests.Booking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Scaling;

/// <summary>
/// Two instances of the real host on one PostgreSQL database, as behind a load balancer: what one saves, the other's
/// memory forgets (LISTEN/NOTIFY), and the background work is led by one of them at a time (an advisory lock).
/// </summary>
public sealed class SeveralInstancesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [PostgresFact]
    public async Task Given_two_instances_on_one_database_When_one_saves_a_risk_screen_Then_the_other_forgets_the_risk_group_its_diary_kept()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var first = BackCareFactory.With(database.HostSettings());
        using var second = BackCareFactory.With(database.HostSettings());
        await ListeningAsync(first);
        var heard = await ListeningAsync(second);
        var owner = await PersonWithACheckAsync(first);
        await EventuallyAsync(() => heard.ContainsKey(owner), "the notice of the saved check reaches the second instance before it reads");

        var before = await StartOnAsync(second, owner);
        before!.Risk.ShouldBeNull();
        second.Services.GetRequiredService<DiaryBaselines>().Holds(owner).ShouldBeTrue("the second instance keeps the start in memory");

        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            db.RiskScreens.Add(new RiskScreen(owner, "{}", 7, 4, RiskGroup.High));
            await db.SaveChangesAsync();
        }

        await EventuallyAsync(() => !second.Services.GetRequiredService<DiaryBaselines>().Holds(owner), "the notice reaches the second instance");
        var after = await StartOnAsync(second, owner);
        after!.Risk.ShouldBe(Clinical.Risk.RiskGroup.High);
    }

    [PostgresFact]
    public async Task Given_two_instances_on_one_database_When_one_erases_a_person_Then_the_other_forgets_what_it_kept_of_them()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var first = BackCareFactory.With(database.HostSettings());
        using var second = BackCareFactory.With(database.HostSettings());
        await ListeningAsync(first);
        var heard = await ListeningAsync(second);
        var owner = await PersonWithACheckAsync(first);
        var someoneElse = await PersonWithACheckAsync(first);
        await EventuallyAsync(() => heard.ContainsKey(owner) && heard.ContainsKey(someoneElse), "the notices of the saved checks arrive");
        heard.Clear();

        (await StartOnAsync(second, owner)).ShouldNotBeNull();
        (await StartOnAsync(second, someoneElse)).ShouldNotBeNull();
        var baselines = second.Services.GetRequiredService<DiaryBaselines>();
        baselines.Holds(owner).ShouldBeTrue("the second instance keeps the start in memory");
        (await StartOnAsync(first, owner)).ShouldNotBeNull();
        first.Services.GetRequiredService<DiaryBaselines>().Holds(owner).ShouldBeTrue("and so does the first");

        await using (var scope = first.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<BackCare.Data.PersonalData.AccountErasure>().EraseAsync(owner)).ShouldBeTrue();
        }

        first.Services.GetRequiredService<DiaryBaselines>().Holds(owner).ShouldBeFalse("the erasing instance forgets at once");
        await EventuallyAsync(() => !baselines.Holds(owner), "the erasure's notice reaches the second instance");
        heard.ContainsKey(owner).ShouldBeTrue();
        baselines.Holds(someoneElse).ShouldBeTrue("only the erased person is forgotten");
        (await StartOnAsync(second, owner)).ShouldBeNull("nothing of the erased person is left to read");
    }

    [PostgresFact]
    public async Task Given_two_instances_When_a_patient_writes_through_one_Then_the_other_forgets_the_inbox_count_its_worklist_kept()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var first = BackCareFactory.With(database.HostSettings());
        using var second = BackCareFactory.With(database.HostSettings());
        await ListeningAsync(first);
        await ListeningAsync(second);
        var owner = await PersonWithACheckAsync(first);
        Guid clinic;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            clinic = await db.Clinics.Select(c => c.Id).FirstAsync();
        }

        var counts = second.Services.GetRequiredService<BackCare.Web.Clinician.InboxWaitingCounts>();
        await using (var scope = second.Services.CreateAsyncScope())
        {
            (await counts.CountAsync(scope.ServiceProvider.GetRequiredService<BackCareDbContext>(), clinic, CancellationToken.None)).ShouldBe(0);
        }

        counts.Holds(clinic).ShouldBeTrue("the second instance keeps the count");
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            db.Messages.Add(new Message(clinic, owner, owner, fromClinic: false, "Can I drive?"));
            await db.SaveChangesAsync();
        }

        await EventuallyAsync(() => !counts.Holds(clinic), "the message's notice reaches the second instance");
    }

    [PostgresFact]
    public async Task Given_a_change_saved_in_a_transaction_that_rolls_back_When_the_other_instance_listens_Then_it_keeps_what_it_holds()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var first = BackCareFactory.With(database.HostSettings());
        using var second = BackCareFactory.With(database.HostSettings());
        await ListeningAsync(first);
        var heard = await ListeningAsync(second);
        var owner = await PersonWithACheckAsync(first);
        await EventuallyAsync(() => heard.ContainsKey(owner), "the notice of the saved check reaches the second instance before it reads");
        _ = await StartOnAsync(second, owner);

        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.RiskScreens.Add(new RiskScreen(owner, "{}", 7, 4, RiskGroup.High));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // A committed change to somebody else, sent after the rolled-back one, shows that notices have been delivered.
        var someoneElse = await PersonWithACheckAsync(first);
        await EventuallyAsync(() => heard.ContainsKey(someoneElse), "the notice of the saved check arrives");
        _ = await StartOnAsync(second, someoneElse);
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            db.RiskScreens.Add(new RiskScreen(someoneElse, "{}", 1, 0, RiskGroup.Low));
            await db.SaveChangesAsync();
        }

        await EventuallyAsync(() => !second.Services.GetRequiredService<DiaryBaselines>().Holds(someoneElse), "the committed notice arrives");
        second.Services.GetRequiredService<DiaryBaselines>().Holds(owner).ShouldBeTrue("a rolled-back save sends no notice");
    }

    [PostgresFact]
    public async Task Given_two_instances_When_a_person_signs_out_through_one_Then_the_other_refuses_the_token_it_had_found_open()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var first = BackCareFactory.With(database.HostSettings());
        using var second = BackCareFactory.With(database.HostSettings());
        await ListeningAsync(first);
        await ListeningAsync(second);
        var email = People.NewEmail();
        using var throughFirst = await People.SignedInClient(first, email);
        using var laptopOnSecond = second.CreateClient();
        laptopOnSecond.DefaultRequestHeaders.Authorization = throughFirst.DefaultRequestHeaders.Authorization;
        using var phoneOnSecond = await People.SignIn(second, email);

        (await laptopOnSecond.GetAsync("/api/diary")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, "a token made by one instance opens the other");
        (await phoneOnSecond.GetAsync("/api/diary")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var kept = second.Services.GetRequiredService<OpenSessions>();
        var account = await AccountIdOfAsync(first, email);
        kept.Holds(account).ShouldBeTrue("the second instance keeps the open sessions, or this test proves nothing");

        (await throughFirst.PostAsync("/api/account/logout", null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);

        await EventuallyAsync(() => !kept.Holds(account), "the sign-out's notice reaches the second instance");
        (await laptopOnSecond.GetAsync("/api/diary")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized, "signed out on the first, refused on the second");
        (await phoneOnSecond.GetAsync("/api/diary")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, "the other device's session stays open");
        kept.Holds(account).ShouldBeTrue();

        using var phoneOnFirst = first.CreateClient();
        phoneOnFirst.DefaultRequestHeaders.Authorization = phoneOnSecond.DefaultRequestHeaders.Authorization;
        (await phoneOnFirst.PostAsync("/api/account/logout-everywhere", null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);

        await EventuallyAsync(() => !kept.Holds(account), "the notice of signing out everywhere reaches the second instance");
        (await phoneOnSecond.GetAsync("/api/diary")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }

    [PostgresFact]
    public async Task Given_two_instances_on_one_database_When_both_run_Then_one_leads_the_background_work_and_the_other_takes_over_when_it_stops()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var first = BackCareFactory.With(database.HostSettings());
        using var second = BackCareFactory.With(database.HostSettings());
        using (first)
        {
            using var _ = first.CreateClient();
            using var __ = second.CreateClient();

            first.Services.GetRequiredService<BackgroundLeader>().IsLeader.ShouldBeTrue("the first to start takes the lead and makes the slots");
            second.Services.GetRequiredService<BackgroundLeader>().IsLeader.ShouldBeFalse();
            await using var scope = first.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Slots.CountAsync()).ShouldBeGreaterThan(0);
            first.Logs.Entries.ShouldContain(e => e.Message.StartsWith("Made ", StringComparison.Ordinal) && e.Message.Contains(" new slots", StringComparison.Ordinal));
            second.Logs.Entries.ShouldNotContain(e => e.Message.Contains(" new slots", StringComparison.Ordinal), "the follower made no slots");
        }

        var follower = second.Services.GetRequiredService<BackgroundLeader>();
        await EventuallyAsync(() => follower.IsLeader, "the second instance takes the lead once the first has stopped", TimeSpan.FromSeconds(30));
    }

    [PostgresFact]
    public async Task Given_two_leaders_on_one_database_When_they_try_Then_exactly_one_leads_until_it_stops()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var options = new StorageOptions(StorageProvider.Postgres, database.ConnectionString);
        using var first = new BackgroundLeader(options, NullLogger<BackgroundLeader>.Instance) { CheckInterval = TimeSpan.FromMilliseconds(100) };
        using var second = new BackgroundLeader(options, NullLogger<BackgroundLeader>.Instance) { CheckInterval = TimeSpan.FromMilliseconds(100) };

        (await first.TryLeadAsync()).ShouldBeTrue();
        (await second.TryLeadAsync()).ShouldBeFalse();
        (await first.TryLeadAsync()).ShouldBeTrue("a leader stays the leader");
        (await second.TryLeadAsync()).ShouldBeFalse();

        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        await first.StopAsync(CancellationToken.None);
        first.IsLeader.ShouldBeFalse();
        await EventuallyAsync(() => second.IsLeader, "the lock is free once the leader's connection closed");
        await second.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Given_SQLite_When_an_instance_asks_Then_it_always_leads_and_its_caches_may_keep_what_they_read()
    {
        var options = new StorageOptions(StorageProvider.Sqlite, "Data Source=unused.db");
        using var leader = new BackgroundLeader(options, NullLogger<BackgroundLeader>.Instance);

        (await leader.TryLeadAsync()).ShouldBeTrue();
        leader.IsLeader.ShouldBeTrue();
        new CacheInvalidation(options).CanCache.ShouldBeTrue("one process: nobody else to hear from");
        new CacheInvalidation(options with { Provider = StorageProvider.Postgres }).CanCache.ShouldBeFalse("not until it listens");
    }

    /// <summary>Starts the host and waits until it listens; returns the people whose notices it has heard since.</summary>
    private static async Task<System.Collections.Concurrent.ConcurrentDictionary<Guid, bool>> ListeningAsync(BackCareFactory host)
    {
        using var _ = host.CreateClient();
        await host.Services.GetRequiredService<PostgresCacheListener>().Listening.WaitAsync(Patience);
        var heard = new System.Collections.Concurrent.ConcurrentDictionary<Guid, bool>();
        host.Services.GetRequiredService<CacheInvalidation>().Subscribe(CacheTopics.DiaryStart, key => heard[key] = true, () => { });
        return heard;
    }

    private static async Task<Guid> PersonWithACheckAsync(BackCareFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .RegisterAsync(People.NewEmail(), People.Password, "Sam", AccountRole.Patient, CancellationToken.None);
        var owner = outcome.Account!.Id;
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        db.SavedAssessments.Add(new SavedAssessment(owner, """{"age":41,"findings":{"pain_score":5}}""", "{}", "SelfCare", 41));
        await db.SaveChangesAsync();
        return owner;
    }

    private static async Task<Guid> AccountIdOfAsync(BackCareFactory host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var normalized = Account.NormalizeEmail(email);
        return await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Accounts
            .Where(a => a.NormalizedEmail == normalized).Select(a => a.Id).SingleAsync();
    }

    private static async Task<DiaryStart?> StartOnAsync(BackCareFactory host, Guid owner)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await host.Services.GetRequiredService<DiaryBaselines>()
            .StartOfAsync(scope.ServiceProvider.GetRequiredService<BackCareDbContext>(), owner, CancellationToken.None);
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Patience);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Not within {(within ?? Patience).TotalSeconds} s: {what}.");
            }

            await Task.Delay(50);
        }
    }
}
