using BackCare.Data.Accounts;
using BackCare.Data.PersonalData;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using BackCare.Data.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackCare.Data.Tests.Accounts;

/// <summary>
/// Sessions found open are answered from memory (<see cref="OpenSessions"/>, decision 0032), and every way a session
/// ends forgets it at once: on both databases, in one process; on PostgreSQL, in another process sharing the database.
/// </summary>
public abstract class OpenSessionsSuite(StorageTarget target)
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Every way a session ends (see <see cref="EndAsync"/>).</summary>
    protected static readonly string[] WaysToEnd =
        ["sign out", "sign out everywhere", "password change", "new role", "refresh token reused", "two steps off by the operator", "erasure"];

    [StorageFact]
    public async Task Given_a_session_kept_in_memory_When_its_row_goes_behind_BackCares_back_Then_memory_answers_for_at_most_MaxAge()
    {
        var clock = new ManualClock();
        var (services, account, session) = await SignedInAsync(clock);
        await using var _ = services;
        (await IsOpenAsync(services, session)).ShouldBeTrue();
        services.GetRequiredService<OpenSessions>().Holds(account.Id).ShouldBeTrue("a session found open is kept");

        // No save announces this delete: only memory can still say open, which shows memory is what answers.
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Database
                .ExecuteSqlAsync($"DELETE FROM account_sessions WHERE id = {session.Id}");
        }

        (await IsOpenAsync(services, session)).ShouldBeTrue("answered from memory");
        clock.Advance(OpenSessions.MaxAge);
        (await IsOpenAsync(services, session)).ShouldBeFalse("read again once the answer is MaxAge old");
    }

    [StorageFact]
    public async Task Given_a_session_kept_in_memory_When_the_clock_passes_its_absolute_end_Then_it_is_refused_though_still_kept()
    {
        var clock = new ManualClock();
        var (services, account, session) = await SignedInAsync(clock);
        await using var _ = services;
        var end = clock.UtcNow.AddSeconds(10);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Database
                .ExecuteSqlAsync($"UPDATE account_sessions SET ends_utc = {end} WHERE id = {session.Id}");
        }

        (await IsOpenAsync(services, session)).ShouldBeTrue();
        var open = services.GetRequiredService<OpenSessions>();
        open.IsOpen(session.Id, account.Id, clock.UtcNow).ShouldBeTrue("kept with its end");

        clock.Advance(TimeSpan.FromSeconds(10));

        open.Holds(account.Id).ShouldBeTrue("still in memory");
        open.IsOpen(session.Id, account.Id, clock.UtcNow).ShouldBeFalse("memory compares the end with the clock on every answer");
        (await IsOpenAsync(services, session)).ShouldBeFalse();
    }

    [StorageFact]
    public async Task Given_a_session_kept_in_memory_When_it_ends_in_any_way_Then_the_very_next_check_in_the_same_process_refuses_it()
    {
        var database = await target.CreateDatabaseAsync();
        foreach (var way in WaysToEnd)
        {
            var (services, account, session) = await SignedInAsync(TimeProvider.System, KindFor(way), database);
            await using var _ = services;
            var refreshToken = way is "refresh token reused" ? await IssueRefreshTokenAsync(services, session) : null;
            (await IsOpenAsync(services, session)).ShouldBeTrue(way);
            services.GetRequiredService<OpenSessions>().Holds(account.Id).ShouldBeTrue($"{way}: kept before it ends, or this test proves nothing");

            await EndAsync(services, way, account, session, refreshToken);

            (await IsOpenAsync(services, session)).ShouldBeFalse(way);
        }
    }

    [Fact]
    public void Given_a_forget_while_the_database_was_read_When_the_answer_comes_Then_it_is_not_kept()
    {
        var invalidation = new CacheInvalidation(new StorageOptions(StorageProvider.Sqlite, "Data Source=unused.db"));
        var open = new OpenSessions(invalidation);
        var (account, session) = (Guid.NewGuid(), Guid.NewGuid());
        var now = DateTime.UtcNow;

        var before = open.Generation;
        invalidation.Forget(CacheTopics.OpenSessions, account);
        open.Keep(session, account, now.AddHours(1), now, before);

        open.Holds(account).ShouldBeFalse("read before the session ended, answered after: not kept");
        open.IsOpen(session, account, now).ShouldBeFalse();

        open.Keep(session, account, now.AddHours(1), now, open.Generation);
        open.IsOpen(session, account, now).ShouldBeTrue("with no forget in between, kept");
        invalidation.Forget(CacheTopics.OpenSessions, account);
        open.IsOpen(session, account, now).ShouldBeFalse();
    }

    [Fact]
    public void Given_an_instance_that_could_miss_notices_When_a_session_is_found_open_Then_nothing_is_kept()
    {
        var open = new OpenSessions(new CacheInvalidation(new StorageOptions(StorageProvider.Postgres, "Host=unused")));
        var (account, session) = (Guid.NewGuid(), Guid.NewGuid());
        var now = DateTime.UtcNow;

        open.Keep(session, account, now.AddHours(1), now, open.Generation);

        open.Holds(account).ShouldBeFalse();
        open.IsOpen(session, account, now).ShouldBeFalse();
    }

    [Fact]
    public void Given_more_accounts_than_the_capacity_When_kept_Then_memory_stays_bounded()
    {
        var open = new OpenSessions(new CacheInvalidation(new StorageOptions(StorageProvider.Sqlite, "Data Source=unused.db")));
        var now = DateTime.UtcNow;
        var accounts = Enumerable.Range(0, OpenSessions.Capacity + 10).Select(_ => Guid.NewGuid()).ToList();

        foreach (var account in accounts)
        {
            open.Keep(Guid.NewGuid(), account, now.AddHours(1), now, open.Generation);
        }

        accounts.Count(open.Holds).ShouldBeLessThanOrEqualTo(OpenSessions.Capacity);
        open.Holds(accounts[^1]).ShouldBeTrue("the newest is kept");
    }

    protected async Task<(ServiceProvider Services, Account Account, AccountSession Session)> SignedInAsync(
        TimeProvider clock, SessionKind kind = SessionKind.Cookie, TestDatabase? database = null)
    {
        database ??= await target.CreateDatabaseAsync();
        var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        await ListeningAsync(services);
        var account = await Samples.RegisterAsync(services);
        await using var scope = services.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<AccountSessions>().StartAsync(account, kind, remember: false, "203.0.113.9");
        return (services, account, session);
    }

    /// <summary>On PostgreSQL, the instance listens for notices as a host would; until it does, nothing is kept.</summary>
    protected static async Task ListeningAsync(ServiceProvider services)
    {
        if (services.GetService<PostgresCacheListener>() is { } listener)
        {
            await listener.StartAsync(CancellationToken.None);
            await listener.Listening.WaitAsync(Patience);
        }
    }

    protected static async Task<bool> IsOpenAsync(IServiceProvider services, AccountSession session)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountSessions>().IsOpenAsync(session.Id, session.AccountId);
    }

    protected static async Task EndAsync(IServiceProvider services, string way, Account account, AccountSession session, string? refreshToken = null)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var sessions = provider.GetRequiredService<AccountSessions>();
        var db = provider.GetRequiredService<BackCareDbContext>();
        switch (way)
        {
            case "sign out":
                await sessions.EndAsync(session.Id, account.Id, "203.0.113.9");
                break;
            case "sign out everywhere":
                await sessions.EndAllAsync(account.Id, AccountEventKind.SignedOutEverywhere, "203.0.113.9");
                break;
            case "password change":
                (await provider.GetRequiredService<AccountPasswords>().ChangeAsync(account.Id, Samples.Password, "a brand new passphrase 42", "203.0.113.9"))
                    .ShouldBe(PasswordChange.Changed);
                break;
            case "new role":
                (await db.Accounts.SingleAsync(a => a.Id == account.Id)).ChangeRole(AccountRole.Clinician);
                await db.SaveChangesAsync();
                break;
            case "refresh token reused":
                (await sessions.RefreshAsync(refreshToken, "203.0.113.9")).ShouldNotBeNull();
                (await sessions.RefreshAsync(refreshToken, "198.51.100.1")).ShouldBeNull("a used refresh token ends its session");
                break;
            case "two steps off by the operator":
                await db.Database.ExecuteSqlAsync($"UPDATE accounts SET two_factor_enabled = TRUE WHERE id = {account.Id}");
                (await provider.GetRequiredService<AccountTwoStep>().TurnOffByOperatorAsync(account.Email)).Change.ShouldBe(TwoStepChange.TurnedOff);
                break;
            case "erasure":
                (await provider.GetRequiredService<AccountErasure>().EraseAsync(account.Id)).ShouldBeTrue();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(way), way, "not a way to end a session");
        }
    }

    protected static SessionKind KindFor(string way) => way is "refresh token reused" ? SessionKind.Token : SessionKind.Cookie;

    protected static async Task<string> IssueRefreshTokenAsync(IServiceProvider services, AccountSession session)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountSessions>().IssueRefreshTokenAsync(session);
    }
}

