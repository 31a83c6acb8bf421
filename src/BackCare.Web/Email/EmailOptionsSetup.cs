using BackCare.Data.Storage;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BackCare.Web.Email;

/// <summary>
/// Fills in what <see cref="EmailOptions"/> leaves to the environment (the mode, the pickup folder, a sender for files
/// nobody receives), then checks the result. The check runs when the host starts (<c>ValidateOnStart</c>), so a
/// server without a way to send email stops with the settings to set instead of failing on someone's first reset.
/// </summary>
internal sealed class EmailOptionsSetup(IHostEnvironment environment, IServiceProvider services)
    : IPostConfigureOptions<EmailOptions>, IValidateOptions<EmailOptions>
{
    /// <summary>The sender of pickup files: no server sees them, so no real domain is needed (.invalid is reserved for that).</summary>
    public const string PickupFrom = "BackCare <no-reply@backcare.invalid>";

    public void PostConfigure(string? name, EmailOptions options)
    {
        options.Mode ??= !string.IsNullOrWhiteSpace(options.Smtp.Host) ? EmailMode.Smtp
            : environment.IsDevelopment() ? EmailMode.Pickup
            : null;
        if (string.IsNullOrWhiteSpace(options.From))
        {
            options.From = null; // An empty value in a settings file means "not set", as it does for the host.
        }

        if (options.Mode == EmailMode.Pickup)
        {
            options.From ??= PickupFrom;
            options.PickupFolder = Path.GetFullPath(
                string.IsNullOrWhiteSpace(options.PickupFolder) ? Path.Combine(DataFolder(), "mail") : options.PickupFolder);
        }
    }

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var problems = new List<string>();
        switch (options.Mode)
        {
            case null:
                problems.Add(
                    $"Email is not set up, and outside Development BackCare does not start without it: nobody could confirm " +
                    $"an address or reset a password. Set {EmailOptions.HostKey} (with {EmailOptions.FromKey}, and " +
                    $"{EmailOptions.UserNameKey} and {EmailOptions.PasswordKey} if the server asks for them) to send through " +
                    $"an SMTP server, or {EmailOptions.ModeKey}=Pickup to write each message to a folder " +
                    $"({EmailOptions.PickupFolderKey}) on purpose.");
                break;
            case EmailMode.Smtp:
                CheckSmtp(options, problems);
                break;
        }

        if (!string.IsNullOrWhiteSpace(options.From) && !MailboxAddress.TryParse(options.From, out _))
        {
            problems.Add($"{EmailOptions.FromKey} '{options.From}' is not a mailbox; write it like \"BackCare <no-reply@example.org>\".");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckSmtp(EmailOptions options, List<string> problems)
    {
        var smtp = options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            problems.Add($"{EmailOptions.ModeKey} is Smtp but {EmailOptions.HostKey} is not set.");
        }

        if (string.IsNullOrWhiteSpace(options.From))
        {
            problems.Add($"{EmailOptions.FromKey} is required to send through SMTP, for example \"BackCare <no-reply@example.org>\".");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            problems.Add($"Email:Smtp:Port must be between 1 and 65535, got {smtp.Port}.");
        }

        if (smtp.TimeoutSeconds < 1)
        {
            problems.Add($"Email:Smtp:TimeoutSeconds must be at least 1, got {smtp.TimeoutSeconds}.");
        }

        if (string.IsNullOrEmpty(smtp.UserName) != string.IsNullOrEmpty(smtp.Password))
        {
            problems.Add($"{EmailOptions.UserNameKey} and {EmailOptions.PasswordKey} go together: set both or neither.");
        }
    }

    /// <summary>The SQLite database's folder, or where it would be by default when the database is elsewhere.</summary>
    private string DataFolder()
    {
        var storage = services.GetService<StorageOptions>();
        var file = (storage is { Provider: StorageProvider.Sqlite } ? storage.SqliteFilePath() : null)
            ?? new StorageOptions(StorageProvider.Sqlite, StorageOptions.DefaultSqliteConnectionString).SqliteFilePath()!;
        return Path.GetDirectoryName(file)!;
    }
}
