using BackCare.Data;
using BackCare.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

/// <summary>
/// "Who looked at my record": the person's audit trail, newest first, a page at a time; and, on the first page, their
/// own sign-in history (sign-ins, wrong passwords, password changes, sign-outs), so they can spot what was not them.
/// </summary>
[Authorize]
public sealed class ActivityModel(AccountActivity activity, BackCareDbContext db, TimeProvider clock) : PageModel
{
    public const int SignInHistoryLength = 30;

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public ActivityPage Activity { get; private set; } = null!;

    public IReadOnlyList<AccountEvent> SignIns { get; private set; } = [];

    /// <summary>The person's clinic's time zone: times are said in it, with its place.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public string? Place => PatientTimes.Place(Zone.Id);

    public DateTime NowUtc { get; } = clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        Zone = await BackCare.Web.Check.SavedCheckModel.ZoneOfAsync(db, owner, cancellationToken);
        Activity = await activity.PageAsync(owner, PageNumber, cancellationToken);
        if (Activity.Page == 1)
        {
            SignIns = await db.AccountEvents.AsNoTracking()
                .Where(e => e.AccountId == owner)
                .OrderByDescending(e => e.Id)
                .Take(SignInHistoryLength)
                .ToListAsync(cancellationToken);
        }
    }
}