public sealed class SqliteOpenSessionsTests(SqliteTarget target) : OpenSessionsSuite(target), IClassFixture<SqliteTarget>;

/// <summary>And across processes: two sets of services on one PostgreSQL database, each listening, as two instances.</summary>
public sealed class PostgresOpenSessionsTests(PostgresTarget target) : OpenSessionsSuite(target), IClassFixture<PostgresTarget>, INeedPostgres
{
    private readonly PostgresTarget _target = target;

    [StorageFact]
    public async Task Given_a_session_kept_by_another_instance_When_it_ends_here_in_any_way_Then_that_instance_forgets_it_when_the_change_commits()
    {
        var database = await _target.CreateDatabaseAsync();
        await using var there = database.BuildServices();
        await ListeningAsync(there);
        var kept = there.GetRequiredService<OpenSessions>();
        foreach (var way in WaysToEnd)
        {
            var (here, account, session) = await SignedInAsync(TimeProvider.System, KindFor(way), database);
            await using var _ = here;
            var refreshToken = way is "refresh token reused" ? await IssueRefreshTokenAsync(here, session) : null;
            (await IsOpenAsync(there, session)).ShouldBeTrue(way);
            kept.Holds(account.Id).ShouldBeTrue($"{way}: the other instance keeps it, or this test proves nothing");

            await EndAsync(here, way, account, session, refreshToken);

            await EventuallyAsync(() => !kept.Holds(account.Id), $"{way}: the notice reaches the other instance");
            (await IsOpenAsync(there, session)).ShouldBeFalse(way);
        }
    }

