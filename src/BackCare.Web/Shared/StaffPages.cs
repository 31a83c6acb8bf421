using System.Security.Claims;
using BackCare.Data.Accounts;

namespace BackCare.Web;

/// <summary>One page in the header of the clinic's staff, for the roles that may open it.</summary>
/// <param name="TextKey">Its name in <c>Text/en/pages.json</c>.</param>
/// <param name="Section">True when the pages under it (<c>/clinic/inbox/...</c>) count as it for <c>aria-current</c>.</param>
public sealed record StaffPage(string Href, string TextKey, IReadOnlyList<AccountRole> Roles, bool Section);

/// <summary>
/// The header of clinicians and administrators, in one table: their own pages and none of the patient site's
/// ("Check my back", the diary, visits). A new staff page is one line here, with the roles it is for.
/// </summary>
public static class StaffPages
{
    public static IReadOnlyList<StaffPage> All { get; } =
    [
        new("/clinic", "nav_worklist", [AccountRole.Clinician], Section: false),
        new("/clinic/inbox", "nav_inbox", [AccountRole.Clinician], Section: true),
        new("/clinic/patients", "nav_patients", [AccountRole.Clinician], Section: true),
        new("/admin/clinicians", "nav_clinic_settings", [AccountRole.Administrator], Section: true),
        new("/admin/clinics", "admin_nav_clinics", [AccountRole.Administrator], Section: true),
        new("/clinic/outcomes", "nav_outcomes", [AccountRole.Clinician, AccountRole.Administrator], Section: false),
        new("/account", "nav_account", [AccountRole.Clinician, AccountRole.Administrator], Section: false),
    ];

    /// <summary>A clinician or an administrator: someone who works for a clinic, not a patient.</summary>
    public static bool IsStaff(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(nameof(AccountRole.Clinician)) || user.IsInRole(nameof(AccountRole.Administrator));
    }

    public static IEnumerable<StaffPage> For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return All.Where(page => page.Roles.Any(role => user.IsInRole(role.ToString())));
    }

    /// <summary>Where the staff member's work starts (the worklist, or the clinic settings): the brand and back links go there.</summary>
    public static StaffPage Home(ClaimsPrincipal user) => For(user).First();

    public static bool IsCurrent(StaffPage page, PathString path)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Section ? path.StartsWithSegments(page.Href) : path == page.Href;
    }
}
