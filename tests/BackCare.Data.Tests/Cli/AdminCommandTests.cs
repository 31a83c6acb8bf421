using System.CommandLine;
using BackCare.Cli;
using BackCare.Data.Accounts;
using BackCare.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Cli;

public sealed class AdminCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("backcare-cli-").FullName;

    private string File => Path.Combine(folder, "data", "backcare.db");

    private string Connection => $"Data Source={File}";

    /// <summary>Most tests start on a database the web app (or migrate) has made; admin never makes one.</summary>
    private void Migrate() =>
        new RootCommand { MigrateCommand.Create(TextWriter.Null, TextWriter.Null) }.Parse(["migrate", "--connection", Connection]).Invoke().ShouldBe(0);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Given_a_migrated_SQLite_file_When_admin_create_runs_Then_it_prints_a_one_time_password_that_signs_in_as_that_administrator()
    {
        Migrate();

        var result = Run("admin", "create", "--email", "ada@example.org", "--name", "Ada Admin", "--connection", Connection);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe($"Database: the SQLite file '{File}'");
        lines[1].ShouldBe("Made the administrator ada@example.org (Ada Admin).");
        lines[2].ShouldMatch("^One-time password: [A-HJ-NP-Za-km-z2-9]{24}$");
        lines[3].ShouldContain("shown only this once");
        lines[3].ShouldEndWith("Sign in with it, then change it.");
        var password = lines[2]["One-time password: ".Length..];
        var signIn = await WithAccounts(a => a.SignInAsync("ada@example.org", password, client: null));
        signIn.Account.ShouldNotBeNull();
        (signIn.Account.Role, signIn.Account.DisplayName).ShouldBe((AccountRole.Administrator, "Ada Admin"));
    }

    [Fact]
    public void Given_two_administrators_made_When_each_is_given_a_password_Then_the_passwords_differ()
    {
        Migrate();

        var first = Run("admin", "create", "--email", "one@example.org", "--connection", Connection);
        var second = Run("admin", "create", "--email", "two@example.org", "--connection", Connection);

        first.ExitCode.ShouldBe(0, first.Error);
        second.ExitCode.ShouldBe(0, second.Error);
        PasswordOf(first).ShouldNotBe(PasswordOf(second));
        first.Output.ShouldContain("Made the administrator one@example.org (Administrator).");
    }

    [Fact]
    public async Task Given_an_email_that_has_an_account_When_admin_create_runs_with_it_in_any_case_Then_it_fails_on_stderr_and_nothing_more_is_made()
    {
        Migrate();

        Run("admin", "create", "--email", "ada@example.org", "--connection", Connection).ExitCode.ShouldBe(0);

        var result = Run("admin", "create", "--email", "ADA@Example.org", "--name", "Someone Else", "--connection", Connection);

        result.ExitCode.ShouldBe(AdminCommand.Refused);
        result.Output.ShouldNotContain("password");
        result.Error.ShouldBe("backcare admin create: an account with the email 'ADA@Example.org' exists already. Nothing was made.\n");
        (await WithDb(db => db.Accounts.CountAsync())).ShouldBe(1);
        (await WithDb(db => db.Accounts.SingleAsync())).DisplayName.ShouldBe("Administrator");
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("ada@example")]
    [InlineData("аda@example.org")]
    public void Given_an_invalid_email_When_admin_create_runs_Then_it_fails_on_stderr_before_any_database_is_made(string email)
    {
        var result = Run("admin", "create", "--email", email, "--connection", Connection);

        result.ExitCode.ShouldBe(AdminCommand.Refused);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldBe($"backcare admin create: '{email}' is not an email address like name@example.org. Nothing was made.\n");
        System.IO.File.Exists(File).ShouldBeFalse();
    }

    [Fact]
    public void Given_an_empty_name_or_no_email_When_admin_create_runs_Then_it_fails_saying_what_is_missing()
    {
        var blank = Run("admin", "create", "--email", "ada@example.org", "--name", " ", "--connection", Connection);
        var missing = Run("admin", "create", "--connection", Connection);

        blank.ExitCode.ShouldBe(AdminCommand.Refused);
        blank.Error.ShouldBe("backcare admin create: --name must not be empty. Nothing was made.\n");
        missing.ExitCode.ShouldNotBe(0);
        missing.Error.ShouldContain("--email");
        System.IO.File.Exists(File).ShouldBeFalse();
    }

    [Fact]
    public async Task Given_two_administrators_and_a_patient_When_admin_list_runs_Then_it_prints_the_two_with_name_and_date_made_and_not_the_patient()
    {
        Migrate();

        Run("admin", "create", "--email", "ada@example.org", "--name", "Ada Admin", "--connection", Connection).ExitCode.ShouldBe(0);
        Run("admin", "create", "--email", "bo@example.org", "--name", "Bo Admin", "--connection", Connection).ExitCode.ShouldBe(0);
        (await WithAccounts(a => a.RegisterAsync("pat@example.org", "correct horse battery", "Pat"))).Succeeded.ShouldBeTrue();

        var result = Run("admin", "list", "--connection", Connection);

        result.ExitCode.ShouldBe(0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(4);
        lines[0].ShouldBe($"Database: the SQLite file '{File}'");
        lines[1].ShouldBe("Email\tName\tCreated (UTC)");
        lines[2].ShouldMatch(@"^ada@example\.org\tAda Admin\t\d{4}-\d{2}-\d{2} \d{2}:\d{2}$");
        lines[3].ShouldMatch(@"^bo@example\.org\tBo Admin\t\d{4}-\d{2}-\d{2} \d{2}:\d{2}$");
    }

    [Fact]
    public void Given_no_administrator_When_admin_list_runs_Then_it_says_so_and_how_to_make_one()
    {
        Migrate();

        var result = Run("admin", "list", "--connection", Connection);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldEndWith("No administrators yet. Make the first with: backcare admin create --email you@example.org\n");
    }

    [Fact]
    public void Given_no_database_file_When_admin_create_or_list_runs_Then_each_fails_naming_the_file_and_makes_none()
    {
        var create = Run("admin", "create", "--email", "ada@example.org", "--connection", Connection);
        var list = Run("admin", "list", "--connection", Connection);

        create.ExitCode.ShouldBe(AdminCommand.ConfigurationError);
        create.Output.ShouldBeEmpty();
        create.Error.ShouldStartWith($"backcare admin create: there is no database at the SQLite file '{File}'. Name the web app's database with --connection");
        list.ExitCode.ShouldBe(AdminCommand.ConfigurationError);
        list.Error.ShouldStartWith($"backcare admin list: there is no database at the SQLite file '{File}'.");
        System.IO.File.Exists(File).ShouldBeFalse();
        Directory.Exists(Path.GetDirectoryName(File)).ShouldBeFalse();
    }

    [Fact]
    public void Given_an_unknown_provider_When_admin_list_runs_Then_it_fails_with_the_reason_and_exit_code_2()
    {
        var result = Run("admin", "list", "--provider", "Oracle", "--connection", Connection);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("backcare admin list: Database:Provider must be Sqlite or Postgres, got 'Oracle'.\n");
    }

    [Fact]
    public async Task Given_a_person_who_lost_their_authenticator_and_codes_When_the_operator_runs_two_step_off_Then_the_password_alone_signs_in_and_their_sessions_end()
    {
        Migrate();
        var (account, stamp) = await WithServices(async services =>
        {
            var made = await services.GetRequiredService<AccountService>().RegisterAsync("kim@example.org", "kim's long passphrase", "Kim");
            var twoStep = services.GetRequiredService<AccountTwoStep>();
            var key = twoStep.NewAuthenticatorKey();
            (await twoStep.TurnOnAsync(made.Account!.Id, key, BackCare.Tests.Totp.NextCode(key), "kim's long passphrase", null)).Change.ShouldBe(TwoStepChange.TurnedOn);
            var stored = await services.GetRequiredService<BackCareDbContext>().Accounts.AsNoTracking().SingleAsync();
            return (stored, stored.SecurityStamp);
        });
        (await WithAccounts(a => a.SignInAsync("kim@example.org", "kim's long passphrase", null))).SecondStepRequired.ShouldBeTrue();

        var result = Run("admin", "two-step-off", "--email", "KIM@example.org", "--connection", Connection);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("Two-step sign-in is now off for kim@example.org");
        var after = await WithDb(db => db.Accounts.AsNoTracking().SingleAsync());
        (after.TwoFactorEnabled, after.AuthenticatorKey, after.RecoveryCodeHashes).ShouldBe((false, null, null));
        after.SecurityStamp.ShouldNotBe(stamp, "every session made under the old stamp ends");
        (await WithAccounts(a => a.SignInAsync("kim@example.org", "kim's long passphrase", null))).SecondStepRequired.ShouldBeFalse();
        var events = await WithDb(db => db.AccountEvents.Where(e => e.AccountId == account.Id && e.Kind == AccountEventKind.TwoFactorDisabled).ToListAsync());
        events.ShouldHaveSingleItem().RemoteAddress.ShouldBe(AccountTwoStep.OperatorClient);

        var again = Run("admin", "two-step-off", "--email", "kim@example.org", "--connection", Connection);
        again.ExitCode.ShouldBe(AdminCommand.Refused);
        again.Error.ShouldContain("already off");
        var unknown = Run("admin", "two-step-off", "--email", "nobody@example.org", "--connection", Connection);
        unknown.ExitCode.ShouldBe(AdminCommand.Refused);
        unknown.Error.ShouldContain("there is no account with the email 'nobody@example.org'");
    }

    private async Task<T> WithServices<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var services = new ServiceCollection().AddBackCareStorage(new StorageOptions(StorageProvider.Sqlite, Connection)).BuildServiceProvider();
        await services.InitializeBackCareStorageAsync();
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static string PasswordOf((int ExitCode, string Output, string Error) result) =>
        result.Output.Split('\n').Single(l => l.StartsWith("One-time password: ", StringComparison.Ordinal))["One-time password: ".Length..];

    private async Task<T> WithAccounts<T>(Func<AccountService, Task<T>> work)
    {
        await using var services = new ServiceCollection().AddBackCareStorage(new StorageOptions(StorageProvider.Sqlite, Connection)).BuildServiceProvider();
        await services.InitializeBackCareStorageAsync();
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AccountService>());
    }

    private async Task<T> WithDb<T>(Func<BackCareDbContext, Task<T>> work)
    {
        await using var services = new ServiceCollection().AddBackCareStorage(new StorageOptions(StorageProvider.Sqlite, Connection)).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BackCareDbContext>());
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var root = new RootCommand { AdminCommand.Create(output, error) };
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
