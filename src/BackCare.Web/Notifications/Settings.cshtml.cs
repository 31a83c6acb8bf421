using BackCare.Data;
using BackCare.Data.Notifications;
using BackCare.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Notifications;

/// <summary>Which emails the signed-in person wants: a form of three checkboxes, no script needed.</summary>
[Authorize]
public sealed class EmailSettingsModel(BackCareDbContext db, TimeProvider clock) : PageModel
{
    public const string Path = "/account/emails";

    [BindProperty]
    public bool VisitReminders { get; set; }

    [BindProperty]
    public bool DiaryNudge { get; set; }

    [BindProperty]
    public bool RiskScreenReminder { get; set; }

    [FromQuery(Name = "saved")]
    public bool Saved { get; set; }

    public bool EmailConfirmed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var preferences = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.AccountId == owner, cancellationToken)
            ?? NotificationPreferences.Defaults(owner);
        VisitReminders = preferences.VisitReminders;
        DiaryNudge = preferences.DiaryNudge;
        RiskScreenReminder = preferences.RiskScreenReminder;
        EmailConfirmed = await db.Accounts.AsNoTracking().Where(a => a.Id == owner).Select(a => a.EmailConfirmed).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var preferences = await PreferencesOf(db, owner, cancellationToken);
        preferences.Set(NotificationTopic.VisitReminders, VisitReminders, now);
        preferences.Set(NotificationTopic.DiaryNudge, DiaryNudge, now);
        preferences.Set(NotificationTopic.RiskScreenReminder, RiskScreenReminder, now);
        await db.SaveChangesAsync(cancellationToken);
        return LocalRedirect(Path + "?saved=true");
    }

    /// <summary>The person's preferences, tracked; a new row (added, not yet saved) for someone who never changed them.</summary>
    internal static async Task<NotificationPreferences> PreferencesOf(BackCareDbContext db, Guid accountId, CancellationToken cancellationToken)
    {
        var preferences = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.AccountId == accountId, cancellationToken);
        if (preferences is null)
        {
            preferences = NotificationPreferences.Defaults(accountId);
            db.NotificationPreferences.Add(preferences);
        }

        return preferences;
    }
}