    [StorageFact]
    public async Task Given_a_sign_out_in_a_transaction_that_rolls_back_When_the_other_instance_listens_Then_it_keeps_the_session()
    {
        var database = await _target.CreateDatabaseAsync();
        var (here, account, session) = await SignedInAsync(TimeProvider.System, database: database);
        await using var _ = here;
        await using var there = database.BuildServices();
        await ListeningAsync(there);
        var (_, someoneElse, theirSession) = await SignedInElsewhereAsync(here);
        (await IsOpenAsync(there, session)).ShouldBeTrue();
        (await IsOpenAsync(there, theirSession)).ShouldBeTrue();
        var kept = there.GetRequiredService<OpenSessions>();

        await using (var scope = here.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<AccountSessions>().EndAsync(session.Id, account.Id, null);
            await transaction.RollbackAsync();
        }

        // A committed sign-out sent after the rolled-back one shows that notices have been delivered.
        await EndAsync(here, "sign out", someoneElse, theirSession);
        await EventuallyAsync(() => !kept.Holds(someoneElse.Id), "the committed notice arrives");
        kept.Holds(account.Id).ShouldBeTrue("a rolled-back sign-out sends no notice");
        (await IsOpenAsync(there, session)).ShouldBeTrue("and the session is open");
    }

    [StorageFact]
    public async Task Given_a_save_of_one_statement_that_changes_a_stamp_When_saved_Then_its_notice_is_sent_inside_its_transaction_as_it_commits()
    {
        var database = await _target.CreateDatabaseAsync();
        var (here, account, _) = await SignedInAsync(TimeProvider.System, database: database);
        await using var _services = here;
        await using var scope = here.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var interceptor = scope.ServiceProvider.GetRequiredService<CacheInvalidationInterceptor>();

        (await db.Accounts.SingleAsync(a => a.Id == account.Id)).ChangeRole(AccountRole.Clinician);
        await db.SaveChangesAsync();

        interceptor.SentAtCommit.ShouldBe(1, "EF sends a lone UPDATE bare; the interceptor made it a transaction and put the notice in it");
        db.Database.AutoTransactionBehavior.ShouldBe(AutoTransactionBehavior.WhenNeeded, "the context's setting is put back");
    }

    [StorageFact]
    public async Task Given_an_instance_not_listening_When_a_session_is_checked_Then_the_database_answers_every_time()
    {
        var database = await _target.CreateDatabaseAsync();
        var (here, account, session) = await SignedInAsync(TimeProvider.System, database: database);
        await using var _ = here;
        await using var deaf = database.BuildServices();

        (await IsOpenAsync(deaf, session)).ShouldBeTrue();
        deaf.GetRequiredService<OpenSessions>().Holds(account.Id).ShouldBeFalse("nothing kept while notices could be missed");
        await using (var scope = deaf.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Database
                .ExecuteSqlAsync($"DELETE FROM account_sessions WHERE id = {session.Id}");
        }

        (await IsOpenAsync(deaf, session)).ShouldBeFalse("read from the database at once");
    }

    private static async Task<(ServiceProvider, Account, AccountSession)> SignedInElsewhereAsync(ServiceProvider services)
    {
        var account = await Samples.RegisterAsync(services);
        await using var scope = services.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<AccountSessions>().StartAsync(account, SessionKind.Cookie, remember: false, null);
        return (services, account, session);
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Not within {Patience.TotalSeconds} s: {what}.");
            }

            await Task.Delay(50);
        }
    }
}
