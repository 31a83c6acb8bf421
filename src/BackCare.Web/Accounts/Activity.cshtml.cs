using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>"Who looked at my record": the person's audit trail, newest first, a page at a time.</summary>
[Authorize]
public sealed class ActivityModel(AccountActivity activity) : PageModel
{
    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public ActivityPage Activity { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var owner = AccountClaims.AccountIdOf(User)!.Value;
        Activity = await activity.PageAsync(owner, PageNumber, cancellationToken);
    }
}
