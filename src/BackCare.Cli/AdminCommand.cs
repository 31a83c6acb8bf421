using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Cli;

/// <summary>
/// <c>backcare admin create --email E [--name N]</c>, <c>backcare admin list</c> and
/// <c>backcare admin two-step-off --email E</c>. Administrators are made on the
/// server by whoever can run commands there, never through the web, so the first one needs nobody to sign in first.
/// Each opens the database as the web app does at start (reachable, schema brought up to date), but never makes a
/// new SQLite file: the default file is relative to the current folder, and an administrator made in a stray new
/// database would sign in nowhere.
/// </summary>
internal static class AdminCommand
{
    public const int Refused = 1;
    public const int StorageFailed = 1;
    public const int ConfigurationError = 2;
    public const string DefaultName = "Administrator";

    /// <summary>Letters and digits that cannot be misread for each other (no 0/O, 1/l/I), for a password read off a terminal.</summary>
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>24 characters of <see cref="PasswordAlphabet"/>: about 139 random bits, far past guessing.</summary>
    public const int PasswordLength = 24;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var admin = new Command("admin", "Make and list BackCare's administrators (they make the clinicians' accounts).");
        admin.Subcommands.Add(CreateCommand(output, error));
        admin.Subcommands.Add(ListCommand(output, error));
        admin.Subcommands.Add(TwoStepOffCommand(output, error));
        return admin;
    }

    private static Command CreateCommand(TextWriter output, TextWriter error)
    {
        var email = new Option<string>("--email") { Description = "The administrator's email address: they sign in with it.", Required = true };
        var name = new Option<string?>("--name") { Description = $"The name BackCare shows for them (default: {DefaultName})." };
        var storage = new StorageArguments();
        var command = storage.AddTo(new Command("create", "Make an administrator account and print its one-time password.") { email, name });
        command.SetAction((parse, cancellationToken) => CreateAsync(
            parse.GetValue(email)!, parse.GetValue(name), parse.GetValue(storage.Provider), parse.GetValue(storage.Connection),
            output, error, cancellationToken));
        return command;
    }

    private static Command ListCommand(TextWriter output, TextWriter error)
    {
        var storage = new StorageArguments();
        var command = storage.AddTo(new Command("list", "List the administrators: email, name and when each was made (UTC)."));
        command.SetAction((parse, cancellationToken) => ListAsync(
            parse.GetValue(storage.Provider), parse.GetValue(storage.Connection), output, error, cancellationToken));
        return command;
    }

    private static Command TwoStepOffCommand(TextWriter output, TextWriter error)
    {
        var email = new Option<string>("--email") { Description = "The email of the account to turn two-step sign-in off for.", Required = true };
        var storage = new StorageArguments();
        var command = storage.AddTo(new Command(
            "two-step-off",
            "Turn two-step sign-in off for someone who lost both their authenticator app and their recovery codes. Make sure who " +
            "they are another way first (a call to the number the clinic has for them). Every session of the account ends; staff " +
            "set up an authenticator again when they next sign in.") { email });
        command.SetAction((parse, cancellationToken) => TwoStepOffAsync(
            parse.GetValue(email)!, parse.GetValue(storage.Provider), parse.GetValue(storage.Connection), output, error, cancellationToken));
        return command;
    }

    public static Task<int> TwoStepOffAsync(
        string email, string? provider, string? connection, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        WithDatabaseAsync("admin two-step-off", provider, connection, output, error, async services =>
        {
            var outcome = await services.GetRequiredService<AccountTwoStep>().TurnOffByOperatorAsync(email, cancellationToken);
            switch (outcome.Change)
            {
                case TwoStepChange.TurnedOff:
                    output.WriteLine($"Two-step sign-in is now off for {outcome.Account!.Email}, and every session of the account has ended.");
                    output.WriteLine(outcome.Account.Role == AccountRole.Patient
                        ? "They sign in with their password, and can turn it on again under Signing in and security."
                        : "They sign in with their password and must set up an authenticator app before the clinic or admin pages open.");
                    return 0;
                case TwoStepChange.AlreadyOff:
                    await error.WriteLineAsync($"backcare admin two-step-off: two-step sign-in is already off for '{email}'. Nothing was changed.");
                    return Refused;
                default:
                    await error.WriteLineAsync($"backcare admin two-step-off: there is no account with the email '{email}'. Nothing was changed.");
                    return Refused;
            }
        }, cancellationToken);

    public static async Task<int> CreateAsync(
        string email, string? name, string? provider, string? connection, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var displayName = name ?? DefaultName;
        var password = RandomNumberGenerator.GetString(PasswordAlphabet, PasswordLength);

        // Checked before the database is opened, so that a typo makes nothing, not even an empty database file.
        if (AccountService.Check(email, password, displayName) is [var invalid, ..])
        {
            await error.WriteLineAsync($"backcare admin create: {Problem(invalid, email)}");
            return Refused;
        }

        return await WithDatabaseAsync("admin create", provider, connection, output, error, async services =>
        {
            var outcome = await services.GetRequiredService<AccountService>()
                .RegisterAsync(email, password, displayName, AccountRole.Administrator, cancellationToken);
            if (outcome.Account is not { } account)
            {
                await error.WriteLineAsync($"backcare admin create: {Problem(outcome.Error!.Value, email)}");
                return Refused;
            }

            output.WriteLine($"Made the administrator {account.Email} ({account.DisplayName}).");
            output.WriteLine($"One-time password: {password}");
            output.WriteLine("It is shown only this once and BackCare keeps only its hash. Sign in with it, then change it.");
            return 0;
        }, cancellationToken);
    }

    public static Task<int> ListAsync(string? provider, string? connection, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        WithDatabaseAsync("admin list", provider, connection, output, error, async services =>
        {
            var administrators = await services.GetRequiredService<BackCareDbContext>().Accounts.AsNoTracking()
                .Where(a => a.Role == AccountRole.Administrator)
                .OrderBy(a => a.CreatedUtc).ThenBy(a => a.Email)
                .Select(a => new { a.Email, a.DisplayName, a.CreatedUtc })
                .ToListAsync(cancellationToken);
            if (administrators.Count == 0)
            {
                output.WriteLine("No administrators yet. Make the first with: backcare admin create --email you@example.org");
                return 0;
            }

            output.WriteLine("Email\tName\tCreated (UTC)");
            foreach (var administrator in administrators)
            {
                var created = administrator.CreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                output.WriteLine($"{administrator.Email}\t{administrator.DisplayName}\t{created}");
            }

            return 0;
        }, cancellationToken);

    /// <summary>Why nothing was made, in the terms of the command line.</summary>
    private static string Problem(RegistrationError error, string email) => error switch
    {
        RegistrationError.InvalidEmail => $"'{email}' is not an email address like name@example.org. Nothing was made.",
        RegistrationError.EmailTaken => $"an account with the email '{email}' exists already. Nothing was made.",
        RegistrationError.DisplayNameRequired => "--name must not be empty. Nothing was made.",
        _ => $"the account was refused ({error}). Nothing was made.",
    };

    /// <summary>
    /// Opens the database from the settings and runs the work in one scope; a database that cannot be opened or
    /// migrated is an error naming it, with the exit codes of <c>migrate</c>.
    /// </summary>
    private static async Task<int> WithDatabaseAsync(
        string command, string? provider, string? connection, TextWriter output, TextWriter error,
        Func<IServiceProvider, Task<int>> work, CancellationToken cancellationToken)
    {
        StorageOptions? options = null;
        try
        {
            options = StorageArguments.Read(provider, connection);
            if (options.Provider == StorageProvider.Sqlite && options.SqliteFilePath() is { } file && !File.Exists(file))
            {
                await error.WriteLineAsync(
                    $"backcare {command}: there is no database at {options.DescribeTarget()}. Name the web app's database with "
                    + "--connection \"Data Source=...\" (or ConnectionStrings__BackCare), or make it first with backcare migrate or by starting the web app.");
                return ConfigurationError;
            }

            await using var services = new ServiceCollection().AddBackCareStorage(options).BuildServiceProvider();
            await services.InitializeBackCareStorageAsync(cancellationToken);
            output.WriteLine($"Database: {options.DescribeTarget()}");
            await using var scope = services.CreateAsyncScope();
            return await work(scope.ServiceProvider);
        }
        catch (StorageConfigurationException e)
        {
            await error.WriteLineAsync($"backcare {command}: {e.Message}");
            return ConfigurationError;
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"backcare {command}: {options?.DescribeTarget()} failed: {e.Message} Nothing was changed.");
            return StorageFailed;
        }
    }
}
