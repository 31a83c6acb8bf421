using BackCare.Data;
using BackCare.Data.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Notifications;

/// <summary>
/// Stops one kind of email from the link at its foot, without signing in: the signed token is the permission. A GET
/// only asks (mail scanners follow links, and must not unsubscribe anyone); the button POSTs. A mail program's
/// one-click unsubscribe (RFC 8058) POSTs to the same address with the token in the query. Neither carries an
/// antiforgery token, and neither needs one: a forged request would need the token, which only the email holds.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(BackCareDbContext db, UnsubscribeLinks links, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public NotificationTopic? Topic { get; private set; }

    public bool Done { get; private set; }

    public IActionResult OnGet()
    {
        Topic = links.Read(Token)?.Topic;
        return Answer();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (links.Read(Token) is not var (accountId, topic))
        {
            return Answer();
        }

        Topic = topic;
        if (await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            var preferences = await EmailSettingsModel.PreferencesOf(db, accountId, cancellationToken);
            preferences.Set(topic, wanted: false, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        Done = true;
        return Answer();
    }

    private PageResult Answer()
    {
        if (Topic is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
