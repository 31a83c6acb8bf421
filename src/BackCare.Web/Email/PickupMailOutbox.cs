using System.Globalization;
using BackCare.Data.Storage;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Email;

/// <summary>
/// Writes each message to the pickup folder as an <c>.eml</c> file (a mail program opens it as it would have arrived)
/// instead of sending it. The files hold sign-in links to accounts with health records, so the folder and the files are
/// the server's user's only (0700 and 0600 on Unix), as the database is.
/// </summary>
internal sealed class PickupMailOutbox(IOptions<EmailOptions> options, TimeProvider clock, ILogger<PickupMailOutbox> logger) : IMailOutbox
{
    private readonly EmailOptions _options = options.Value;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var message = MimeMail.From(mail, _options.From!);
        var folder = _options.PickupFolder!;
        // Sorted by time when listed; the recipient is left out of the name, which a directory listing shows to anyone.
        var path = Path.Combine(folder, string.Create(
            CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}.eml"));
        try
        {
            CreateFolder(folder);
            await using var file = CreateFile(path);
            await message.WriteToAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e.Message;
            logger.LogError(e, "Email not written to {Folder}: {Reason}", folder, reason);
            throw new MailDeliveryException($"Email not written to {folder} ({EmailOptions.PickupFolderKey}): {reason}", e);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Email written to {Path} instead of sent (Email:Mode=Pickup, or Development without Email:Smtp:Host)", path);
        }
    }

    private static FileStream CreateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = StorageStartup.OwnerOnlyFile;
        }

        return new FileStream(path, options);
    }

    private static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return; // An operator's own folder keeps the mode they gave it.
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, StorageStartup.OwnerOnlyFolder);
        }
    }
}
